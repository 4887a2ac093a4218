import { craTurnoverOf } from './CraTurnover';
import type { SiteResolvers } from '../generated/resolvers';

// Site belongs to the sites subgraph; this one only adds what its monitors did there, so a
// reference resolves to itself without touching the database.
export const Site: SiteResolvers = {
  __resolveReference: (reference) => reference,

  monitoringVisits: (site, _, { loaders }) => loaders.monitoringVisitsBySite.load(site.id),

  staffAssignments: (site, _, { loaders }) => loaders.staffAssignmentsBySite.load(site.id),

  craTurnover: async (site, _, context) => craTurnoverOf(await context.loaders.staffAssignmentsBySite.load(site.id), context),
};
