import type { DemoDataset } from '../../seed/model';
import { closeDatabases, openDatabases, seedDatabases, startLocalStack, type LocalStack } from '../../scripts/local-stack';
import { type Env, PARTIES, type Party } from '../../platform/config';
import { testDatabaseConfigs } from './databases';
import { postGraphQL, type GraphQLResponse } from './subgraph-harness';
import { partySupergraphFile } from './party-supergraph';
import { asAdmin, TEST_ENV } from './tokens';

export interface TestStack extends LocalStack {
  /** POSTs an operation to the gateway, as a platform admin unless headers say otherwise. */
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** SQL statements each subgraph ran while `work` ran. */
  countStatements(work: () => Promise<unknown>): Promise<Record<Party, number>>;
  shutdown(): Promise<void>;
}

/** The whole supergraph in process on fresh test databases (PGlite, or DATABASE_URL's server). */
export async function startTestStack(dataset: DemoDataset, env: Env = {}): Promise<TestStack> {
  const { configs, drop } = testDatabaseConfigs();
  const databases = await openDatabases(configs);
  await seedDatabases(databases, dataset);
  const ports = { gateway: 0, sites: 0, sponsors: 0, cros: 0, insights: 0 };
  // Our four subgraphs' supergraph unless the test names another: a partner in the yaml is not running here.
  const stack = await startLocalStack({ databases, ports, env: { ...TEST_ENV, SUPERGRAPH_FILE: partySupergraphFile(), ...env } });
  return {
    ...stack,
    query: async (query, variables, headers) => postGraphQL(stack.gatewayUrl, query, variables, headers ?? (await asAdmin())),
    async countStatements(work) {
      const before = PARTIES.map((party) => databases[party].statements.count);
      await work();
      return Object.fromEntries(PARTIES.map((party, i) => [party, databases[party].statements.count - before[i]])) as Record<Party, number>;
    },
    async shutdown() {
      await stack.stop();
      await closeDatabases(databases);
      await drop();
    },
  };
}
