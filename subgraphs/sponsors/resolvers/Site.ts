import type { SiteResolvers } from '../generated/resolvers';
import { readableRows } from '../access';

/** A site as this subgraph knows it: the id another subgraph's reference carries. */
export type SiteReference = { id: string };

// Site belongs to the sites subgraph; here it only gains what sponsors know about it.
export const Site: SiteResolvers = {
  __resolveReference: (reference: SiteReference) => reference,

  trials: (site, _, { loaders, access }) =>
    readableRows(access, 'trialsAtSite', site, () => loaders.trialSitesBySite.load(site.id), 'trialSite', (row) => ({ siteId: row.siteId, trial: row.trial! })),

  partnerships: (site, _, { loaders, access }) =>
    readableRows(access, 'partnershipsOfSite', site, () => loaders.partnershipsBySite.load(site.id), 'partnership', (row) => row),

  sharedPipeline: (site, _, { loaders, access }) =>
    readableRows(
      access,
      'pipelineSharedWithSite',
      site,
      async () => (await loaders.pipelineSharedWithSite.load(site.id)).map((share) => share.program!),
      'pipelineProgram',
      (program) => program,
    ),
};
