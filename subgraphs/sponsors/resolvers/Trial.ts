import { protocolComplexity } from '../complexity';
import type { TrialEntity } from '../entities';
import type { SponsorsContext } from '../loaders';
import { versionInForce } from '../protocol';

type TrialReference = { id: string } | { nctId: string };

async function protocolInForce(trial: TrialEntity, { loaders, today }: SponsorsContext) {
  return versionInForce(await loaders.protocolVersionsByTrial.load(trial.id), today);
}

export const Trial = {
  // Trial has two keys: a representation carries either one.
  __resolveReference: (reference: TrialReference, { loaders }: SponsorsContext) =>
    'id' in reference ? loaders.trialById.load(reference.id) : loaders.trialByNctId.load(reference.nctId),

  sponsor: (trial: TrialEntity, _: unknown, { loaders }: SponsorsContext) => loaders.sponsorById.load(trial.sponsorId),

  protocol: (trial: TrialEntity, _: unknown, context: SponsorsContext) => protocolInForce(trial, context),

  protocolVersions: (trial: TrialEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.protocolVersionsByTrial.load(trial.id),

  complexity: async (trial: TrialEntity, _: unknown, context: SponsorsContext) => {
    const version = await protocolInForce(trial, context);
    return version === null ? null : { protocolVersion: version.version, ...protocolComplexity(version) };
  },

  sites: (trial: TrialEntity, _: unknown, { loaders }: SponsorsContext) => loaders.trialSitesByTrial.load(trial.id),

  feedback: (trial: TrialEntity, _: unknown, { loaders }: SponsorsContext) => loaders.feedbackByTrial.load(trial.id),
};
