// npm run bench -- [--scale N] [--quick] [--duration S] [--connections C] [--mode both|in-process|processes]
//                  [--as admin] [--only Name,...] [--verbose] [--save]
//
// How fast the supergraph answers its five flagship operations, and where the time goes. The stack
// runs apart from this process (bench/stack.ts), on embedded PGlite, or on the PostgreSQL server that
// DATABASE_URL names, in two modes: every service in one process, and each in its own, as
// docker-compose runs them (both by default); this process is the client. Per operation, as the
// user it is written for:
//   1. one request, whose answer must carry no errors and becomes the body every later answer must match;
//   2. SQL statements per request, counted by each subgraph over sequential requests, against the
//      floor of one statement per subgraph fetch in the gateway's query plan; and over the same
//      requests, the bytes each service allocates on its JavaScript heap (bench/allocation.ts);
//   3. the gateway's overhead: the same request alternated with the subgraph fetches the gateway made
//      for it, replayed directly in the same order, one at a time;
//   4. throughput and latency under load: autocannon at a fixed concurrency for a fixed time, after a
//      warm-up; over that run, the CPU time each service spends per request, and the PostgreSQL
//      server's backends' where the server runs on this machine (bench/postgres-cpu.ts).
// A Baseline operation ({ __typename }: token checked, no subgraph fetch) runs the same way, so each
// operation's figures can be read as ratios that hold from one machine, or one noisy minute, to the next.
import { fork, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SUPERGRAPH_FILE } from '../gateway/compose-supergraph';
import { PARTIES, type Party } from '../platform/config';
import { PROJECT_ROOT } from '../platform/project-root';
import { REQUEST_ID_HEADER } from '../platform/request-id';
import { operationPlanner, type FetchCounts } from './query-plan';
import { type Caller, callerKey, type RecordedFetch, type ServiceName, STACK_MODES, type StackMessage, type StackMode, type StackReady, type StackRequest } from './protocol';

const QUERIES_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'queries');
const RESULTS_DIR = resolve(PROJECT_ROOT, 'bench', 'results');
/** Issue 12's targets, at scale 50 on the PostgreSQL server, one request at a time: p50 at most this many times the Baseline's. */
const ALONE_P50_TARGETS: Record<string, number> = { SitesInCountry: 10, TrialOverview: 4 };
/** Issue 12's target for memory: bytes allocated per SitesInCountry request, all services together. */
const ALLOCATION_TARGET_BYTES: Record<string, number> = { SitesInCountry: 10 * 1024 * 1024 };

interface Settings {
  scale: number;
  seed: number;
  quick: boolean;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Sequential requests over which SQL statements are counted. */
  sqlSamples: number;
  /** Alternating gateway / direct rounds for the overhead figure: at most this many, for at most overheadSeconds. */
  overheadRounds: number;
  overheadSeconds: number;
  asAdmin: boolean;
  /** Print the subgraph fetches of each operation, stage by stage, with their times. */
  verbose: boolean;
  only: string[] | null;
  modes: StackMode[];
  /** Write the figures to bench/results/ (never as a side effect of a run that did not ask). */
  save: boolean;
}

interface Operation {
  name: string;
  /** Null for the baseline, which is not one of the flagship files. */
  file: string | null;
  /** Who asks it: the user the flagship is written for. */
  caller(variables: StackReady['variables']): Caller;
  variables(variables: StackReady['variables']): Record<string, unknown>;
}

const ADMIN: Caller = { party: 'PLATFORM_ADMIN', orgId: 'platform' };

const BASELINE: Operation = { name: 'Baseline', file: null, caller: () => ADMIN, variables: () => ({}) };

const OPERATIONS: Operation[] = [
  // An analyst at the sponsor: a full page of sites, with the sponsor's view of each.
  { name: 'SitesInCountry', file: 'sites-in-country.graphql', caller: (v) => ({ party: 'SPONSOR', orgId: v.sponsorId }), variables: (v) => ({ countryCode: v.countryCode, first: 100 }) },
  { name: 'TrialOverview', file: 'trial-overview.graphql', caller: (v) => ({ party: 'SPONSOR', orgId: v.trialSponsorId }), variables: (v) => ({ nctId: v.nctId }) },
  { name: 'SitePartnerships', file: 'site-partnerships.graphql', caller: (v) => ({ party: 'SITE', orgId: v.siteId }), variables: (v) => ({ siteId: v.siteId }) },
  { name: 'CroPortfolio', file: 'cro-portfolio.graphql', caller: (v) => ({ party: 'CRO', orgId: v.croId }), variables: (v) => ({ croId: v.croId }) },
  { name: 'SponsorFeedback', file: 'sponsor-feedback.graphql', caller: (v) => ({ party: 'SPONSOR', orgId: v.sponsorId }), variables: (v) => ({ sponsorId: v.sponsorId }) },
];

interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

export interface OperationResult {
  name: string;
  caller: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  errors: number;
  /** Fields refused to this caller (FORBIDDEN) in each answer: the rules at work, not failures. */
  refusedFields: number;
  sql: {
    perRequest: Record<Party, number>;
    total: number;
    /** One statement per subgraph fetch in the query plan. */
    floor: FetchCounts;
    floorTotal: number;
    /** Fetches the gateway actually sent (a fetch for an empty list of entities is skipped). */
    fetchesSent: FetchCounts;
  };
  gatewayOverhead: { rounds: number; gatewayP50Ms: number; directP50Ms: number; overheadMs: number; gatewayOverDirect: number };
  /** Bytes allocated on the JavaScript heap per request: by service, and all of them together. */
  allocation: { perRequestBytes: Partial<Record<ServiceName | 'all', number>>; totalBytes: number };
  /**
   * CPU time per request, in milliseconds: by service (`all` when they share one process), the
   * PostgreSQL server's processes where the server runs on this machine, and all of them together.
   */
  cpu: { perRequestMs: Partial<Record<ServiceName | 'all' | 'postgres', number>>; totalMs: number };
  /**
   * This operation against the baseline in the same run: p50 under load and one request at a time
   * (the gateway's p50 of the overhead rounds), how many times slower; how much of its throughput;
   * how many times its CPU time per request. That last holds best from one machine to another: a
   * host twice as slow doubles both (see docs/benchmark.md).
   */
  vsBaseline: { p50: number; aloneP50: number; requestsPerSecond: number; cpu: number };
}

function parseSettings(): Settings {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      seed: { type: 'string', default: '42' },
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      connections: { type: 'string', default: '8' },
      as: { type: 'string' },
      only: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      mode: { type: 'string', default: 'both' },
      save: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick ?? false;
  const scale = Number(values.scale ?? (quick ? 1 : 50));
  const durationSeconds = Number(values.duration ?? (quick ? 2 : 10));
  const connections = Number(values.connections);
  const seed = Number(values.seed);
  if (!(scale >= 0.1 && scale <= 100)) throw new Error(`--scale must be a number from 0.1 to 100, got "${values.scale}"`);
  if (!(durationSeconds >= 1 && durationSeconds <= 600)) throw new Error(`--duration must be 1 to 600 seconds, got "${values.duration}"`);
  if (!(Number.isInteger(connections) && connections >= 1 && connections <= 256)) throw new Error(`--connections must be a whole number from 1 to 256, got "${values.connections}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  if (values.as !== undefined && values.as !== 'admin') throw new Error(`--as takes only "admin" (default: each operation's own user), got "${values.as}"`);
  const modes = values.mode === 'both' ? [...STACK_MODES] : STACK_MODES.filter((mode) => mode === values.mode);
  if (modes.length === 0) throw new Error(`--mode takes both, ${STACK_MODES.join(' or ')}, got "${values.mode}"`);
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : null;
  for (const name of only ?? []) {
    if (!OPERATIONS.some((operation) => operation.name === name)) {
      throw new Error(`--only: no operation "${name}"; the operations are ${OPERATIONS.map((operation) => operation.name).join(', ')}`);
    }
  }
  return {
    scale,
    seed,
    quick,
    durationSeconds,
    warmupSeconds: quick ? 1 : 3,
    connections,
    sqlSamples: quick ? 5 : 20,
    overheadRounds: quick ? 20 : 100,
    overheadSeconds: quick ? 1 : 10,
    asAdmin: values.as === 'admin',
    verbose: values.verbose ?? false,
    only,
    modes,
    save: values.save ?? false,
  };
}

const say = (line = '') => process.stdout.write(`${line}\n`);

/** The stack's process and a way to ask it things, one question at a time. */
class StackProcess {
  private waiting: ((message: StackMessage) => void) | null = null;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: StackMessage) => {
      if (message.type === 'progress') say(`  ${message.line}`);
      else this.waiting?.(message);
    });
  }

  static async start(settings: Settings, mode: StackMode): Promise<{ stack: StackProcess; ready: StackReady }> {
    const options = { scale: settings.scale, seed: settings.seed, mode, databaseUrl: process.env.DATABASE_URL };
    // Compiled (dist/bench/stack.js) when this file is, as npm run bench runs it; from source under tsx.
    // The services run as production runs them (the Docker image sets NODE_ENV=production: graphql-js
    // skips its development checks), unless the caller's environment says otherwise.
    // Any operation, though, unless told otherwise: the Baseline ({ __typename }) is no trusted document.
    const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', TRUSTED_DOCUMENTS_ONLY: process.env.TRUSTED_DOCUMENTS_ONLY ?? 'false' };
    const child = fork(resolve(__dirname, `stack${extname(__filename)}`), [JSON.stringify(options)], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const stack = new StackProcess(child);
    const ready = await new Promise<StackReady>((resolvePromise, reject) => {
      child.once('exit', (code) => reject(new Error(`the stack's process exited (code ${code}) before it was ready`)));
      stack.waiting = (message) => {
        if (message.type === 'ready') resolvePromise(message);
        else if (message.type === 'failed') reject(new Error(`the stack did not start: ${message.message}`));
      };
    });
    child.removeAllListeners('exit');
    return { stack, ready };
  }

  private ask<T extends StackMessage['type']>(request: StackRequest, answer: T): Promise<Extract<StackMessage, { type: T }>> {
    return new Promise((resolvePromise) => {
      this.waiting = (message) => {
        if (message.type === answer) resolvePromise(message as Extract<StackMessage, { type: T }>);
      };
      this.child.send(request);
    });
  }

  async statements(): Promise<Record<Party, number>> {
    return (await this.ask({ type: 'statements' }, 'statements')).counts;
  }

  /** Bytes each service allocated on its JavaScript heap, and the CPU time each spent, while `work` ran. */
  async allocation(work: () => Promise<unknown>) {
    this.child.send({ type: 'allocation', on: true });
    await work();
    const { bytes, cpuMicros } = await this.ask({ type: 'allocation', on: false }, 'allocated');
    return { bytes, cpuMicros };
  }

  /** The subgraph fetches the gateway sent for the requests carrying this request id. */
  async recordFetches(requestId: string, work: () => Promise<unknown>): Promise<RecordedFetch[]> {
    this.child.send({ type: 'record', on: true });
    await work();
    const { fetches } = await this.ask({ type: 'record', on: false }, 'recorded');
    // The gateway sends the caller's id with a part of its own after a colon (platform/request-id.ts).
    return fetches.filter((fetched) => fetched.requestId.startsWith(`${requestId}:`));
  }

  /**
   * Waits for the requests a load run left in flight to finish (no SQL statement for a while), so
   * that they neither count toward the next operation's statements nor slow its first requests.
   */
  async settle(quietMs = 500): Promise<void> {
    let last = JSON.stringify(await this.statements());
    for (;;) {
      await new Promise((wake) => setTimeout(wake, quietMs));
      const now = JSON.stringify(await this.statements());
      if (now === last) return;
      last = now;
    }
  }

  stop(): Promise<void> {
    return new Promise((resolvePromise) => {
      this.child.once('exit', () => resolvePromise());
      this.child.send({ type: 'stop' });
    });
  }
}

interface PreparedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request and answers its body. A field the caller may not see is refused with FORBIDDEN
 * as part of a good answer; any other error stops the benchmark, which measures only good answers.
 */
async function send(request: PreparedRequest): Promise<string> {
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${request.url} answered ${response.status}: ${text.slice(0, 300)}`);
  const unexpected = refusalsIn(text).unexpected;
  if (unexpected.length > 0) throw new Error(`${request.url} answered with errors: ${unexpected.join('; ')}`);
  return text;
}

function refusalsIn(body: string): { forbidden: number; unexpected: string[] } {
  const errors = (JSON.parse(body) as { errors?: { message: string; extensions?: { code?: string } }[] }).errors ?? [];
  const unexpected = errors.filter((error) => error.extensions?.code !== 'FORBIDDEN').map((error) => error.message);
  return { forbidden: errors.length - unexpected.length, unexpected };
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function summarise(latencies: number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
}

const serviceOf = (url: string, subgraphUrls: Map<string, Party>) => subgraphUrls.get(url) ?? url;

/**
 * The recorded fetches as the gateway issued them: a stage holds the fetches it had in flight at
 * once, and each stage starts after the one before has answered.
 */
function stagesOf(fetches: RecordedFetch[]): RecordedFetch[][] {
  const stages: RecordedFetch[][] = [];
  let stageEnd = -Infinity;
  for (const fetched of [...fetches].sort((a, b) => a.startedAt - b.startedAt)) {
    if (stages.length === 0 || fetched.startedAt >= stageEnd) {
      stages.push([fetched]);
      stageEnd = fetched.endedAt;
    } else {
      stages[stages.length - 1].push(fetched);
      stageEnd = Math.max(stageEnd, fetched.endedAt);
    }
  }
  return stages;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function measure(
  operation: Operation,
  settings: Settings,
  stack: StackProcess,
  ready: StackReady,
  planner: ReturnType<typeof operationPlanner>,
  subgraphUrls: Map<string, Party>,
): Promise<Omit<OperationResult, 'vsBaseline'>> {
  const query = operation.file ? readFileSync(resolve(QUERIES_DIR, operation.file), 'utf8') : 'query Baseline { __typename }';
  const caller = settings.asAdmin ? ADMIN : operation.caller(ready.variables);
  const token = ready.tokens[callerKey(caller)];
  const request: PreparedRequest = {
    url: ready.gatewayUrl,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: operation.variables(ready.variables) }),
  };

  // 1. The answer every later one must match.
  await stack.settle();
  const expected = await send(request);

  // 2. SQL statements per request, and the fetches the gateway sends.
  const recordedId = `bench-${operation.name}-${Date.now()}`;
  const fetches = await stack.recordFetches(recordedId, () => send({ ...request, headers: { ...request.headers, [REQUEST_ID_HEADER]: recordedId } }));
  const before = await stack.statements();
  const allocated = await stack.allocation(async () => {
    for (let i = 0; i < settings.sqlSamples; i += 1) await send(request);
  });
  const after = await stack.statements();
  const allocatedPerRequest = Object.fromEntries(Object.entries(allocated.bytes).map(([service, bytes]) => [service, Math.round((bytes ?? 0) / settings.sqlSamples)]));
  const perRequest = Object.fromEntries(PARTIES.map((party) => [party, round((after[party] - before[party]) / settings.sqlSamples)])) as Record<Party, number>;
  const floor = operation.file ? planner.fetchesPerSubgraph(query) : {};
  const fetchesSent: FetchCounts = {};
  for (const fetched of fetches) {
    const service = serviceOf(fetched.url, subgraphUrls);
    fetchesSent[service] = (fetchesSent[service] ?? 0) + 1;
  }

  // 3. The gateway against its own fetches sent directly, alternated so both see the same machine.
  const stages = stagesOf(fetches).map((stage) =>
    stage.map((fetched): PreparedRequest => ({
      url: fetched.url,
      headers: { 'content-type': 'application/json', authorization: fetched.authorization },
      body: fetched.body,
    })),
  );
  if (settings.verbose) for (const stage of stagesOf(fetches)) say(`    stage: ${stage.map((f) => `${serviceOf(f.url, subgraphUrls)} ${(f.endedAt - f.startedAt).toFixed(1)}ms ${f.body.length}B`).join(', ')}`);
  const direct = async () => {
    for (const stage of stages) await Promise.all(stage.map(send));
  };
  const gatewayTimes: number[] = [];
  const directTimes: number[] = [];
  const overheadUntil = performance.now() + settings.overheadSeconds * 1000;
  while (gatewayTimes.length < settings.overheadRounds && (gatewayTimes.length < 5 || performance.now() < overheadUntil)) {
    gatewayTimes.push(await timed(() => send(request)));
    directTimes.push(await timed(direct));
  }
  const gatewayP50 = summarise(gatewayTimes).p50;
  const directP50 = summarise(directTimes).p50;

  // 4. Under load, after a warm-up whose figures are dropped.
  const load = (seconds: number, onResponse?: (ms: number) => void) => {
    // Without a callback autocannon answers with a promise that is also its event emitter.
    const instance = autocannon({
      url: request.url,
      method: 'POST',
      headers: request.headers,
      body: request.body,
      connections: settings.connections,
      duration: seconds,
      expectBody: expected,
    }) as unknown as Promise<autocannon.Result> & EventEmitter;
    if (onResponse) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => onResponse(ms));
    return instance;
  };
  await load(settings.warmupSeconds);
  await stack.settle();
  const latencies: number[] = [];
  // CPU time over the run, until the requests still in flight when it ends are answered: per
  // request answered within it, so the few answered after it count a little against the run.
  let result!: autocannon.Result;
  const { cpuMicros } = await stack.allocation(async () => {
    result = await load(settings.durationSeconds, (ms) => latencies.push(ms));
    await stack.settle();
  });
  const cpuPerRequest = Object.fromEntries(
    Object.entries(cpuMicros).map(([service, micros]) => [service, result.requests.total > 0 ? round((micros ?? 0) / result.requests.total / 1000, 2) : 0]),
  );
  const errors = result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0);

  return {
    name: operation.name,
    caller: callerKey(caller),
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / result.duration, 1),
    latencyMs: summarise(latencies),
    errors,
    refusedFields: refusalsIn(expected).forbidden,
    sql: {
      perRequest,
      total: round(Object.values(perRequest).reduce((sum, n) => sum + n, 0)),
      floor,
      floorTotal: Object.values(floor).reduce((sum, n) => sum + n, 0),
      fetchesSent,
    },
    allocation: {
      perRequestBytes: allocatedPerRequest,
      totalBytes: Object.values(allocatedPerRequest).reduce((sum, bytes) => sum + bytes, 0),
    },
    cpu: {
      perRequestMs: cpuPerRequest,
      totalMs: round(Object.values(cpuPerRequest).reduce((sum, ms) => sum + ms, 0), 2),
    },
    gatewayOverhead: {
      rounds: gatewayTimes.length,
      gatewayP50Ms: gatewayP50,
      directP50Ms: directP50,
      overheadMs: round(gatewayP50 - directP50),
      gatewayOverDirect: directP50 > 0 ? round(gatewayP50 / directP50) : 0,
    },
  };
}

const bySubgraph = (counts: Partial<Record<string, number>>) => PARTIES.map((party) => counts[party] ?? 0).join('/');

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

function table(results: OperationResult[]): string {
  const header = ['operation', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'alone p50 ms', 'alone × baseline', 'p50 × baseline', 'SQL/req (si/sp/cr/in)', 'floor', 'alloc MB/req', 'CPU ms/req', 'CPU × baseline', 'gateway p50 vs direct'];
  // No request answered within the run (autocannon gives up on one after 10 s): no latency to show.
  const latency = (r: OperationResult, ms: number) => (r.requests > 0 ? ms.toFixed(1) : '-');
  const rows = results.map((r) => [
    r.name,
    r.requestsPerSecond.toFixed(1),
    latency(r, r.latencyMs.p50),
    latency(r, r.latencyMs.p95),
    latency(r, r.latencyMs.p99),
    String(r.errors),
    r.gatewayOverhead.gatewayP50Ms.toFixed(1),
    r.vsBaseline.aloneP50.toFixed(1),
    r.requests > 0 ? r.vsBaseline.p50.toFixed(1) : '-',
    `${r.sql.total} (${bySubgraph(r.sql.perRequest)})`,
    `${r.sql.floorTotal} (${bySubgraph(r.sql.floor)})`,
    megabytes(r.allocation.totalBytes),
    r.cpu.totalMs.toFixed(2),
    r.vsBaseline.cpu.toFixed(1),
    r.name === BASELINE.name ? '-' : `${r.gatewayOverhead.gatewayP50Ms.toFixed(1)} vs ${r.gatewayOverhead.directP50Ms.toFixed(1)} (+${r.gatewayOverhead.overheadMs.toFixed(1)})`,
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** Allocation by service, where each ran in its own process. */
function allocationBreakdown(results: OperationResult[]): string[] {
  return results
    .filter((r) => r.allocation.perRequestBytes.gateway !== undefined)
    .map((r) => `  ${r.name.padEnd(16)} ${(['gateway', ...PARTIES] as const).map((service) => `${service} ${megabytes(r.allocation.perRequestBytes[service] ?? 0)}`).join(', ')} MB/req`);
}

/** CPU time per request by service, and the PostgreSQL server's where it was measured. */
function cpuBreakdown(results: OperationResult[]): string[] {
  return results.map((r) => {
    const services = r.cpu.perRequestMs.all !== undefined ? (['all'] as const) : (['gateway', ...PARTIES] as const);
    const parts = [...services, 'postgres' as const].filter((service) => r.cpu.perRequestMs[service] !== undefined);
    return `  ${r.name.padEnd(16)} ${parts.map((service) => `${service === 'all' ? 'services' : service} ${(r.cpu.perRequestMs[service] ?? 0).toFixed(2)}`).join(', ')} ms/req`;
  });
}

/** Issue 12's targets against this run's figures: met or not, with the measured value. */
function targets(results: OperationResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const alone = ALONE_P50_TARGETS[r.name];
    if (alone !== undefined) lines.push(`  ${r.name} p50 one at a time ≤ ${alone}× Baseline: ${r.vsBaseline.aloneP50.toFixed(1)}× ${r.vsBaseline.aloneP50 <= alone ? 'met' : 'NOT met'}`);
    const bytes = ALLOCATION_TARGET_BYTES[r.name];
    if (bytes !== undefined) lines.push(`  ${r.name} allocation ≤ ${megabytes(bytes)} MB/request: ${megabytes(r.allocation.totalBytes)} MB ${r.allocation.totalBytes <= bytes ? 'met' : 'NOT met'}`);
    if (r.name !== BASELINE.name) lines.push(`  ${r.name} SQL at the floor: ${r.sql.total} statements for ${r.sql.floorTotal} fetches ${r.sql.total <= r.sql.floorTotal ? 'met' : 'NOT met'}`);
  }
  return lines;
}

interface ModeResult {
  mode: StackMode;
  stackReadySeconds: number;
  seededInSeconds: number | null;
  dataset: StackReady['dataset'];
  operations: OperationResult[];
}

async function runMode(settings: Settings, mode: StackMode): Promise<ModeResult> {
  const started = Date.now();
  const { stack, ready } = await StackProcess.start(settings, mode);
  try {
    const stackReadySeconds = (Date.now() - started) / 1000;
    const d = ready.dataset;
    say(`Stack ready (${mode}) in ${stackReadySeconds.toFixed(1)} s: ${d.sites} sites, ${d.sponsors} sponsors, ${d.cros} CROs, ${d.trials} trials, ${d.trialSites} trial sites, ${d.surveyResponses} survey responses`);
    const planner = operationPlanner(readFileSync(SUPERGRAPH_FILE, 'utf8'));
    const subgraphUrls = new Map<string, Party>(PARTIES.map((party) => [ready.subgraphUrls[party], party]));

    const operations = OPERATIONS.filter((operation) => !settings.only || settings.only.includes(operation.name));
    const measured: Omit<OperationResult, 'vsBaseline'>[] = [];
    for (const operation of [BASELINE, ...operations]) {
      say(`  ${operation.name}…`);
      measured.push(await measure(operation, settings, stack, ready, planner, subgraphUrls));
    }
    const baseline = measured[0];
    const operationsResults: OperationResult[] = measured.map((result) => ({
      ...result,
      vsBaseline: {
        p50: round(result.latencyMs.p50 / baseline.latencyMs.p50),
        aloneP50: round(result.gatewayOverhead.gatewayP50Ms / baseline.gatewayOverhead.gatewayP50Ms),
        requestsPerSecond: Number((result.requestsPerSecond / baseline.requestsPerSecond).toPrecision(3)),
        cpu: baseline.cpu.totalMs > 0 ? round(result.cpu.totalMs / baseline.cpu.totalMs) : 0,
      },
    }));
    return { mode, stackReadySeconds, seededInSeconds: ready.seededInSeconds, dataset: ready.dataset, operations: operationsResults };
  } finally {
    await stack.stop();
  }
}

async function main() {
  const settings = parseSettings();
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  say(`Benchmark: scale ${settings.scale} on ${engine === 'pglite' ? 'embedded PGlite' : 'the PostgreSQL server in DATABASE_URL'}; ${settings.modes.join(' and ')}; ${settings.connections} connections, ${settings.warmupSeconds} s warm-up and ${settings.durationSeconds} s per operation`);
  const modes: ModeResult[] = [];
  for (const mode of settings.modes) modes.push(await runMode(settings, mode));

  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` };
  for (const result of modes) {
    say();
    say(`${result.mode === 'processes' ? 'Each service in its own process (as docker-compose runs them)' : 'Every service in one process'}: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${engine}, scale ${settings.scale}, ${settings.connections} connections × ${settings.durationSeconds} s`);
    say(table(result.operations));
    const breakdown = allocationBreakdown(result.operations);
    if (breakdown.length > 0) {
      say('Allocation by service:');
      for (const line of breakdown) say(line);
    }
    say('CPU time by service, under load:');
    for (const line of cpuBreakdown(result.operations)) say(line);
    say(`Targets (issue 12; they are set for scale 50 on the PostgreSQL server${engine === 'postgres' && settings.scale === 50 ? '' : ', which this run is not'}):`);
    for (const line of targets(result.operations)) say(line);
  }
  say();
  say('alone: one request at a time (the gateway rounds of the overhead figure); p50 × baseline: under load, against the Baseline in the same run.');
  say('SQL/req: statements per request in sites/sponsors/cros/insights; floor: one per subgraph fetch in the query plan.');
  say('alloc MB/req: bytes allocated on the JavaScript heaps of all services per request (docs/benchmark.md says how).');
  say(`CPU ms/req: CPU time of all services${engine === 'postgres' ? ' and of the PostgreSQL server\'s backends for the benchmark\'s databases (where it runs on this machine)' : ''} under load, per request answered; CPU × baseline: that against the Baseline's in the same run, the figure to compare between machines.`);
  say('gateway p50 vs direct: the same request through the gateway, and its subgraph fetches sent directly, one request at a time.');

  if (settings.save) {
    const date = new Date().toISOString().slice(0, 10);
    const file = resolve(RESULTS_DIR, `${date}-${engine}-${settings.scale}${settings.quick ? '-quick' : ''}.json`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const { only: _only, verbose: _verbose, save: _save, ...recordedSettings } = settings;
    writeFileSync(file, `${JSON.stringify({ date, engine, machine, settings: recordedSettings, modes }, null, 2)}\n`);
    say(`Written to ${file}`);
  } else {
    say('Not saved (npm run bench -- --save writes bench/results/).');
  }
}

main().catch((error) => {
  process.stderr.write(`npm run bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
