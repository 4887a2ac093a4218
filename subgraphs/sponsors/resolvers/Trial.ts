import { readableRows } from '../access';
import { protocolComplexity } from '../complexity';
import type { TrialEntity } from '../entities';
import type { SponsorsContext } from '../loaders';
import { versionInForce } from '../protocol';

type TrialReference = { id: string } | { nctId: string };

async function protocolInForce(trial: TrialEntity, { loaders, today }: SponsorsContext) {
  return versionInForce(await loaders.protocolVersionsByTrial.load(trial.id), today);
}

/** A registry date with its precision kept, or null where the trial has none. */
const registryDate = (date: string | null, type: string | null) => (date === null ? null : { date, type });

export const Trial = {
  // Trial has two keys: a representation carries either one. Other subgraphs' fields on a trial
  // are reached through here too, so the trial's rule holds on every path.
  __resolveReference: async (reference: TrialReference, { loaders, access }: SponsorsContext) =>
    access.read('trial', await ('id' in reference ? loaders.trialById.load(reference.id) : loaders.trialByNctId.load(reference.nctId))),

  sponsor: (trial: TrialEntity, _: unknown, { loaders }: SponsorsContext) => loaders.sponsorById.load(trial.sponsorId),

  startDate: (trial: TrialEntity) => registryDate(trial.startDate, trial.startDateType),
  primaryCompletionDate: (trial: TrialEntity) => registryDate(trial.primaryCompletionDate, trial.primaryCompletionDateType),
  completionDate: (trial: TrialEntity) => registryDate(trial.completionDate, trial.completionDateType),

  protocol: (trial: TrialEntity, _: unknown, context: SponsorsContext) => protocolInForce(trial, context),

  protocolVersions: (trial: TrialEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.protocolVersionsByTrial.load(trial.id),

  complexity: async (trial: TrialEntity, _: unknown, context: SponsorsContext) => {
    const version = await protocolInForce(trial, context);
    return version === null ? null : { protocolVersion: version.version, ...protocolComplexity(version) };
  },

  sites: (trial: TrialEntity, _: unknown, { loaders, access }: SponsorsContext) =>
    readableRows(access, 'sitesOfTrial', trial, () => loaders.trialSitesByTrial.load(trial.id), 'trialSite', (row) => ({ siteId: row.siteId, trial })),

  feedback: (trial: TrialEntity, _: unknown, { loaders, access }: SponsorsContext) =>
    readableRows(access, 'feedbackOnTrial', trial, () => loaders.feedbackByTrial.load(trial.id), 'feedback', (row) => ({ siteId: row.siteId, trial })),

  reviewInvitations: (trial: TrialEntity, _: unknown, { loaders, access }: SponsorsContext) =>
    readableRows(access, 'invitationsOfTrial', trial, () => loaders.reviewInvitationsByTrial.load(trial.id), 'invitation', (row) => ({
      advocacyGroupId: row.advocacyGroupId,
      trial,
    })),
};
