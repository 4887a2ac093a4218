import { checkMinimumRespondents, minRespondents } from '../../platform/config';
import type { Database } from '../shared/database';
import { buildSubgraphService, type SubgraphAccess } from '../shared/subgraph-service';
import { createInsightsAccess } from './access';
import { createInsightsLoaders, type InsightsContext } from './loaders';
import { insightsResolvers } from './resolvers';

export interface InsightsSubgraphOptions {
  /**
   * k: patient-experience aggregates over fewer respondents are suppressed. Default: the
   * PATIENT_EXPERIENCE_MIN_RESPONDENTS setting (11 when unset); never below 5.
   */
  minRespondents?: number;
}

/** The insights subgraph over an open database; it does not listen. */
export function buildInsightsSubgraph(database: Database, access: SubgraphAccess, options: InsightsSubgraphOptions = {}) {
  const k = checkMinimumRespondents(options.minRespondents ?? minRespondents());
  return buildSubgraphService<InsightsContext>({
    party: 'insights',
    database,
    ...access,
    resolvers: insightsResolvers,
    createContext: (request) => {
      const access = createInsightsAccess(request.caller, request.peers);
      return { ...request, db: database.dataSource, access, loaders: createInsightsLoaders(database.dataSource, access, k), minRespondents: k };
    },
  });
}
