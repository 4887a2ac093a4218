// Who may write: a sponsor writes its own trials and what hangs off them. These read the record a
// write is about before its transaction (a trial never changes sponsor, a trial site or feedback
// never changes trial), so a refusal costs no transaction.
import { randomUUID } from 'node:crypto';
import { describeCaller, requireParty } from '../../../shared/access';
import { badUserInput, forbidden } from '../../../shared/errors';
import type { Caller } from '../../../../platform/identity';
import { RULES } from '../../access';
import { PipelineProgramEntity, ProtocolFeedbackEntity, TrialEntity, TrialSiteEntity } from '../../entities';
import type { SponsorsContext } from '../../loaders';

/** A new record's id: the kind of record, then a random UUID. */
export const newId = (kind: string) => `${kind}-${randomUUID()}`;

/** Throws unless the caller is a sponsor: no other party, platform admins included, writes a sponsor's data. */
export function requireSponsor(caller: Caller, what: string): void {
  requireParty(caller, ['SPONSOR'], RULES.sponsorWritesOwnTrials, what);
}

function requireOwner(caller: Caller, sponsorId: string, record: string, what: string): void {
  if (sponsorId !== caller.orgId) {
    throw forbidden(RULES.sponsorWritesOwnTrials, `Only its sponsor may ${what}; ${record} is not ${describeCaller(caller)}'s`);
  }
}

/** The caller's own trial, or BAD_USER_INPUT naming `field` when there is none, or FORBIDDEN when it is another's. */
export async function ownTrial({ caller, db }: SponsorsContext, trialId: string, field: string, what: string): Promise<TrialEntity> {
  requireSponsor(caller, what);
  const trial = await db.getRepository(TrialEntity).findOneBy({ id: trialId });
  if (!trial) throw badUserInput(`There is no trial ${trialId}`, field);
  requireOwner(caller, trial.sponsorId, `trial ${trialId}`, what);
  return trial;
}

/** A site's row in one of the caller's trials, with the trial. */
export async function ownTrialSite({ caller, db }: SponsorsContext, trialSiteId: string, field: string, what: string) {
  requireSponsor(caller, what);
  const trialSite = await db.getRepository(TrialSiteEntity).findOne({ where: { id: trialSiteId }, relations: { trial: true } });
  if (!trialSite) throw badUserInput(`There is no trial site ${trialSiteId}`, field);
  requireOwner(caller, trialSite.trial!.sponsorId, `trial site ${trialSiteId}`, what);
  return trialSite;
}

/** Feedback on one of the caller's trials. */
export async function ownFeedback({ caller, db }: SponsorsContext, feedbackId: string, field: string, what: string) {
  requireSponsor(caller, what);
  const feedback = await db.getRepository(ProtocolFeedbackEntity).findOne({ where: { id: feedbackId }, relations: { trial: true } });
  if (!feedback) throw badUserInput(`There is no protocol feedback ${feedbackId}`, field);
  requireOwner(caller, feedback.trial!.sponsorId, `feedback ${feedbackId}`, what);
  return feedback;
}

/** One of the caller's pipeline programmes. */
export async function ownProgram({ caller, db }: SponsorsContext, programId: string, field: string, what: string) {
  requireSponsor(caller, what);
  const program = await db.getRepository(PipelineProgramEntity).findOneBy({ id: programId });
  if (!program) throw badUserInput(`There is no pipeline programme ${programId}`, field);
  requireOwner(caller, program.sponsorId, `programme ${programId}`, what);
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
