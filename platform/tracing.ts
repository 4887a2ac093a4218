// OpenTelemetry traces: each service makes a server span per request, continuing the caller's W3C
// `traceparent` (or starting a trace), and passes its own on to every subgraph it calls, so one
// trace shows a request across the gateway and all four subgraphs. Spans are exported over OTLP/HTTP
// (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT; with it unset no provider is made and nothing is recorded:
// the request path does one `undefined` check.
import { context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
// The context manager sdk-trace-node itself registers; a subgraph registers it without also making
// its provider the process's global one (see startTracing).
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { NextFunction, Request, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequestScope } from './request-scope';

/** Where a service sends its spans, and the name it reports them under (platform/config.ts's tracingConfig). */
export interface TracingConfig {
  /** The OTLP/HTTP collector's base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to <endpoint>/v1/traces. Unset: no tracing. */
  endpoint?: string;
  /** The service's name in its spans (OTEL_SERVICE_NAME, else the service's role: gateway, sites, …). */
  serviceName: string;
}

export interface ServiceTracing {
  /** Undefined when tracing is off: every caller checks it and does nothing else. */
  tracer: Tracer | undefined;
  /** Sends what is still buffered (waiting SHUTDOWN_PATIENCE_MS at most) and stops exporting. */
  shutdown(): Promise<void>;
}

/** How long a stopping service waits for its last spans to be sent: within Docker's 10 s before it kills. */
const SHUTDOWN_PATIENCE_MS = 3000;

const OFF: ServiceTracing = { tracer: undefined, shutdown: async () => {} };

let propagationReady = false;

/** W3C trace context, carried across async work by AsyncLocalStorage: once per process. */
function readyPropagation(): void {
  if (propagationReady) return;
  propagationReady = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/**
 * A service's tracer, exporting to `config.endpoint`, or OFF without one. `global` makes it the
 * process's tracer provider too: the gateway's, since @apollo/gateway makes its own spans
 * (gateway.request, gateway.plan, gateway.execute, gateway.fetch per subgraph fetch, …) through
 * the global OpenTelemetry API. Subgraphs keep theirs to themselves: a stack of several services
 * in one process (the tests', the benchmark's) gives each its own service name.
 */
export function startTracing(config: TracingConfig, options: { global?: boolean } = {}): ServiceTracing {
  if (!config.endpoint) return OFF;
  readyPropagation();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  if (options.global) trace.setGlobalTracerProvider(provider);
  return {
    tracer: provider.getTracer('partnership-supergraph'),
    async shutdown() {
      // A collector that does not answer must not hold a stopping service past its orchestrator's patience.
      let timer: NodeJS.Timeout | undefined;
      const patience = new Promise<void>((done) => (timer = setTimeout(done, SHUTDOWN_PATIENCE_MS).unref()));
      await Promise.race([provider.shutdown().catch(() => {}), patience]);
      clearTimeout(timer);
      if (options.global) trace.disable();
    },
  };
}

/**
 * Express middleware, after the request scope is set: the request's server span, a child of the
 * caller's `traceparent` if it sent one, active for the rest of the request (so the spans and
 * fetches made while handling it are its children), ended when the answer is sent. Its trace id
 * joins the request id in the request's log lines.
 */
export function traceRequests(tracing: ServiceTracing) {
  return (req: Request, res: Response, next: NextFunction) => {
    const { tracer } = tracing;
    if (!tracer) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const route = req.baseUrl || req.path;
    const span = tracer.startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method, [ATTR_HTTP_ROUTE]: route } },
      parent,
    );
    const scope = currentRequestScope();
    if (scope) scope.logFields.traceId = span.spanContext().traceId;
    res.once('close', () => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Sets the current trace's `traceparent` on an outgoing call's headers; nothing when tracing is off. */
export function injectTraceContext(set: (name: string, value: string) => void): void {
  const active = trace.getActiveSpan();
  if (!active) return;
  propagation.inject(context.active(), undefined, { set: (_carrier: unknown, name: string, value: string) => set(name, value) });
}

/** Names the request's server span after its operation (`query SiteAtAGlance`), as GraphQL's conventions do. */
export function operationSpanNames(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const span: Span | undefined = trace.getActiveSpan();
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'operation';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
      };
    },
  };
}
