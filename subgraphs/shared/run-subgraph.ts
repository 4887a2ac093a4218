import type { PartySubgraph } from '../parties';
import { isProduction, type SubgraphConfig } from '../../platform/config';
import { identityConfig, identityVerifier } from '../../platform/identity';
import { listen } from '../../platform/http';
import { logger } from '../../platform/logger';

/** Opens the database, builds the subgraph, listens, and stops cleanly on SIGINT or SIGTERM. */
export async function runSubgraph(config: SubgraphConfig, subgraph: PartySubgraph): Promise<void> {
  try {
    const database = await subgraph.open(config.database);
    const identity = identityVerifier(identityConfig());
    const service = await subgraph.build(database, { identity, peers: config.peers, limits: config.limits, production: isProduction(), telemetry: config.telemetry }, process.env);
    const listening = await listen(service.app, config.port, { host: config.host });
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
