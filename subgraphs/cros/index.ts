// Runs the cros subgraph alone, as docker-compose does: CROS_PORT, CROS_DATABASE_URL or
// DATABASE_URL, DATA_DIR.
import { subgraphConfig } from '../shared/config';
import { runSubgraph } from '../shared/run-subgraph';
import { openCrosDatabase } from './database';
import { buildCrosSubgraph } from './server';

void runSubgraph(subgraphConfig('cros'), openCrosDatabase, buildCrosSubgraph);
