import type { SponsorsContext } from '../loaders';

type SiteReference = { id: string };

// Site belongs to the sites subgraph; here it only gains what sponsors know about it.
export const Site = {
  __resolveReference: (reference: SiteReference) => reference,

  trials: (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    access.trialsAtSite(site.id, () => loaders.trialSitesBySite.load(site.id)),

  partnerships: (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    access.partnershipsOfSite(site.id, () => loaders.partnershipsBySite.load(site.id)),

  sharedPipeline: (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    access.pipelineSharedWithSite(site.id, async () =>
      (await loaders.pipelineSharedWithSite.load(site.id)).map((share) => share.program!),
    ),
};
