// How `npm run codegen` types this subgraph's resolvers (see codegen.ts at the root): the context
// every resolver receives, and which TypeScript shape stands behind each GraphQL type (its mapper),
// so a resolver is typed by what its parent really is, an entity row rather than the API type.
import type { SubgraphResolverTypes } from '../../codegen';

export const resolverTypes: SubgraphResolverTypes = {
  contextType: '../loaders#InsightsContext',
  mappers: {
    AdvocateReview: '../entities#AdvocateReviewEntity',
    ReviewFinding: '../entities#ReviewFindingEntity',
    // Trials and sites are the sponsors' and the sites' own: here they are references.
    Trial: '../references#TrialReference',
    Site: '../references#SiteReference',
  },
};
