import type { SubgraphConfig } from './config';
import type { Database } from './database';
import { listen } from './http';
import { logger } from './logger';
import type { SubgraphService } from './subgraph-service';

/** Opens the database, builds the subgraph, listens, and stops cleanly on SIGINT or SIGTERM. */
export async function runSubgraph(
  config: SubgraphConfig,
  open: (database: SubgraphConfig['database']) => Promise<Database>,
  build: (database: Database) => Promise<SubgraphService>,
): Promise<void> {
  try {
    const database = await open(config.database);
    const service = await build(database);
    const listening = await listen(service.app, config.port);
    logger.info({ subgraph: config.party, url: listening.url, engine: database.engine }, 'subgraph ready');
    const stop = async () => {
      await listening.close();
      await service.stop();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    logger.fatal({ subgraph: config.party, err: error }, 'subgraph failed to start');
    process.exit(1);
  }
}
