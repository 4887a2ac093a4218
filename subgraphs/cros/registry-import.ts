// The CROs' part of a ClinicalTrials.gov import: a collaborator the known-CRO table recognises
// becomes that CRO, engaged on the trial for its sponsor. Only the cros database is written; the
// trial and sponsor ids come from the sponsors import. The registry names the CRO and nothing of
// the engagement (start, scope, RACI, KPIs), so those stay unknown or empty.
import type { DataSource } from 'typeorm';
import { insertInChunks } from '../shared/seeding';
import { CroEntity, EngagementEntity } from './entities';
import { type KnownCro, knownCro } from './known-cros';

export interface RegistryEngagementInput {
  nctId: string;
  trialId: string;
  sponsorId: string;
  /** The study's collaborators that are known CROs. */
  cros: readonly KnownCro[];
}

export interface RegistryEngagementsResult {
  crosCreated: number;
  engagementsCreated: number;
}

const engagementId = (nctId: string, croId: string) => `engagement-${nctId.toLowerCase()}-${croId}`;

/** Finds or creates each CRO and its engagement on the trial, all in one transaction. */
export async function importRegistryEngagements(
  db: DataSource,
  inputs: readonly RegistryEngagementInput[],
): Promise<RegistryEngagementsResult> {
  const wanted = inputs.filter((input) => input.cros.length > 0);
  if (wanted.length === 0) return { crosCreated: 0, engagementsCreated: 0 };
  return db.transaction(async (tx) => {
    // A CRO already stored under one of its known names keeps its own id.
    const stored: { id: string; name: string }[] = await tx.query('SELECT id, name FROM cros');
    const croIds = new Map<string, string>();
    for (const cro of stored) {
      const known = knownCro(cro.name);
      if (known && !croIds.has(known.id)) croIds.set(known.id, cro.id);
    }

    const newCros = new Map<string, Partial<CroEntity>>();
    const croIdOf = (cro: KnownCro) => {
      const id = croIds.get(cro.id);
      if (id !== undefined) return id;
      croIds.set(cro.id, cro.id);
      newCros.set(cro.id, { id: cro.id, name: cro.name, regions: [], services: [], languages: [] });
      return cro.id;
    };

    const existing: { trialId: string; croId: string }[] = await tx.query(
      `SELECT trial_id AS "trialId", cro_id AS "croId" FROM engagements WHERE trial_id = ANY($1)`,
      [wanted.map((input) => input.trialId)],
    );
    const engaged = new Set(existing.map((row) => `${row.trialId}|${row.croId}`));
    const newEngagements: Partial<EngagementEntity>[] = [];
    for (const input of wanted) {
      for (const cro of input.cros) {
        const croId = croIdOf(cro);
        const key = `${input.trialId}|${croId}`;
        if (engaged.has(key)) continue;
        engaged.add(key);
        newEngagements.push({
          id: engagementId(input.nctId, croId),
          croId,
          sponsorId: input.sponsorId,
          trialId: input.trialId,
          servicesInScope: [],
          startsOn: null,
          endsOn: null,
          communicationCadence: null,
          communicationLanguages: null,
          escalationPath: null,
        });
      }
    }
    await insertInChunks(tx, CroEntity, [...newCros.values()]);
    await insertInChunks(tx, EngagementEntity, newEngagements);
    return { crosCreated: newCros.size, engagementsCreated: newEngagements.length };
  });
}
