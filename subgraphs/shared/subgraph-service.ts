import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { defaultFieldResolver, isObjectType, locatedError, parse, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { pathToArray } from 'graphql/jsutils/Path';
import { authenticate, callerOf } from '../../platform/authenticate';
import type { Party, TelemetryConfig } from '../../platform/config';
import { databaseUnavailable, type Database } from './database';
import type { Caller, IdentityVerifier } from '../../platform/identity';
import { maskUnexpectedErrors } from '../../platform/error-masking';
import { requestErrors, unknownPath } from '../../platform/http-errors';
import { operationLimits, type OperationLimitOptions } from '../../platform/operation-limits';
import { logger } from '../../platform/logger';
import { PROJECT_ROOT } from '../../platform/project-root';
import { refuseNulCharacters } from '../../platform/nul-characters';
import { operationScopes } from '../../platform/operation-scopes';
import { describeCaller, isPlatformAdmin, SHARED_RULES } from './access';
import { entityKeys } from './entity-keys';
import { forbidden } from './errors';
import { inputBounds } from './input-bounds';
import { createPeerClient, type PeerClient } from './peers';
import { requestContexts } from './request-contexts';
import { REQUEST_ID_HEADER, requestIdFrom } from '../../platform/request-id';
import { DateScalar, DateTimeScalar } from './scalars';
import { SubgraphMetrics } from '../../platform/metrics';
import { observedRequests } from '../../platform/observed-requests';
import { operationSpanNames, startTracing } from '../../platform/tracing';

/** The resolver map buildSubgraphSchema takes, as its public signature names it. */
type SubgraphResolverMap = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers'];

/** What every subgraph's context holds, whatever else its party adds. */
export interface RequestContext {
  /** Who is calling, from the verified token. */
  caller: Caller;
  /** Asks other subgraphs about relationships they own, as the caller. */
  peers: PeerClient;
  requestId: string;
}

/** How a subgraph knows its callers: the token check, and where to ask the owners of relationships. */
export interface SubgraphAccess {
  /** Checks every request's bearer token: the subgraph trusts no caller, the gateway included. */
  identity: IdentityVerifier;
  /** Where the other subgraphs answer; read per request, so it may be filled in after building. */
  peers: Partial<Record<Party, string>>;
  /** What one operation sent straight here may cost; the gateway's defaults unless set (OPERATION_MAX_*). */
  limits?: OperationLimitOptions;
  /**
   * Production mode: `_service { sdl }` answers platform admins only and introspection is off, as
   * at the gateway. Default false; the entry points set it from NODE_ENV (isProduction).
   */
  production?: boolean;
  /** Where its spans go (default: nowhere) and who may read GET /metrics (default: anyone). */
  telemetry?: TelemetryConfig;
}

export interface SubgraphServiceOptions<TContext extends RequestContext> extends SubgraphAccess {
  party: Party;
  database: Database;
  /** The subgraph's resolver map, typed by its generated `Resolvers` (npm run codegen). */
  resolvers: object;
  /**
   * Called once per request (per request id and token: the gateway's fetches and the relationship
   * checks of one request share the context, see request-contexts.ts): where its DataLoaders are made.
   */
  createContext: (request: RequestContext) => TContext;
}

export interface SubgraphService {
  party: Party;
  app: express.Express;
  database: Database;
  stop(): Promise<void>;
}

/** The subgraph's contract, read from schema/<party>.graphql. */
export function subgraphTypeDefs(party: Party) {
  return parse(readFileSync(resolve(PROJECT_ROOT, 'schema', `${party}.graphql`), 'utf8'));
}

/**
 * In production the subgraph's whole schema, which `_service { sdl }` answers with, is for platform
 * admins only: anyone else learns no more of the schema than the gateway shows with introspection off.
 */
function guardServiceSdl(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._service;
  if (!field) return;
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context: RequestContext, info) => {
    if (!isPlatformAdmin(context.caller)) {
      throw forbidden(
        SHARED_RULES.subgraphSchema,
        `In production a subgraph's schema is shown to platform admins only; the caller is ${describeCaller(context.caller)}`,
      );
    }
    return resolve(source, args, context, info);
  };
}

/**
 * The error a resolver threw, on its field's path, as graphql-js would place it, but without
 * capturing a stack trace for the copy: graphql-js copies every error a resolver throws to add its
 * path, and the copy's own trace (replaced at once by the original's) was most of a refusal's
 * cost where a list refuses a field on every row (a page of 100 sites, 69 of them refusing their
 * capacity, measured under issue 12).
 */
function locatedCheaply(error: unknown, info: GraphQLResolveInfo): unknown {
  if (!(error instanceof Error)) return error;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return locatedError(error, info.fieldNodes, pathToArray(info.path));
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Every resolver of the schema places what it throws (or rejects with) on its path itself: see locatedCheaply. */
function locateErrorsCheaply(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> | undefined = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        let result: unknown;
        try {
          result = resolve(source, args, context, info);
        } catch (error) {
          throw locatedCheaply(error, info);
        }
        if (result instanceof Promise) {
          return result.catch((error: unknown) => {
            throw locatedCheaply(error, info);
          });
        }
        return result;
      };
    }
  }
}

/**
 * A subgraph as an express app: POST /graphql, GET /health (200 when its database answers).
 * It does not listen: index.ts (or a test) binds it to a port.
 */
export async function buildSubgraphService<TContext extends RequestContext>(
  options: SubgraphServiceOptions<TContext>,
): Promise<SubgraphService> {
  const { party, database } = options;
  const typeDefs = subgraphTypeDefs(party);
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: { Date: DateScalar, DateTime: DateTimeScalar, ...options.resolvers } as SubgraphResolverMap,
  });
  if (options.production) guardServiceSdl(schema);
  locateErrorsCheaply(schema);
  const subgraphLogger = logger.child({ subgraph: party });
  const limits = operationLimits<TContext>(typeDefs, options.limits);
  const metrics = new SubgraphMetrics(party, database.statements);
  const tracing = startTracing(options.telemetry?.tracing ?? { serviceName: party });
  const server = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // Set from our own configuration rather than left to Apollo's reading of process.env.
    introspection: !options.production,
    formatError: maskUnexpectedErrors(subgraphLogger, { recognise: databaseUnavailable }),
    // The entry points (index.ts, npm start) own shutdown; Apollo's own signal handlers would race them.
    stopOnTerminationSignals: false,
    // Traces are for Apollo's hosted reporting, which this gateway does not use. No type or field
    // states a cache hint, so every answer is uncacheable whatever Apollo's cache-control plugin
    // works out; left on, it wraps every field's resolver to work it out (measured under issue 12).
    // The same limits as the gateway's, sized by this subgraph's own SDL: a query sent straight here
    // is measured too, and the gateway's _entities fetches by the representations they carry.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), refuseNulCharacters(), limits.plugin, entityKeys(), inputBounds(), operationScopes(), metrics.plugin(), operationSpanNames()],
    logger: subgraphLogger,
  });
  await server.start();

  // The gateway's fetches and other subgraphs' checks of one request share its loaders.
  const contexts = requestContexts<TContext>();

  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metrics.endpoint(options.telemetry?.metricsToken));
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
    (req, res, next) => {
      res.locals.requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      next();
    },
    ...observedRequests(metrics, tracing),
    authenticate(options.identity),
    limits.tokenLimit,
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const requestId = res.locals.requestId as string;
        const authorization = req.headers.authorization ?? '';
        const { context, answered } = contexts.contextOf(requestId, authorization, () => {
          const peers = createPeerClient({ urls: options.peers, authorization, requestId });
          return options.createContext({ caller: callerOf(res), peers, requestId });
        });
        res.once('finish', answered);
        return context;
      },
    }),
  );
  app.use(unknownPath(), requestErrors(subgraphLogger));
  return {
    party,
    app,
    database,
    async stop() {
      await server.stop();
      await tracing.shutdown();
    },
  };
}
