// Runs the sites subgraph alone, as docker-compose does: SITES_PORT, SITES_DATABASE_URL or
// DATABASE_URL, DATA_DIR.
import { subgraphConfig } from '../shared/config';
import { runSubgraph } from '../shared/run-subgraph';
import { openSitesDatabase } from './database';
import { buildSitesSubgraph } from './server';

void runSubgraph(subgraphConfig('sites'), openSitesDatabase, buildSitesSubgraph);
