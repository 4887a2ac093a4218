import type { SiteResolvers } from '../generated/resolvers';
import { readableRows } from '../access';
import type { FieldNode } from 'graphql';
import { asksFor, within, type Selection } from '../../shared/selections';

/** A site as this subgraph knows it: the id another subgraph's reference carries. */
export type SiteReference = { id: string };

/** Which of a site's lists a fetch asks for, by its selection alone (the caller's rights aside). */
interface AskedLists {
  partnerships: boolean;
  partnershipTrials: boolean;
  partnershipMedians: boolean;
  investments: boolean;
  sharedPipeline: boolean;
}

/** Worked out once per fetch: every site of an `_entities` fetch shares its field nodes. */
const askedByFetch = new WeakMap<readonly FieldNode[], AskedLists>();

function askedLists(info: Selection): AskedLists {
  let asked = askedByFetch.get(info.fieldNodes);
  if (!asked) {
    const partnership = within(info, 'Site', 'partnerships');
    asked = {
      partnerships: asksFor(info, 'Site', 'partnerships'),
      partnershipTrials: ['trialCount', 'trials', 'longestGapMonths'].some((field) => asksFor(partnership, 'Partnership', field)),
      partnershipMedians: asksFor(partnership, 'Partnership', 'medianFeedbackResponseDays'),
      investments: asksFor(partnership, 'Partnership', 'investments'),
      sharedPipeline: asksFor(info, 'Site', 'sharedPipeline'),
    };
    askedByFetch.set(info.fieldNodes, asked);
  }
  return asked;
}

// Site belongs to the sites subgraph; here it only gains what sponsors know about it.
export const Site: SiteResolvers = {
  // The lists the fetch asks at the sites come in one statement for all of them, each list only
  // for a caller who may see it, as its field would load it. A fetch asking for neither (the
  // trials at a page of sites, say) reads nothing here.
  __resolveReference: (reference: SiteReference, { loaders, access }, info) => {
    const asked = askedLists(info);
    if (!asked.partnerships && !asked.sharedPipeline) return reference;
    const lists = {
      ...asked,
      partnerships: asked.partnerships && access.check('partnershipsOfSite', reference) === true,
      sharedPipeline: asked.sharedPipeline && access.check('pipelineSharedWithSite', reference) === true,
    };
    if (!lists.partnerships && !lists.sharedPipeline) return reference;
    return loaders.siteListsBySite.load({ key: reference.id, lists }).then(() => reference);
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
