// How `npm run codegen` types this subgraph's resolvers (see codegen.ts at the root): the context
// every resolver receives, and which TypeScript shape stands behind each GraphQL type (its mapper),
// so a resolver is typed by what its parent really is, an entity row rather than the API type.
import type { SubgraphResolverTypes } from '../../codegen';

export const resolverTypes: SubgraphResolverTypes = {
  contextType: '../context#SitesContext',
  mappers: {
    Site: '../entities#SiteEntity',
    // A site's capacity is columns of the site row, answered only once the site has stated it.
    SiteCapacity: '../resolvers/Site#StatedCapacity',
    SiteStaffMember: '../entities#StaffMemberEntity',
    Training: '../entities#TrainingEntity',
    BlackoutPeriod: '../entities#BlackoutPeriodEntity',
    SiteAsset: '../entities#AssetEntity',
  },
};
