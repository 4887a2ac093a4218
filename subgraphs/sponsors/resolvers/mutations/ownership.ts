// Who may write: a sponsor writes its own trials and what hangs off them. Each reads the record a
// write is about inside the write's transaction, through its manager, and refuses another's and
// one that is not there alike. Sites are the public directory: an unknown one is BAD_USER_INPUT.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../../../platform/identity';
import { describeCaller } from '../../../shared/access';
import { badUserInput } from '../../../shared/errors';
import { writableRecord, type PrivateRecordRefusal } from '../../../shared/writes';
import { RULES } from '../../access';
import { PipelineProgramEntity, ProtocolFeedbackEntity, TrialEntity, TrialSiteEntity } from '../../entities';
import type { SponsorsContext } from '../../loaders';

/** A new record's id: the kind of record, then a random UUID. */
export const newId = (kind: string) => `${kind}-${randomUUID()}`;

/** The steps every sponsor's write starts with: no other party, platform admins included, writes a sponsor's data. */
export const bySponsor = (what: string) => ({ what, parties: ['SPONSOR'] as const, rule: RULES.sponsorWritesOwnTrials });

/**
 * The refusal of a sponsor's write to a record it does not own, or that is not there: the same
 * words either way (shared/writes.ts `writableRecord`), so no sponsor learns which ids exist.
 */
const sponsorsOwn = (caller: Caller, field: string, record: string, what: string): PrivateRecordRefusal => ({
  rule: RULES.sponsorWritesOwnTrials,
  field,
  writer: `Only its sponsor may ${what}`,
  record: `${record} of ${describeCaller(caller)}`,
});

/** The caller's own trial, or FORBIDDEN naming `field` when it is another's or there is none. */
export async function ownTrial(manager: EntityManager, caller: Caller, trialId: string, field: string, what: string): Promise<TrialEntity> {
  const trial = await manager.findOneBy(TrialEntity, { id: trialId });
  return writableRecord(trial, (found) => found.sponsorId === caller.orgId, sponsorsOwn(caller, field, 'trial', what));
}

/** A site's row in one of the caller's trials, with the trial. */
export async function ownTrialSite(manager: EntityManager, caller: Caller, trialSiteId: string, field: string, what: string) {
  const trialSite = await manager.findOne(TrialSiteEntity, { where: { id: trialSiteId }, relations: { trial: true } });
  return writableRecord(trialSite, (found) => found.trial!.sponsorId === caller.orgId, sponsorsOwn(caller, field, 'trial site', what));
}

/** Feedback on one of the caller's trials. */
export async function ownFeedback(manager: EntityManager, caller: Caller, feedbackId: string, field: string, what: string) {
  const feedback = await manager.findOne(ProtocolFeedbackEntity, { where: { id: feedbackId }, relations: { trial: true } });
  return writableRecord(feedback, (found) => found.trial!.sponsorId === caller.orgId, sponsorsOwn(caller, field, 'protocol feedback', what));
}

/** One of the caller's pipeline programmes. */
export async function ownProgram(manager: EntityManager, caller: Caller, programId: string, field: string, what: string) {
  const program = await manager.findOneBy(PipelineProgramEntity, { id: programId });
  return writableRecord(program, (found) => found.sponsorId === caller.orgId, sponsorsOwn(caller, field, 'pipeline programme', what));
}

/**
 * Site ids the sites subgraph knows, asked as the caller before any transaction starts; BAD_USER_INPUT
 * naming the first unknown one by `fieldAt(index)`.
 */
export async function requireKnownSites({ peers }: SponsorsContext, siteIds: readonly string[], fieldAt: (index: number) => string) {
  const sites = peers.entities<{ id: string }>('sites', 'Site', 'id');
  const known = await Promise.all(siteIds.map((id) => sites.load(id)));
  const unknown = known.findIndex((site) => site === null);
  if (unknown >= 0) throw badUserInput(`There is no site ${siteIds[unknown]}`, fieldAt(unknown));
}
