// Runs the insights subgraph alone, as docker-compose does: INSIGHTS_PORT, INSIGHTS_DATABASE_URL or
// DATABASE_URL, DATA_DIR, PATIENT_EXPERIENCE_MIN_RESPONDENTS.
import { subgraphConfig } from '../shared/config';
import { runSubgraph } from '../shared/run-subgraph';
import { openInsightsDatabase } from './database';
import { buildInsightsSubgraph } from './server';

void runSubgraph(subgraphConfig('insights'), openInsightsDatabase, (database) => buildInsightsSubgraph(database));
