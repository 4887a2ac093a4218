import type { TrialResolvers } from '../generated/resolvers';
import { readableRows } from '../access';
import { protocolComplexity } from '../complexity';
import type { RegistryDateKind } from '../entities/Trial';
import type { TrialEntity } from '../entities';
import { existing } from '../../shared/loaders';
import type { SponsorsContext } from '../loaders';
import { versionInForce } from '../protocol';

type TrialReference = { id: string } | { nctId: string };

async function protocolInForce(trial: TrialEntity, { loaders, today }: SponsorsContext) {
  return versionInForce(await loaders.protocolVersionsByTrial.load(trial.id), today);
}

/** A registry date with its precision kept, or null where the trial has none. */
const registryDate = (date: string | null, type: RegistryDateKind | null) => (date === null ? null : { date, type });

export const Trial: TrialResolvers = {
  // Trial has two keys: a representation carries either one. Other subgraphs' fields on a trial
  // are reached through here too, so the trial's rule holds on every path.
  __resolveReference: async (reference: TrialReference, { loaders, access }: SponsorsContext) =>
    access.readNamed('trial', await ('id' in reference ? loaders.trialById.load(reference.id) : loaders.trialByNctId.load(reference.nctId))),

  sponsor: (trial, _, { loaders }) => existing(loaders.sponsorById, trial.sponsorId),

  version: async (trial, _, { access }) => (await access.read('trialVersion', trial)).version,

  startDate: (trial) => registryDate(trial.startDate, trial.startDateType),
  primaryCompletionDate: (trial) => registryDate(trial.primaryCompletionDate, trial.primaryCompletionDateType),
  completionDate: (trial) => registryDate(trial.completionDate, trial.completionDateType),

  protocol: (trial, _, context) => protocolInForce(trial, context),

  protocolVersions: (trial, _, { loaders }) =>
    loaders.protocolVersionsByTrial.load(trial.id),

  complexity: async (trial, _, context) => {
    const version = await protocolInForce(trial, context);
    return version === null ? null : { protocolVersion: version.version, ...protocolComplexity(version) };
  },

  sites: (trial, _, { loaders, access }) =>
    readableRows(access, 'sitesOfTrial', trial, () => loaders.trialSitesByTrial.load(trial.id), 'trialSite', (row) => ({ siteId: row.siteId, trial })),

  feedback: (trial, _, { loaders, access }) =>
    readableRows(access, 'feedbackOnTrial', trial, () => loaders.feedbackByTrial.load(trial.id), 'feedback', (row) => ({ siteId: row.siteId, trial })),

  reviewInvitations: (trial, _, { loaders, access }) =>
    readableRows(access, 'invitationsOfTrial', trial, () => loaders.reviewInvitationsByTrial.load(trial.id), 'invitation', (row) => ({
      advocacyGroupId: row.advocacyGroupId,
      trial,
    })),
};
