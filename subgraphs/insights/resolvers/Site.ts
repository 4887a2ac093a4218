import type { SiteResolvers } from '../generated/resolvers';
import { servedExperience } from '../served-experience';
import { optionalId } from './arguments';

export const Site: SiteResolvers = {
  // Sites belong to the sites subgraph; this one only extends them, so no SQL here.
  __resolveReference: (reference) => reference,

  patientExperience: async (site, args, context) => {
    const aggregate = { siteId: site.id, trialId: optionalId(args.trialId, 'trialId') };
    await context.access.read('siteAggregate', aggregate);
    return servedExperience(await context.access.coverage('siteAggregate', aggregate), context);
  },
};
