import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import express from 'express';
import { parse } from 'graphql';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS, type Party } from '../platform/config';
import { authenticate, callerOf } from '../platform/authenticate';
import type { Caller, IdentityVerifier } from '../platform/identity';
import { maskUnexpectedErrors } from '../platform/error-masking';
import { requestErrors, unknownPath } from '../platform/http-errors';
import { operationLimits, type OperationLimitOptions } from '../platform/operation-limits';
import { logger } from '../platform/logger';
import { refuseNulCharacters } from '../platform/nul-characters';
import { operationScopes } from '../platform/operation-scopes';
import { SUPERGRAPH_FILE } from './compose-supergraph';
import { CodedSubgraphDataSource } from './subgraph-errors';
import { operationResolution } from './operation-resolution';
import { fetchRequestId, REQUEST_ID_HEADER, requestIdFrom, requestIdPlugin } from '../platform/request-id';

export interface GatewayOptions {
  /**
   * Where our subgraphs answer, overriding the routing URLs in the supergraph file; a subgraph not
   * named here (a partner's) is called at its routing URL.
   */
  subgraphUrls: Partial<Record<Party, string>>;
  /** Defaults to the committed schema/supergraph.graphql. */
  supergraphSdl?: string;
  /** How long /health waits for each subgraph, in ms (default 2000). */
  healthTimeoutMs?: number;
  /** How long one subgraph fetch may take before the gateway gives up on it, in ms (default 10000). */
  subgraphTimeoutMs?: number;
  /** What one operation may cost; see OperationLimitOptions for the defaults. */
  limits?: OperationLimitOptions;
  /** Checks every request's bearer token before any subgraph is called. */
  identity: IdentityVerifier;
  /** How subgraph fetches are sent (default: Node's fetch); the benchmark passes one that records them. */
  fetcher?: typeof fetch;
}

export interface GatewayContext {
  requestId: string;
  /** What its subgraph fetches carry as x-request-id: the request id and a part unique to this request. */
  fetchRequestId: string;
  caller: Caller;
  /** The caller's own Authorization header, passed on so each subgraph verifies it again. */
  authorization: string;
}

export interface GatewayService {
  app: express.Express;
  stop(): Promise<void>;
}

/** The subgraph's health URL beside its GraphQL endpoint: http://host:4001/graphql → /health. */
function healthUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '') + '/health';
  return url.toString();
}

/**
 * The gateway as an express app: POST /graphql runs the query plan over the subgraphs,
 * GET /health answers 200 once the supergraph is loaded and every subgraph answers.
 */
export async function buildGateway(options: GatewayOptions): Promise<GatewayService> {
  const { subgraphUrls } = options;
  const gatewayLogger = logger.child({ service: 'gateway' });
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const timeoutMs = options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new CodedSubgraphDataSource<GatewayContext>(
        {
          url: subgraphUrls[name as Party] ?? url,
          // Node's fetch pools keep-alive connections per origin: no TCP handshake per subgraph fetch.
          fetcher: options.fetcher ?? fetch,
          willSendRequest({ request, context }) {
            if (context.fetchRequestId) request.http?.headers.set(REQUEST_ID_HEADER, context.fetchRequestId);
            if (context.authorization) request.http?.headers.set('authorization', context.authorization);
          },
        },
        { subgraph: name, timeoutMs },
      ),
    logger: gatewayLogger,
  });
  const limits = operationLimits<GatewayContext>(parse(supergraphSdl), options.limits);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpectedErrors(gatewayLogger),
    // The entry points (index.ts, npm start) own shutdown; Apollo's own signal handlers would race them.
    stopOnTerminationSignals: false,
    // The supergraph carries each subgraph's @listSize and @cost: an operation is measured once, here,
    // before any subgraph is called.
    plugins: [operationResolution(), refuseNulCharacters(), limits.plugin, requestIdPlugin(), operationScopes()],
    logger: gatewayLogger,
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  const timeout = options.healthTimeoutMs ?? 2000;
  app.get('/health', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url = '']) => {
        try {
          const response = await fetch(healthUrl(url), { signal: AbortSignal.timeout(timeout) });
          return [name, response.ok ? 'ok' : `answered ${response.status}`] as const;
        } catch (error) {
          return [name, `unreachable: ${(error as Error).message}`] as const;
        }
      }),
    );
    const healthy = checks.every(([, status]) => status === 'ok');
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', subgraphs: Object.fromEntries(checks) });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    authenticate(options.identity),
    limits.tokenLimit,
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        return { requestId, fetchRequestId: fetchRequestId(requestId), caller: callerOf(res), authorization: req.headers.authorization ?? '' };
      },
    }),
  );
  app.use(unknownPath(), requestErrors(gatewayLogger));
  return { app, stop: () => server.stop() };
}
