import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import express from 'express';
import { type CorsPolicy, DEFAULT_SUBGRAPH_TIMEOUT_MS, type ExplorerConfig, type GatewayConfig, type TelemetryConfig } from '../platform/config';
import { authenticate, callerOf } from '../platform/authenticate';
import type { Caller, IdentityVerifier } from '../platform/identity';
import { maskUnexpectedErrors } from '../platform/error-masking';
import { requestErrors, unknownPath } from '../platform/http-errors';
import { operationLimits, type OperationLimitOptions } from '../platform/operation-limits';
import { logger } from '../platform/logger';
import { refuseNulCharacters } from '../platform/nul-characters';
import { operationScopes } from '../platform/operation-scopes';
import { supergraphSource } from './supergraph-source';
import { CodedSubgraphDataSource } from './subgraph-errors';
import { subgraphFetch, type SubgraphFetcher } from './subgraph-fetch';
import { gatewayCors } from './cors';
import { operationResolution } from './operation-resolution';
import { explorer } from './explorer';
import { trustedDocuments, type TrustedDocumentsOptions } from './trusted-documents';
import { fetchRequestId, REQUEST_ID_HEADER, requestIdFrom, requestIdPlugin } from '../platform/request-id';
import { GatewayMetrics } from '../platform/metrics';
import { observedRequests } from '../platform/observed-requests';
import { injectTraceContext, operationSpanNames, startTracing } from '../platform/tracing';

/**
 * What the environment decides of a gateway (platform/config.ts's gatewayConfig): where the
 * subgraphs answer, where the supergraph comes from, the timeout and the limits. Every entry point
 * (gateway/index.ts, npm start's stack, the benchmark's gateway process) builds from it alike.
 */
export function configuredGatewayOptions(config: GatewayConfig) {
  return {
    subgraphUrls: config.subgraphUrls,
    subgraphUrl: config.subgraphUrl,
    supergraphFile: config.supergraph.file,
    supergraphUrl: config.supergraph.url,
    supergraphPollIntervalMs: config.supergraph.pollIntervalMs,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    limits: config.limits,
    cors: config.cors,
    telemetry: config.telemetry,
    explorer: config.explorer,
    trustedDocuments: config.trustedDocuments,
  } satisfies Partial<GatewayOptions>;
}

export interface GatewayOptions {
  /**
   * Where subgraphs answer, by name, overriding the routing URLs in the supergraph; a subgraph not
   * named here (a partner's) is asked of `subgraphUrl`, then called at its routing URL.
   */
  subgraphUrls: Partial<Record<string, string>>;
  /** Where a subgraph not in `subgraphUrls` answers, asked at each supergraph load (default: nowhere else). */
  subgraphUrl?: (subgraph: string) => string | undefined;
  /** A fixed supergraph SDL, never reloaded; wins over `supergraphUrl` and `supergraphFile`. */
  supergraphSdl?: string;
  /** A URL answering the supergraph SDL, polled every `supergraphPollIntervalMs` (default 10000) for a new one. */
  supergraphUrl?: string;
  /** How often `supergraphUrl` is fetched, in ms (default 10000). */
  supergraphPollIntervalMs?: number;
  /** The supergraph file, watched for a new supergraph (default schema/supergraph.graphql). */
  supergraphFile?: string;
  /** How long /health waits for each subgraph, in ms (default 2000). */
  healthTimeoutMs?: number;
  /** How long one subgraph fetch may take before the gateway gives up on it, in ms (default 10000). */
  subgraphTimeoutMs?: number;
  /** What one operation may cost; see OperationLimitOptions for the defaults. */
  limits?: OperationLimitOptions;
  /** Which pages may call it from a browser (default: none; gatewayConfig's default lets local pages in development). */
  cors?: CorsPolicy;
  /** The manifest of trusted documents, and whether only its operations run (default: any operation). */
  trustedDocuments?: TrustedDocumentsOptions;
  /** Checks every request's bearer token before any subgraph is called. */
  identity: IdentityVerifier;
  /** The explorer page at / and for browsers at /graphql (gateway/explorer.ts); none when null or absent. */
  explorer?: ExplorerConfig | null;
  /** How subgraph fetches are sent (default: Node's fetch); the benchmark passes one that records them. */
  fetcher?: SubgraphFetcher;
  /** Where its spans go (default: nowhere) and who may read GET /metrics (default: anyone). */
  telemetry?: TelemetryConfig;
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

/**
 * The subgraph's health URL beside its GraphQL endpoint: http://host:4001/graphql → /health, and a
 * partner served at its root (http://host:4010/) → /health, not //health.
 */
export function healthUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '') + '/health';
  return url.toString();
}

/**
 * The gateway as an express app: POST /graphql runs the query plan over the subgraphs,
 * GET /health answers 200 once the supergraph is loaded and every subgraph in it answers.
 * The supergraph is reloaded when its file (or URL) changes, without a restart.
 */
export async function buildGateway(options: GatewayOptions): Promise<GatewayService> {
  const { subgraphUrls } = options;
  const gatewayLogger = logger.child({ service: 'gateway' });
  const supergraph = supergraphSource({
    sdl: options.supergraphSdl,
    url: options.supergraphUrl,
    pollIntervalMs: options.supergraphPollIntervalMs,
    file: options.supergraphFile,
    logger: gatewayLogger,
  });
  // Own keys only: a partner may name its subgraph anything, `constructor` included.
  const urlOf = (name: string, routingUrl: string) =>
    (Object.hasOwn(subgraphUrls, name) ? subgraphUrls[name] : undefined) ?? options.subgraphUrl?.(name) ?? routingUrl;
  const timeoutMs = options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const metrics = new GatewayMetrics();
  const tracing = startTracing(options.telemetry?.tracing ?? { serviceName: 'gateway' }, { global: true });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) =>
      new CodedSubgraphDataSource<GatewayContext>(
        {
          url: urlOf(name, url ?? ''),
          fetcher: options.fetcher ?? subgraphFetch,
          willSendRequest({ request, context }) {
            if (context.fetchRequestId) request.http?.headers.set(REQUEST_ID_HEADER, context.fetchRequestId);
            if (context.authorization) request.http?.headers.set('authorization', context.authorization);
            // Called inside @apollo/gateway's gateway.fetch span: the subgraph's span is its child.
            injectTraceContext((header, value) => request.http?.headers.set(header, value));
          },
        },
        { subgraph: name, timeoutMs, metrics },
      ),
    logger: gatewayLogger,
  });
  // Measured against the supergraph served now: a partner's @listSize counts from its first request.
  const limits = operationLimits<GatewayContext>(() => supergraph.current().document, options.limits);
  const documents = trustedDocuments(options.trustedDocuments);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpectedErrors(gatewayLogger),
    // The entry points (index.ts, npm start) own shutdown; Apollo's own signal handlers would race them.
    stopOnTerminationSignals: false,
    // Apollo's landing page loads from Apollo's CDN: the explorer is our own page (gateway/explorer.ts).
    // The supergraph carries each subgraph's @listSize and @cost: an operation is measured once, here
    // (limits.plugin), before any subgraph is called.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationResolution(),
      refuseNulCharacters(),
      limits.plugin,
      requestIdPlugin(),
      operationScopes(),
      metrics.plugin(),
      operationSpanNames(),
    ],
    logger: gatewayLogger,
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  // First, so a preflight never meets the token check and every refusal carries the CORS headers.
  app.use(gatewayCors(options.cors));
  const timeout = options.healthTimeoutMs ?? 2000;
  app.get('/metrics', metrics.endpoint(options.telemetry?.metricsToken));
  app.get('/health', async (_req, res) => {
    const served = supergraph.current();
    const checks = await Promise.all(
      Object.entries(served.subgraphs).map(async ([name, routingUrl]) => {
        const url = urlOf(name, routingUrl);
        try {
          const response = await fetch(healthUrl(url), { signal: AbortSignal.timeout(timeout) });
          return [name, response.ok ? 'ok' : `answered ${response.status}`] as const;
        } catch (error) {
          return [name, `unreachable: ${(error as Error).message}`] as const;
        }
      }),
    );
    const healthy = checks.every(([, status]) => status === 'ok');
    res.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'degraded',
      supergraph: { hash: served.hash, loadedAt: served.loadedAt.toISOString() },
      subgraphs: Object.fromEntries(checks),
      ...(healthy ? {} : { down: checks.filter(([, status]) => status !== 'ok').map(([name]) => name) }),
    });
  });
  if (options.explorer) app.use(explorer(options.explorer));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    // The request id is settled before anything can refuse the request, so every answer carries it.
    (req, res, next) => {
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      res.locals.requestId = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      next();
    },
    ...observedRequests(metrics, tracing),
    authenticate(options.identity),
    limits.tokenLimit,
    documents,
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const requestId = res.locals.requestId as string;
        return { requestId, fetchRequestId: fetchRequestId(requestId), caller: callerOf(res), authorization: req.headers.authorization ?? '' };
      },
    }),
  );
  app.use(unknownPath(), requestErrors(gatewayLogger));
  return {
    app,
    async stop() {
      await server.stop();
      await tracing.shutdown();
    },
  };
}
