// The whole supergraph in one process: four subgraphs and the gateway, each on its own port and
// each subgraph on its own database. npm start, npm run seed, the benchmark and the end-to-end
// tests run on it; docker-compose.yml runs the same services as separate containers.
import type { SubgraphFetcher } from '../gateway/subgraph-fetch';
import { buildGateway, configuredGatewayOptions, type GatewayService } from '../gateway/gateway';
import type { DemoDataset } from '../seed/model';
import { type DatabaseConfig, type Env, gatewayConfig, host, isProduction, operationLimits, PARTIES, type Party, telemetryConfig } from '../platform/config';
import type { Database } from '../subgraphs/shared/database';
import { listen, type Listening } from '../platform/http';
import { identityConfig, identityVerifier, type IdentityConfig } from '../platform/identity';
import type { SubgraphService } from '../subgraphs/shared/subgraph-service';
import { SUBGRAPHS } from '../subgraphs/parties';

export type Databases = Record<Party, Database>;

export async function openDatabases(configs: Record<Party, DatabaseConfig>): Promise<Databases> {
  const opened = await Promise.all(PARTIES.map((party) => SUBGRAPHS[party].open(configs[party])));
  return Object.fromEntries(PARTIES.map((party, i) => [party, opened[i]])) as Databases;
}

export async function closeDatabases(databases: Databases): Promise<void> {
  await Promise.all(Object.values(databases).map((database) => database.close()));
}

/** Drops every table and runs the migrations again: a clean, current schema. */
export async function resetDatabase(database: Database): Promise<void> {
  await database.dataSource.dropDatabase();
  await database.dataSource.runMigrations({ transaction: 'each' });
}

/** Stores each party's slice of the dataset in that party's database, reporting as it goes. */
export async function seedDatabases(
  databases: Databases,
  dataset: DemoDataset,
  progress: (line: string) => void = () => {},
): Promise<void> {
  for (const party of PARTIES) {
    const started = Date.now();
    await SUBGRAPHS[party].seed(databases[party].dataSource, dataset);
    progress(`  ${party.padEnd(9)} stored in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

export interface LocalStack {
  gatewayUrl: string;
  subgraphUrls: Record<Party, string>;
  databases: Databases;
  listening: Record<Party | 'gateway', Listening>;
  /** How tokens are checked on every service: what `npm run token` and the tests sign with. */
  identity: IdentityConfig;
  /** Stops the servers; the databases stay open for whoever opened them. */
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  databases: Databases;
  /** Port per service; 0 picks a free one. */
  ports: Record<Party | 'gateway', number>;
  env?: Env;
  /** How the gateway sends subgraph fetches (default: Node's fetch). */
  gatewayFetcher?: SubgraphFetcher;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const identity = identityConfig(env);
  const verify = identityVerifier(identity);
  // Each subgraph asks the others about relationships they own; their URLs are known once they listen.
  const peers: Partial<Record<Party, string>> = {};
  const services: SubgraphService[] = [];
  const limits = operationLimits(env);
  const listening = {} as Record<Party | 'gateway', Listening>;
  let gateway: GatewayService | null = null;
  const stop = async () => {
    await Promise.all(Object.values(listening).map((l) => l.close()));
    await gateway?.stop();
    await Promise.all(services.map((service) => service.stop()));
  };
  try {
    for (const party of PARTIES) {
      const service = await SUBGRAPHS[party].build(options.databases[party], { identity: verify, peers, limits, production: isProduction(env), telemetry: telemetryConfig(party, env) }, env);
      services.push(service);
      listening[party] = await listen(service.app, options.ports[party], { host: host(env) });
    }
    const subgraphUrls = Object.fromEntries(PARTIES.map((party) => [party, listening[party].url])) as Record<Party, string>;
    Object.assign(peers, subgraphUrls);
    const config = gatewayConfig(env);
    gateway = await buildGateway({
      ...configuredGatewayOptions(config),
      // Where they listen now, not where the environment says: a stack may listen on any free port.
      subgraphUrls,
      identity: verify,
      fetcher: options.gatewayFetcher,
    });
    listening.gateway = await listen(gateway.app, options.ports.gateway, { host: host(env) });
    return { gatewayUrl: listening.gateway.url, subgraphUrls, databases: options.databases, listening, identity, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
