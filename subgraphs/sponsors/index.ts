// Runs the sponsors subgraph alone, as docker-compose does: SPONSORS_PORT, SPONSORS_DATABASE_URL or
// DATABASE_URL, DATA_DIR.
import { subgraphConfig } from '../shared/config';
import { runSubgraph } from '../shared/run-subgraph';
import { openSponsorsDatabase } from './database';
import { buildSponsorsSubgraph } from './server';

void runSubgraph(subgraphConfig('sponsors'), openSponsorsDatabase, buildSponsorsSubgraph);
