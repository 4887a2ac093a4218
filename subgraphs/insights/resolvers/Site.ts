import { siteExperiencePlan } from '../access';
import type { InsightsContext } from '../loaders';
import { servedExperience } from '../served-experience';
import { optionalId } from './arguments';

export const Site = {
  // Sites belong to the sites subgraph; this one only extends them, so no SQL here.
  __resolveReference: (reference: { id: string }) => reference,

  patientExperience: async (site: { id: string }, args: { trialId?: string | null }, context: InsightsContext) =>
    servedExperience(await siteExperiencePlan(context, site.id, optionalId(args.trialId, 'trialId')), context),
};
