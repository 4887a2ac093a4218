// Runs the gateway alone, as docker-compose does: GATEWAY_PORT, SITES_URL, SPONSORS_URL, CROS_URL,
// INSIGHTS_URL and any partner's <NAME>_URL, SUPERGRAPH_FILE (watched) or SUPERGRAPH_URL (polled
// every SUPERGRAPH_POLL_INTERVAL_MS), SUBGRAPH_TIMEOUT_MS, the OPERATION_MAX_* limits and the AUTH_* settings.
import { gatewayConfig } from '../platform/config';
import { identityConfig, identityVerifier } from '../platform/identity';
import { listen } from '../platform/http';
import { logger } from '../platform/logger';
import { buildGateway, configuredGatewayOptions } from './gateway';

async function main() {
  const config = gatewayConfig();
  const gateway = await buildGateway({ ...configuredGatewayOptions(config), identity: identityVerifier(identityConfig()) });
  const listening = await listen(gateway.app, config.port, { host: config.host });
  logger.info({ url: listening.url }, 'gateway ready');
  const stop = async () => {
    await listening.close();
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by npm start's supervisor (an IPC channel): a supervisor that is gone, even killed, stops it.
  if (process.send) process.once('disconnect', stop);
}

main().catch((error) => {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
