import type { Database } from '../shared/database';
import { today } from '../shared/dates';
import { buildSubgraphService, type SubgraphAccess } from '../shared/subgraph-service';
import { createSponsorsAccess } from './access';
import { createSponsorsLoaders, type SponsorsContext } from './loaders';
import { sponsorsResolvers } from './resolvers';

/** The sponsors subgraph over an open database; it does not listen. */
export function buildSponsorsSubgraph(database: Database, access: SubgraphAccess) {
  return buildSubgraphService<SponsorsContext>({
    party: 'sponsors',
    database,
    ...access,
    resolvers: sponsorsResolvers,
    createContext: (request) => {
      // The loaders narrow lists by the policy and tell it what they read of the caller's relationships;
      // the policy reads shared programmes through the loaders.
      const loaders = createSponsorsLoaders(database.dataSource, {
        atSiteCondition: (list, callerParameter) => access.atSiteCondition(list, callerParameter),
        relationshipCondition: (callerParameter) => access.relationshipCondition(callerParameter),
        related: (trialId, related) => access.related(trialId, related),
      });
      const access = createSponsorsAccess(request, database.dataSource, loaders);
      return { ...request, db: database.dataSource, loaders, access, today: today() };
    },
  });
}
