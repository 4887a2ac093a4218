import type { SponsorsContext } from '../loaders';

type SiteReference = { id: string };

// Site belongs to the sites subgraph; here it only gains what sponsors know about it.
export const Site = {
  __resolveReference: (reference: SiteReference) => reference,

  trials: (site: SiteReference, _: unknown, { loaders }: SponsorsContext) => loaders.trialSitesBySite.load(site.id),

  partnerships: (site: SiteReference, _: unknown, { loaders }: SponsorsContext) => loaders.partnershipsBySite.load(site.id),

  sharedPipeline: async (site: SiteReference, _: unknown, { loaders }: SponsorsContext) =>
    (await loaders.pipelineSharedWithSite.load(site.id)).map((share) => share.program!),
};
