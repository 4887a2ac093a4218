import type { SponsorsContext } from '../loaders';

type SiteReference = { id: string };

// Site belongs to the sites subgraph; here it only gains what sponsors know about it.
export const Site = {
  __resolveReference: (reference: SiteReference) => reference,

  trials: async (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    access.trialsAtSite(site.id, await loaders.trialSitesBySite.load(site.id)),

  partnerships: async (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    access.partnershipsOfSite(site.id, await loaders.partnershipsBySite.load(site.id)),

  sharedPipeline: async (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    access.pipelineSharedWithSite(
      site.id,
      (await loaders.pipelineSharedWithSite.load(site.id)).map((share) => share.program!),
    ),
};
