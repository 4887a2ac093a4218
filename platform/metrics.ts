// Prometheus metrics (prom-client), served by every service at GET /metrics: the gateway's by
// operation, by subgraph fetch and by error code; each subgraph's by operation, with the SQL
// statements it sent; the process's own (CPU, memory, event loop, GC) once per process.
import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { currentRequestScope } from './request-scope';

/**
 * Operation names (and error codes) are the caller's to choose: each new value would be a new time
 * series, so an attacker sending random names would grow every scraper's storage without end. The
 * first OPERATION_LABELS_MAX distinct names a service sees are labelled as they are; any other is
 * counted as OTHER_LABEL. A deployment's own operations are a few dozen, seen first in the normal run of things.
 */
export const OPERATION_LABELS_MAX = 100;
/** At most this many distinct error codes are labelled: ours are a few dozen, a partner's are its own. */
export const ERROR_CODE_LABELS_MAX = 50;
export const OTHER_LABEL = '(other)';
/** An operation with no name. */
export const ANONYMOUS_LABEL = '(anonymous)';
/** A request answered before its operation was known: refused (no token, over the token limit), or not a GraphQL document. */
export const UNRESOLVED_LABEL = '(unresolved)';

/** The first `max` distinct values pass as they are; any other is OTHER_LABEL. */
export function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return OTHER_LABEL;
    seen.add(value);
    return value;
  };
}

// Seconds: from a 5 ms lookup to a 10 s subgraph timeout.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/** The process's own metrics, collected once however many services one process runs (a test's stack). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What every service counts: requests by operation and HTTP status, their latency, errors in its answers by code. */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operationLabel = boundedLabel(OPERATION_LABELS_MAX);
  private readonly codeLabel = boundedLabel(ERROR_CODE_LABELS_MAX);
  private readonly requests: Counter<'operation' | 'status'>;
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;

  /** `prefix` names the metrics (`gateway`, `subgraph`); `service` labels every series (gateway, sites, …). */
  constructor(prefix: string, service: string) {
    this.registry.setDefaultLabels({ service });
    this.requests = new Counter({
      name: `${prefix}_requests_total`,
      help: 'GraphQL requests answered, by operation name and HTTP status',
      labelNames: ['operation', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: `${prefix}_request_duration_seconds`,
      help: 'Time from a GraphQL request arriving to its answer being sent, by operation name',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: `${prefix}_graphql_errors_total`,
      help: 'Errors in GraphQL answers, by extensions.code',
      labelNames: ['code'],
      registers: [this.registry],
    });
  }

  /**
   * Express middleware, after the request scope is set (request-scope.ts): counts and times each
   * request under the name its operation resolved to (operationNames below), once it is answered.
   */
  observeRequests() {
    return (_req: Request, res: Response, next: NextFunction) => {
      const scope = currentRequestScope();
      const started = performance.now();
      res.once('close', () => {
        const operation = this.operationLabel(scope?.operationName ?? UNRESOLVED_LABEL);
        this.requests.inc({ operation, status: res.statusCode });
        this.duration.observe({ operation }, (performance.now() - started) / 1000);
      });
      next();
    };
  }

  /** Tells the request scope the operation's name, and counts the errors of each answer by code. */
  plugin(): ApolloServerPlugin {
    const metrics = this;
    return {
      async requestDidStart() {
        return {
          async didResolveOperation({ operationName }) {
            const scope = currentRequestScope();
            if (scope) scope.operationName = operationName ?? ANONYMOUS_LABEL;
          },
          async didEncounterErrors({ errors }) {
            for (const error of errors) metrics.countError(error.extensions?.code);
          },
        };
      },
    };
  }

  countError(code: unknown): void {
    this.errors.inc({ code: this.codeLabel(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR') });
  }

  /** GET /metrics: this service's metrics and the process's, Prometheus's text format. */
  endpoint(token?: string) {
    return async (req: Request, res: Response) => {
      if (token && !bearerMatches(req.headers.authorization, token)) {
        res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('GET /metrics needs the METRICS_TOKEN as a bearer token\n');
        return;
      }
      const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
      res.type(this.registry.contentType).send(`${own}\n${process}`);
    };
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/** The gateway's: also each subgraph fetch's latency, and the fetches that failed, by subgraph. */
export class GatewayMetrics extends ServiceMetrics {
  private readonly fetchCodeLabel = boundedLabel(ERROR_CODE_LABELS_MAX);
  private readonly fetchDuration: Histogram<'subgraph'>;
  private readonly fetchErrors: Counter<'subgraph' | 'code'>;

  constructor() {
    super('gateway', 'gateway');
    this.fetchDuration = new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Time one subgraph fetch of a query plan took, by subgraph',
      labelNames: ['subgraph'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.fetchErrors = new Counter({
      name: 'gateway_subgraph_fetch_errors_total',
      help: 'Subgraph fetches that failed (timed out, unreachable, an error status, a refusal), by subgraph and code',
      labelNames: ['subgraph', 'code'],
      registers: [this.registry],
    });
  }

  /**
   * Times one fetch; the returned function ends it, with the failure's code if it failed. Subgraph
   * names come from the supergraph, which the platform's admins compose: a bounded set.
   */
  subgraphFetch(subgraph: string): (failureCode?: string) => void {
    const started = performance.now();
    return (failureCode) => {
      this.fetchDuration.observe({ subgraph }, (performance.now() - started) / 1000);
      if (failureCode !== undefined) this.fetchErrors.inc({ subgraph, code: this.fetchCodeLabel(failureCode) });
    };
  }
}

/** A subgraph's: also the SQL statements it sent, read from its database's counter when scraped. */
export class SubgraphMetrics extends ServiceMetrics {
  constructor(subgraph: string, statements: { readonly count: number }) {
    super('subgraph', subgraph);
    new Counter({
      name: 'subgraph_sql_statements_total',
      help: 'SQL statements the subgraph sent its database',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(statements.count);
      },
    });
  }
}
