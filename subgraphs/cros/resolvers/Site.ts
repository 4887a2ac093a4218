import type { CrosContext } from '../loaders';

type SiteReference = { id: string };

// Site belongs to the sites subgraph; this one only adds what its monitors did there, so a
// reference resolves to itself without touching the database.
export const Site = {
  __resolveReference: (reference: SiteReference) => reference,

  monitoringVisits: (site: SiteReference, _: unknown, { loaders }: CrosContext) => loaders.monitoringVisitsBySite.load(site.id),

  staffAssignments: (site: SiteReference, _: unknown, { loaders }: CrosContext) => loaders.staffAssignmentsBySite.load(site.id),
};
