// Hive Gateway in process on a free port, serving the committed supergraph with a configuration
// from examples/hive-gateway/: the runtime the `hive-gateway supergraph` command builds, quiet.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createGatewayRuntime,
  getBuiltinPluginsFromConfig,
  getCacheInstanceFromConfig,
  Logger,
  MemPubSub,
} from '@graphql-hive/gateway';
import { listen, type Listening } from '../../platform/http';
import { PROJECT_ROOT } from '../../platform/project-root';
import type { HiveGatewayConfig } from '../../examples/hive-gateway/hive-gateway-config';

export interface RunningHiveGateway {
  url: string;
  listening: Listening;
  stop(): Promise<void>;
}

/** The committed supergraph as it is: the routing URLs in it are not where the test subgraphs listen. */
export const SUPERGRAPH_SDL = readFileSync(resolve(PROJECT_ROOT, 'schema', 'supergraph.graphql'), 'utf8');

export async function startHiveGateway(config: HiveGatewayConfig): Promise<RunningHiveGateway> {
  const log = new Logger({ level: false });
  const pubsub = new MemPubSub();
  const cwd = PROJECT_ROOT;
  // The options the CLI turns into plugins (jwt, maxDepth, maxTokens, …), as the CLI does: this is
  // its own helper, exported though marked internal.
  const cache = await getCacheInstanceFromConfig(config, { log, pubsub, cwd });
  const builtinPlugins = await getBuiltinPluginsFromConfig(config, { log, cache, pubsub, cwd });
  const runtime = createGatewayRuntime({
    ...config,
    supergraph: SUPERGRAPH_SDL,
    logging: log,
    cache,
    pubsub,
    cwd,
    plugins: (context) => [...builtinPlugins, ...(config.plugins?.(context) ?? [])],
  });
  const listening = await listen(runtime, 0);
  return {
    url: listening.url,
    listening,
    async stop() {
      await listening.close();
      await runtime.dispose();
    },
  };
}
