// Runs the cros subgraph alone, as docker-compose does: CROS_PORT, CROS_DATABASE_URL or
// DATABASE_URL, DATA_DIR, the AUTH_* settings, and the other subgraphs' *_URL to check relationships.
import { SUBGRAPHS } from '../parties';
import { subgraphConfig } from '../../platform/config';
import { runSubgraph } from '../shared/run-subgraph';

void runSubgraph(subgraphConfig('cros'), SUBGRAPHS.cros);
