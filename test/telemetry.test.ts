// Metrics, traces and request ids, seen from outside: one request with a caller's `traceparent` and
// x-request-id crosses all four subgraphs; then every service's GET /metrics counts it, a collector
// (a plain HTTP server standing in for an OpenTelemetry collector's OTLP/HTTP receiver) holds one
// trace of it from the gateway and every subgraph, and every log line written meanwhile names it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import pino from 'pino';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { logger } from '../platform/logger';
import { OPERATION_LABELS_MAX, OTHER_LABEL, UNRESOLVED_LABEL } from '../platform/metrics';
import { PARTIES, type Party } from '../platform/config';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL } from './support/subgraph-harness';
import { as, asAdmin } from './support/tokens';

/** OTLP's SpanKind: a server span. */
const SERVER_KIND = 2;

const METRICS_TOKEN = 'metrics-reader-token';
const EXAMPLE = readFileSync(resolve(__dirname, '..', 'examples', 'site-at-a-glance.graphql'), 'utf8');

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus's text format, the lines that are samples. */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/)!;
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

const sampleOf = (all: Sample[], name: string, labels: Record<string, string>) =>
  all.find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

/** A stand-in for a collector's OTLP/HTTP receiver: keeps each span with the service that sent it. */
async function startCollector() {
  const spans: (OtlpSpan & { service: string })[] = [];
  const contentTypes = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      contentTypes.add(`${req.method} ${req.url} ${req.headers['content-type']}`);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = resourceSpans.resource.attributes.find((a: any) => a.key === 'service.name').value.stringValue;
        for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, spans, contentTypes, close: () => new Promise<void>((done) => server.close(() => done())) };
}

// The README's demo dataset (seed 42 at scale 1), where site-0110 is seen by every party.
const dataset = generateDemoDataset({ seed: 42, scale: 1 });
let collector: Awaited<ReturnType<typeof startCollector>>;
let stack: TestStack;
let stopped = false;

beforeAll(async () => {
  collector = await startCollector();
  stack = await startTestStack(dataset, {
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    METRICS_TOKEN,
  });
}, 300_000);

afterAll(async () => {
  if (!stopped) await stack?.shutdown();
  await collector?.close();
});

async function metricsOf(url: string): Promise<Sample[]> {
  const response = await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return samples(await response.text());
}

/** Every line the services log while `work` runs, as JSON, at every level. */
async function capturingLogs(work: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const stream = (logger as any)[pino.symbols.streamSym] as { write(line: string): unknown };
  const lines: string[] = [];
  const write = stream.write;
  const level = logger.level;
  stream.write = (line: string) => lines.push(line);
  logger.level = 'trace';
  try {
    await work();
  } finally {
    stream.write = write;
    logger.level = level;
  }
  return lines.map((line) => JSON.parse(line));
}

const traceId = randomBytes(16).toString('hex');
const callerSpanId = randomBytes(8).toString('hex');
const requestId = `telemetry-${randomBytes(4).toString('hex')}`;
/** The requests each subgraph answered for it, the gateway's fetches and other subgraphs' relationship checks. */
const subgraphRequests: Partial<Record<Party, number>> = {};

test('a request with a traceparent and an x-request-id crosses all four subgraphs; every log line written meanwhile names both', async () => {
  let answer: any;
  const lines = await capturingLogs(async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
        'x-request-id': requestId,
        ...(await as('SITE', 'site-0110')),
      },
      body: JSON.stringify({ query: EXAMPLE, variables: { siteId: 'site-0110' } }),
    });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    answer = await response.json();
  });
  expect(answer.errors).toBeUndefined();
  const site = answer.data.site;
  expect(site.name).toEqual(expect.any(String));
  expect(site.trials.length).toBeGreaterThan(0);
  expect(site.trials[0].trial.sponsor.name).toEqual(expect.any(String));
  expect(site.monitoringVisits.length).toBeGreaterThan(0);
  expect(site.patientExperience).not.toBeNull();

  // With every level on, each subgraph logs its SQL; every line names the request and its trace (a
  // subgraph's request id is the caller's with a part of the gateway's own: a search for the caller's finds it).
  const services = new Set(lines.map((line) => String(line.subgraph ?? line.service)));
  for (const party of PARTIES) expect(services).toContain(party);
  for (const line of lines) {
    expect({ msg: line.msg, requestId: String(line.requestId).startsWith(requestId), traceId: line.traceId }).toEqual({
      msg: line.msg,
      requestId: true,
      traceId,
    });
  }
}, 60_000);

test("GET /metrics counts the request under its operation name at the gateway, each subgraph's fetch, and each subgraph's own work", async () => {
  const gateway = await metricsOf(stack.gatewayUrl);
  expect(sampleOf(gateway, 'gateway_requests_total', { operation: 'SiteAtAGlance', status: '200' })?.value).toBe(1);
  expect(sampleOf(gateway, 'gateway_request_duration_seconds_count', { operation: 'SiteAtAGlance' })?.value).toBe(1);
  for (const party of PARTIES) {
    expect(sampleOf(gateway, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: party })?.value).toBeGreaterThan(0);
  }
  expect(gateway.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);
  // Each subgraph's: the gateway's fetches under the names the query plan gives them, and the SQL it ran.
  for (const party of PARTIES) {
    const own = await metricsOf(stack.subgraphUrls[party]);
    const requests = own.filter((sample) => sample.name === 'subgraph_requests_total' && sample.labels.service === party);
    expect(requests.some((sample) => sample.labels.operation.startsWith('SiteAtAGlance__'))).toBe(true);
    subgraphRequests[party] = requests.reduce((sum, sample) => sum + sample.value, 0);
    expect(sampleOf(own, 'subgraph_sql_statements_total', { service: party })?.value).toBeGreaterThan(0);
  }
});

test('errors are counted by code, and a refused request under no operation name', async () => {
  const before = await metricsOf(stack.gatewayUrl);
  const count = (all: Sample[], name: string, labels: Record<string, string>) => sampleOf(all, name, labels)?.value ?? 0;
  const unknownField = await postGraphQL(stack.gatewayUrl, 'query Misspelt { sitez { totalCount } }', {}, await asAdmin());
  expect(unknownField.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const noToken = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  expect(noToken.status).toBe(401);
  const after = await metricsOf(stack.gatewayUrl);
  const validation = { code: 'GRAPHQL_VALIDATION_FAILED' };
  expect(count(after, 'gateway_graphql_errors_total', validation) - count(before, 'gateway_graphql_errors_total', validation)).toBe(1);
  const refused = { operation: UNRESOLVED_LABEL, status: '401' };
  expect(count(after, 'gateway_requests_total', refused) - count(before, 'gateway_requests_total', refused)).toBe(1);
});

test('operation names a caller makes up cannot grow the number of series without end', async () => {
  const headers = await asAdmin();
  for (let i = 0; i < OPERATION_LABELS_MAX + 20; i += 1) {
    const answer = await postGraphQL(stack.gatewayUrl, `query MadeUp${i} { __typename }`, {}, headers);
    expect(answer.data).toEqual({ __typename: 'Query' });
  }
  const gateway = await metricsOf(stack.gatewayUrl);
  const operations = new Set(gateway.filter((sample) => sample.name === 'gateway_requests_total').map((sample) => sample.labels.operation));
  // The names seen before, as many made-up ones as fit, and one series for all the others.
  expect(operations.size).toBe(OPERATION_LABELS_MAX + 1);
  expect(operations).toContain(OTHER_LABEL);
  const madeUp = gateway.filter(
    (sample) => sample.name === 'gateway_requests_total' && (sample.labels.operation.startsWith('MadeUp') || sample.labels.operation === OTHER_LABEL),
  );
  expect(madeUp.reduce((sum, sample) => sum + sample.value, 0)).toBe(OPERATION_LABELS_MAX + 20);
  expect(sampleOf(gateway, 'gateway_requests_total', { operation: OTHER_LABEL })?.value).toBeGreaterThanOrEqual(20);
  const durations = new Set(
    gateway.filter((sample) => sample.name === 'gateway_request_duration_seconds_count').map((sample) => sample.labels.operation),
  );
  expect(durations).toEqual(operations);
});

test('with METRICS_TOKEN set, /metrics answers only a request bearing it', async () => {
  for (const url of [stack.gatewayUrl, ...Object.values(stack.subgraphUrls)]) {
    const metrics = url.replace(/\/graphql$/, '/metrics');
    expect((await fetch(metrics)).status).toBe(401);
    expect((await fetch(metrics, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
    expect((await fetch(metrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
  }
});

test('the collector holds one trace of the request: the gateway continues the caller\'s span, every subgraph continues the call that reached it', async () => {
  // A sponsor asking for sites' capacity, which a site may share with its partners only.
  const checkTraceId = randomBytes(16).toString('hex');
  const sponsor = await as('SPONSOR', flagshipVariables(dataset).sponsorId);
  const traceparent = `00-${checkTraceId}-${randomBytes(8).toString('hex')}-01`;
  const capacities = await postGraphQL(stack.gatewayUrl, 'query Capacities { sites(first: 50) { edges { node { id capacity { __typename } } } } }', {}, { ...sponsor, traceparent });
  expect(capacities.data.sites.edges.length).toBe(50);
  // Stopping the stack sends what each service still holds.
  await stack.shutdown();
  stopped = true;
  expect([...collector.contentTypes]).toEqual(['POST /v1/traces application/json']);
  const spans = collector.spans.filter((span) => span.traceId === traceId);
  expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['gateway', ...PARTIES]));
  const ids = new Set(spans.map((span) => span.spanId));
  const servers = spans.filter((span) => span.kind === SERVER_KIND);
  const gatewayServer = servers.filter((span) => span.service === 'gateway');
  expect(gatewayServer.map((span) => [span.name, span.parentSpanId])).toEqual([['query SiteAtAGlance', callerSpanId]]);
  // Every other span's parent is a span of the same trace: @apollo/gateway's gateway.fetch for the
  // gateway's fetches, the asking subgraph's server span for a relationship check.
  for (const span of spans) if (span !== gatewayServer[0]) expect(ids.has(span.parentSpanId!)).toBe(true);
  const fetches = new Set(spans.filter((span) => span.service === 'gateway' && span.name === 'gateway.fetch').map((span) => span.spanId));
  for (const party of PARTIES) {
    expect(servers.some((span) => span.service === party && fetches.has(span.parentSpanId!))).toBe(true);
    // Each request a subgraph answered for it, relationship checks included, is in the trace.
    expect(servers.filter((span) => span.service === party).length).toBe(subgraphRequests[party]);
  }
  // A relationship check: the sites subgraph asks the sponsors subgraph, which continues its span.
  const check = collector.spans.filter((span) => span.traceId === checkTraceId);
  const sitesServers = new Set(check.filter((span) => span.service === 'sites' && span.kind === SERVER_KIND).map((span) => span.spanId));
  expect(check.some((span) => span.service === 'sponsors' && span.kind === SERVER_KIND && sitesServers.has(span.parentSpanId!))).toBe(true);
  console.info(`The request's trace:\n${spans.map((span) => `  ${span.service.padEnd(9)} ${span.name}`).join('\n')}`);
});
