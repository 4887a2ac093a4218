// Who may write: a sponsor writes its own trials and what hangs off them. Each reads the record a
// write is about inside the write's transaction, through its manager, and refuses another's.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../../../platform/identity';
import { describeCaller } from '../../../shared/access';
import { badUserInput, forbidden } from '../../../shared/errors';
import { RULES } from '../../access';
import { PipelineProgramEntity, ProtocolFeedbackEntity, TrialEntity, TrialSiteEntity } from '../../entities';
import type { SponsorsContext } from '../../loaders';

/** A new record's id: the kind of record, then a random UUID. */
export const newId = (kind: string) => `${kind}-${randomUUID()}`;

/** The steps every sponsor's write starts with: no other party, platform admins included, writes a sponsor's data. */
export const bySponsor = (what: string) => ({ what, parties: ['SPONSOR'] as const, rule: RULES.sponsorWritesOwnTrials });

// The refusal names the kind of record, not its id: the caller may not see another sponsor's records.
function requireOwner(caller: Caller, sponsorId: string, record: string, what: string): void {
  if (sponsorId !== caller.orgId) {
    throw forbidden(RULES.sponsorWritesOwnTrials, `Only its sponsor may ${what}; ${record} is not ${describeCaller(caller)}'s`);
  }
}

/** The caller's own trial, or BAD_USER_INPUT naming `field` when there is none, or FORBIDDEN when it is another's. */
export async function ownTrial(manager: EntityManager, caller: Caller, trialId: string, field: string, what: string): Promise<TrialEntity> {
  const trial = await manager.findOneBy(TrialEntity, { id: trialId });
  if (!trial) throw badUserInput(`There is no trial ${trialId}`, field);
  requireOwner(caller, trial.sponsorId, 'the trial', what);
  return trial;
}

/** A site's row in one of the caller's trials, with the trial. */
export async function ownTrialSite(manager: EntityManager, caller: Caller, trialSiteId: string, field: string, what: string) {
  const trialSite = await manager.findOne(TrialSiteEntity, { where: { id: trialSiteId }, relations: { trial: true } });
  if (!trialSite) throw badUserInput(`There is no trial site ${trialSiteId}`, field);
  requireOwner(caller, trialSite.trial!.sponsorId, 'the trial site', what);
  return trialSite;
}

/** Feedback on one of the caller's trials. */
export async function ownFeedback(manager: EntityManager, caller: Caller, feedbackId: string, field: string, what: string) {
  const feedback = await manager.findOne(ProtocolFeedbackEntity, { where: { id: feedbackId }, relations: { trial: true } });
  if (!feedback) throw badUserInput(`There is no protocol feedback ${feedbackId}`, field);
  requireOwner(caller, feedback.trial!.sponsorId, 'the feedback', what);
  return feedback;
}

/** One of the caller's pipeline programmes. */
export async function ownProgram(manager: EntityManager, caller: Caller, programId: string, field: string, what: string) {
  const program = await manager.findOneBy(PipelineProgramEntity, { id: programId });
  if (!program) throw badUserInput(`There is no pipeline programme ${programId}`, field);
  requireOwner(caller, program.sponsorId, 'the programme', what);
  return program;
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
