import type { DatabaseConfig, Party } from '../../platform/config';
import type { Database } from '../../subgraphs/shared/database';
import { listen } from '../../platform/http';
import type { SubgraphAccess, SubgraphService } from '../../subgraphs/shared/subgraph-service';
import { testDatabaseConfigs } from './databases';
import { asAdmin, testAccess } from './tokens';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface RunningSubgraph {
  database: Database;
  url: string;
  /** POSTs an operation, as a platform admin unless headers say otherwise, and returns the parsed response. */
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** SQL statements the subgraph ran while `work` ran. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** One subgraph in process on a fresh test database (see testDatabaseConfigs), seeded by `seed`. */
export async function startSubgraph(
  party: Party,
  open: (config: DatabaseConfig) => Promise<Database>,
  build: (database: Database, access: SubgraphAccess) => Promise<SubgraphService>,
  seed: (database: Database) => Promise<void>,
): Promise<RunningSubgraph> {
  const { configs, drop } = testDatabaseConfigs();
  const database = await open(configs[party]);
  await seed(database);
  const service = await build(database, testAccess());
  const listening = await listen(service.app, 0);
  return {
    database,
    url: listening.url,
    query: async (query, variables, headers) => postGraphQL(listening.url, query, variables, headers ?? (await asAdmin())),
    async countStatements(work) {
      const before = database.statements.count;
      await work();
      return database.statements.count - before;
    },
    async stop() {
      await listening.close();
      await service.stop();
      await database.close();
      await drop();
    },
  };
}
