import { readableRows } from '../access';
import type { SponsorsContext } from '../loaders';

type SiteReference = { id: string };

// Site belongs to the sites subgraph; here it only gains what sponsors know about it.
export const Site = {
  __resolveReference: (reference: SiteReference) => reference,

  trials: (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    readableRows(access, 'trialsAtSite', site, () => loaders.trialSitesBySite.load(site.id), 'trialSite', (row) => ({ siteId: row.siteId, trial: row.trial! })),

  partnerships: (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    readableRows(access, 'partnershipsOfSite', site, () => loaders.partnershipsBySite.load(site.id), 'partnership', (row) => row),

  sharedPipeline: (site: SiteReference, _: unknown, { loaders, access }: SponsorsContext) =>
    readableRows(
      access,
      'pipelineSharedWithSite',
      site,
      async () => (await loaders.pipelineSharedWithSite.load(site.id)).map((share) => share.program!),
      'pipelineProgram',
      (program) => program,
    ),
};
