import type { SiteResolvers } from '../generated/resolvers';
import { readableRows } from '../access';
import { asksFor, within } from '../../shared/selections';

/** A site as this subgraph knows it: the id another subgraph's reference carries. */
export type SiteReference = { id: string };

// Site belongs to the sites subgraph; here it only gains what sponsors know about it.
export const Site: SiteResolvers = {
  // The lists the fetch asks at the sites come in one statement for all of them, each list only
  // for a caller who may see it, as its field would load it.
  __resolveReference: async (reference: SiteReference, { loaders, access }, info) => {
    const partnership = within(info, 'Site', 'partnerships');
    const lists = {
      partnerships: asksFor(info, 'Site', 'partnerships') && access.check('partnershipsOfSite', reference) === true,
      partnershipTrials: ['trialCount', 'trials', 'longestGapMonths'].some((field) => asksFor(partnership, 'Partnership', field)),
      partnershipMedians: asksFor(partnership, 'Partnership', 'medianFeedbackResponseDays'),
      investments: asksFor(partnership, 'Partnership', 'investments'),
      sharedPipeline: asksFor(info, 'Site', 'sharedPipeline') && access.check('pipelineSharedWithSite', reference) === true,
    };
    if (lists.partnerships || lists.sharedPipeline) await loaders.siteListsBySite.load({ key: reference.id, lists });
    return reference;
  },

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
