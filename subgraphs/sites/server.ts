import type { Database } from '../shared/database';
import { buildSubgraphService } from '../shared/subgraph-service';
import { createSitesLoaders, type SitesContext } from './loaders';
import { sitesResolvers } from './resolvers';

/** The sites subgraph over an open database; it does not listen. */
export function buildSitesSubgraph(database: Database) {
  return buildSubgraphService<SitesContext>({
    party: 'sites',
    database,
    resolvers: sitesResolvers,
    createContext: () => ({ db: database.dataSource, loaders: createSitesLoaders(database.dataSource) }),
  });
}
