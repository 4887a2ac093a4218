import type { Database } from '../shared/database';
import { buildSubgraphService, type SubgraphAccess } from '../shared/subgraph-service';
import { createCrosAccess } from './access';
import { createCrosLoaders, type CrosContext } from './loaders';
import { crosResolvers } from './resolvers';

/** The cros subgraph over an open database; it does not listen. */
export function buildCrosSubgraph(database: Database, access: SubgraphAccess) {
  return buildSubgraphService<CrosContext>({
    party: 'cros',
    database,
    ...access,
    resolvers: crosResolvers,
    createContext: (request) => {
      const access = createCrosAccess(request.caller);
      return { ...request, db: database.dataSource, access, loaders: createCrosLoaders(database.dataSource, access) };
    },
  });
}
