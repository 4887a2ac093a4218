import type { Database } from '../shared/database';
import { buildSubgraphService, type SubgraphAccess } from '../shared/subgraph-service';
import { createSitesContext, type SitesContext } from './context';
import { sitesResolvers } from './resolvers';

/** The sites subgraph over an open database; it does not listen. */
export function buildSitesSubgraph(database: Database, access: SubgraphAccess) {
  return buildSubgraphService<SitesContext>({
    party: 'sites',
    database,
    ...access,
    resolvers: sitesResolvers,
    createContext: (request) => createSitesContext(request, database.dataSource),
  });
}
