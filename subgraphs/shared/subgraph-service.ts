import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { parse } from 'graphql';
import type { Party } from './config';
import type { Database } from './database';
import { logger } from './logger';
import { DateScalar, DateTimeScalar } from './scalars';

export interface SubgraphServiceOptions<TContext extends object> {
  party: Party;
  database: Database;
  resolvers: GraphQLResolverMap<TContext>;
  /** Called once per request: where per-request DataLoaders are made. */
  createContext: () => TContext;
}

export interface SubgraphService {
  party: Party;
  app: express.Express;
  database: Database;
  stop(): Promise<void>;
}

/** The subgraph's contract, read from schema/<party>.graphql. */
export function subgraphTypeDefs(party: Party) {
  return parse(readFileSync(resolve(__dirname, '..', '..', 'schema', `${party}.graphql`), 'utf8'));
}

/**
 * A subgraph as an express app: POST /graphql, GET /health (200 when its database answers).
 * It does not listen: index.ts (or a test) binds it to a port.
 */
export async function buildSubgraphService<TContext extends object>(
  options: SubgraphServiceOptions<TContext>,
): Promise<SubgraphService> {
  const { party, database } = options;
  const schema = buildSubgraphSchema({
    typeDefs: subgraphTypeDefs(party),
    resolvers: { Date: DateScalar, DateTime: DateTimeScalar, ...options.resolvers } as GraphQLResolverMap<unknown>,
  });
  const server = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // The entry points (index.ts, npm start) own shutdown; Apollo's own signal handlers would race them.
    stopOnTerminationSignals: false,
    // Traces are for Apollo's hosted reporting, which this gateway does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    logger: logger.child({ subgraph: party }),
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    try {
      await database.dataSource.query('SELECT 1');
      res.json({ status: 'ok', subgraph: party });
    } catch (error) {
      logger.error({ subgraph: party, err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', subgraph: party });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, { context: async () => options.createContext() }),
  );
  return { party, app, database, stop: () => server.stop() };
}
