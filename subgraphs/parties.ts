// The four party subgraphs, each with how to open its database, build its service and store its
// slice of the demo dataset: what npm start, npm run seed, the benchmark and the tests share.
import type { DataSource } from 'typeorm';
import type { DemoDataset } from '../seed/model';
import { type DatabaseConfig, type Env, minRespondents, type Party } from '../platform/config';
import type { Database } from './shared/database';
import type { SubgraphAccess, SubgraphService } from './shared/subgraph-service';
import { openCrosDatabase } from './cros/database';
import { seedCros } from './cros/seed';
import { buildCrosSubgraph } from './cros/server';
import { openInsightsDatabase } from './insights/database';
import { seedInsights } from './insights/seed';
import { buildInsightsSubgraph } from './insights/server';
import { openSitesDatabase } from './sites/database';
import { seedSites } from './sites/seed';
import { buildSitesSubgraph } from './sites/server';
import { openSponsorsDatabase } from './sponsors/database';
import { seedSponsors } from './sponsors/seed';
import { buildSponsorsSubgraph } from './sponsors/server';

export interface PartySubgraph {
  open(config: DatabaseConfig): Promise<Database>;
  build(database: Database, access: SubgraphAccess, env: Env): Promise<SubgraphService>;
  seed(db: DataSource, dataset: DemoDataset): Promise<void>;
}

export const SUBGRAPHS: Record<Party, PartySubgraph> = {
  sites: { open: openSitesDatabase, build: buildSitesSubgraph, seed: seedSites },
  sponsors: { open: openSponsorsDatabase, build: buildSponsorsSubgraph, seed: seedSponsors },
  cros: { open: openCrosDatabase, build: buildCrosSubgraph, seed: seedCros },
  insights: {
    open: openInsightsDatabase,
    build: (database, access, env) => buildInsightsSubgraph(database, access, { minRespondents: minRespondents(env) }),
    seed: seedInsights,
  },
};
