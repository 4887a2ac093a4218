// The contract research organisations we recognise among a registry record's collaborators: one
// table, each CRO with the names it is registered under (earlier names of the same business
// included). Names are compared by organisationKey: case, accents, punctuation, "&"/"and" and a
// closing legal form (Inc, Ltd, LLC, GmbH, S.A., plc, Corporation, …) make no difference.
import { organisationKey } from '../../import/ctgov/normalise';

export interface KnownCro {
  /** Stable id of the CRO when the import creates it. */
  id: string;
  name: string;
  /** Other names it appears under: former names, merged businesses, local subsidiaries. */
  aliases: readonly string[];
}

export const KNOWN_CROS: readonly KnownCro[] = [
  { id: 'cro-iqvia', name: 'IQVIA', aliases: ['Quintiles', 'Quintiles Transnational', 'QuintilesIMS', 'Quintiles IMS', 'IQVIA Biotech', 'Novella Clinical', 'IQVIA RDS'] },
  { id: 'cro-ppd', name: 'PPD', aliases: ['PPD Development', 'Pharmaceutical Product Development', 'PPD Global', 'PPD, part of Thermo Fisher Scientific'] },
  { id: 'cro-parexel', name: 'Parexel', aliases: ['Parexel International'] },
  { id: 'cro-icon', name: 'ICON', aliases: ['ICON Clinical Research', 'ICON plc'] },
  { id: 'cro-pra-health-sciences', name: 'PRA Health Sciences', aliases: ['PRA International', 'Pharmaceutical Research Associates'] },
  { id: 'cro-syneos-health', name: 'Syneos Health', aliases: ['INC Research', 'inVentiv Health Clinical', 'inVentiv Health'] },
  { id: 'cro-labcorp-drug-development', name: 'Labcorp Drug Development', aliases: ['Covance', 'Labcorp Clinical Development', 'Fortrea'] },
  { id: 'cro-medpace', name: 'Medpace', aliases: [] },
  { id: 'cro-psi', name: 'PSI CRO', aliases: ['PSI', 'PSI Pharma Support International'] },
  { id: 'cro-worldwide-clinical-trials', name: 'Worldwide Clinical Trials', aliases: [] },
  { id: 'cro-novotech', name: 'Novotech', aliases: ['Novotech (Australia)'] },
  { id: 'cro-premier-research', name: 'Premier Research', aliases: ['Premier Research Group'] },
  { id: 'cro-chiltern', name: 'Chiltern International', aliases: ['Chiltern'] },
  { id: 'cro-pharm-olam', name: 'Pharm-Olam', aliases: ['Allucent'] },
  { id: 'cro-synteract', name: 'Synteract', aliases: [] },
  { id: 'cro-veristat', name: 'Veristat', aliases: [] },
  { id: 'cro-clinipace', name: 'Clinipace', aliases: ['dMed Clinipace'] },
  { id: 'cro-linical', name: 'Linical', aliases: [] },
  { id: 'cro-cmic', name: 'CMIC', aliases: ['CMIC Co, Ltd. Japan', 'CMIC Holdings'] },
  { id: 'cro-eps', name: 'EPS Corporation', aliases: ['EPS International'] },
  { id: 'cro-tigermed', name: 'Tigermed', aliases: ['Hangzhou Tigermed Consulting'] },
  { id: 'cro-wuxi-clinical', name: 'WuXi Clinical', aliases: ['WuXi AppTec Clinical'] },
  { id: 'cro-emmes', name: 'Emmes', aliases: ['The Emmes Company', 'Emmes Corporation'] },
  { id: 'cro-rho', name: 'Rho', aliases: ['Rho Federal Systems Division'] },
  { id: 'cro-kcr', name: 'KCR', aliases: ['KCR CRO'] },
  { id: 'cro-advanced-clinical', name: 'Advanced Clinical', aliases: [] },
  // Smaller CROs named in the registry records we import.
  { id: 'cro-mcra', name: 'MCRA', aliases: ['Musculoskeletal Clinical Regulatory Advisers'] },
  { id: 'cro-i3-statprobe', name: 'i3 Statprobe', aliases: [] },
  { id: 'cro-latis', name: 'Latis', aliases: [] },
  { id: 'cro-technomics-research', name: 'Technomics Research', aliases: [] },
  { id: 'cro-cpc-clinical-research', name: 'CPC Clinical Research', aliases: [] },
];

const BY_KEY = new Map<string, KnownCro>(
  KNOWN_CROS.flatMap((cro) => [cro.name, ...cro.aliases].map((name) => [organisationKey(name), cro] as const)),
);

/** The known CRO a collaborator's name stands for, or null when it is not one. */
export function knownCro(name: string): KnownCro | null {
  const key = organisationKey(name);
  // A subsidiary named by country ("IQVIA Pty Ltd", "Novotech (Australia) Pty Limited") is the CRO.
  return BY_KEY.get(key) ?? BY_KEY.get(key.replace(/ (australia|japan|uk|usa|us|gmbh|china|korea|india)$/, '')) ?? null;
}

