// The partner's own data, in memory and seeded from seed.json: enough for an example. A real vendor
// keeps it in its own database; the shape of the reads stays the same (one query for many keys).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const EHR_SYSTEMS = ['EPIC', 'CERNER', 'MEDITECH', 'OTHER'] as const;
export const INTEGRATION_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'LIVE'] as const;
export const EDC_SYSTEMS = ['MEDIDATA_RAVE', 'VEEVA_VAULT_EDC', 'ORACLE_CLINICAL_ONE', 'OTHER'] as const;

export interface EhrIntegrationRecord {
  siteId: string;
  system: (typeof EHR_SYSTEMS)[number];
  status: (typeof INTEGRATION_STATUSES)[number];
  goLiveDate: string | null;
  updatedOn: string;
}

export interface EdcIntegrationRecord {
  trialId: string;
  /** The sponsor that contracted the transfer: our own record of our customer, not something a caller tells us. */
  sponsorId: string;
  edcSystem: (typeof EDC_SYSTEMS)[number];
  status: (typeof INTEGRATION_STATUSES)[number];
  mappedForms: number;
  goLiveDate: string | null;
}

export interface PartnerRecords {
  ehrIntegrations: EhrIntegrationRecord[];
  edcIntegrations: EdcIntegrationRecord[];
}

export const SEED_FILE = resolve(__dirname, 'seed.json');

export function readSeedFile(file = SEED_FILE): PartnerRecords {
  const { ehrIntegrations, edcIntegrations } = JSON.parse(readFileSync(file, 'utf8')) as PartnerRecords;
  return { ehrIntegrations, edcIntegrations };
}

export interface StoreRead {
  table: 'ehrIntegrations' | 'edcIntegrations';
  keys: readonly string[];
}

/** Every read takes many keys at once: the loaders call each once per request. */
export class PartnerStore {
  private readonly ehr = new Map<string, EhrIntegrationRecord>();
  private readonly edc = new Map<string, EdcIntegrationRecord>();
  /** Batch reads so far, each with the keys it asked for: what a test counts, as ours count SQL statements. */

  /** Told of every batch read (index.ts logs them at LOG_LEVEL=debug). */
  onRead: (read: StoreRead) => void = () => {};

  constructor(records: PartnerRecords = { ehrIntegrations: [], edcIntegrations: [] }) {
    for (const record of records.ehrIntegrations) this.ehr.set(record.siteId, { ...record });
    for (const record of records.edcIntegrations) this.edc.set(record.trialId, { ...record });
  }

  async ehrIntegrationsOfSites(siteIds: readonly string[]): Promise<(EhrIntegrationRecord | null)[]> {
    this.onRead({ table: 'ehrIntegrations', keys: siteIds });
    return siteIds.map((id) => this.ehr.get(id) ?? null);
  }

  async edcIntegrationsOfTrials(trialIds: readonly string[]): Promise<(EdcIntegrationRecord | null)[]> {
    this.onRead({ table: 'edcIntegrations', keys: trialIds });
    return trialIds.map((id) => this.edc.get(id) ?? null);
  }

  async saveEhrIntegration(record: EhrIntegrationRecord): Promise<void> {
    this.ehr.set(record.siteId, { ...record });
  }
}
