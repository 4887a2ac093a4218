import type { Database } from '../shared/database';
import { buildSubgraphService } from '../shared/subgraph-service';
import { createCrosLoaders, type CrosContext } from './loaders';
import { crosResolvers } from './resolvers';

/** The cros subgraph over an open database; it does not listen. */
export function buildCrosSubgraph(database: Database) {
  return buildSubgraphService<CrosContext>({
    party: 'cros',
    database,
    resolvers: crosResolvers,
    createContext: () => ({ db: database.dataSource, loaders: createCrosLoaders(database.dataSource) }),
  });
}
