// The benchmark's server process: the whole supergraph on the chosen engine with the demo dataset
// at the chosen scale, apart from the load generator so that it does not share its event loop.
// Forked by bench/run.ts, which it answers over IPC (see StackMessage and StackRequest). Two modes:
//   in-process  the four subgraphs and the gateway in this one process (what npm start used to do);
//   processes   each subgraph (scripts/local-subgraph.ts) and the gateway (bench/gateway-process.ts)
//               in a process of its own, as docker-compose runs them; this process only asks them.
import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { extname, resolve } from 'node:path';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset } from '../seed/model';
import { databaseConfigs, ENV, type Env, PARTIES, type Party } from '../platform/config';
import { identityConfig, signDevelopmentToken } from '../platform/identity';
import { logger } from '../platform/logger';
import { PROJECT_ROOT } from '../platform/project-root';
import { measureAllocation, type Spent } from './allocation';
import { canMeasurePostgres, postgresCpu, postgresCpuMicrosBetween, type PostgresCpu } from './postgres-cpu';
import type { GatewayReport, GatewayRequest } from './gateway-process';
import { callerKey, type Caller, type RecordedFetch, type ServiceName, type StackMessage, type StackOptions, type StackRequest } from './protocol';
import { recordingFetcher } from './recording-fetcher';
import { closeDatabases, openDatabases, resetDatabase, seedDatabases, startLocalStack, type Databases } from '../scripts/local-stack';
import type { SubgraphReport, SubgraphRequest } from '../scripts/local-subgraph';

const send = (message: StackMessage) => process.send?.(message);

/**
 * Where the dataset is kept between runs, so a second run at the same scale does not seed again:
 * databases `<DATABASE_NAME_PREFIX or bench>_scale<N>_seed<S>_<party>` on the server (two runs at
 * once with different prefixes never reset each other's), or DATA_DIR/bench/pglite-scale<N>_seed<S>.
 */
function benchEnv(options: StackOptions): Env {
  const tag = `scale${String(options.scale).replace('.', '_')}_seed${options.seed}`;
  if (options.databaseUrl) return { DATABASE_URL: options.databaseUrl, DATABASE_NAME_PREFIX: `${process.env[ENV.databaseNamePrefix] || 'bench'}_${tag}` };
  return { DATA_DIR: resolve(process.env[ENV.dataDir] || resolve(PROJECT_ROOT, '.data'), 'bench', `pglite-${tag}`) };
}

/** Each service's *_PORT if set, else 0 (a free port): a run beside npm start does not collide with it. */
function benchPorts(): Record<ServiceName, number> {
  return Object.fromEntries(
    (['gateway', ...PARTIES] as const).map((service) => [service, Number(process.env[ENV.port(service)] || 0)]),
  ) as Record<ServiceName, number>;
}

/** What the benchmark asks of the running services, wherever they run. */
interface Services {
  gatewayUrl: string;
  subgraphUrls: Record<Party, string>;
  engine: 'pglite' | 'postgres';
  statements(): Promise<Record<Party, number>>;
  record(on: boolean): Promise<RecordedFetch[]>;
  /** What each service spent between `on` and `off` (`all` when they share one process). */
  allocation(on: boolean): Promise<Partial<Record<ServiceName | 'all', Spent>>>;
  stop(): Promise<void>;
}

/** True when the databases already hold this dataset: every party's largest table has its row count. */
async function holdsDataset(databases: Databases, dataset: DemoDataset): Promise<boolean> {
  const expected: Record<Party, [string, number]> = {
    sites: ['sites', dataset.sites.length],
    sponsors: ['trial_sites', dataset.trialSites.length],
    cros: ['engagements', dataset.engagements.length],
    insights: ['survey_responses', dataset.surveyResponses.length],
  };
  for (const party of PARTIES) {
    const [table, rows] = expected[party];
    const [{ count }] = await databases[party].dataSource.query(`SELECT count(*)::int AS count FROM "${table}"`);
    if (count !== rows) return false;
  }
  return true;
}

/** The four subgraphs and the gateway in this process. */
async function inProcess(databases: Databases, env: Env): Promise<Services> {
  const recorded: RecordedFetch[] = [];
  let recording = false;
  const stack = await startLocalStack({ databases, ports: benchPorts(), env, gatewayFetcher: recordingFetcher(recorded, () => recording) });
  let meter: ReturnType<typeof measureAllocation> | null = null;
  return {
    gatewayUrl: stack.gatewayUrl,
    subgraphUrls: stack.subgraphUrls,
    engine: databases.sites.engine,
    statements: async () => Object.fromEntries(PARTIES.map((party) => [party, databases[party].statements.count])) as Record<Party, number>,
    async record(on) {
      recording = on;
      if (on) recorded.length = 0;
      return [...recorded];
    },
    async allocation(on) {
      if (on) meter = measureAllocation();
      return on ? {} : { all: meter?.stop() ?? { bytes: 0, cpuMicros: 0 } };
    },
    async stop() {
      await stack.stop();
      await closeDatabases(databases);
    },
  };
}

/** The next report of a type from a child process; rejects if it fails or exits first. */
function reportOf<R extends { type: string }, T extends R['type']>(child: ChildProcess, name: string, type: T): Promise<Extract<R, { type: T }>> {
  return new Promise((done, failed) => {
    const onMessage = (report: R) => {
      if (report.type === 'failed') finish(() => failed(new Error(`${name}: ${(report as unknown as { message: string }).message}`)));
      else if (report.type === type) finish(() => done(report as Extract<R, { type: T }>));
    };
    const onExit = (code: number | null, signal: string | null) => finish(() => failed(new Error(`${name} ended (${signal ?? `code ${code}`})`)));
    const finish = (settle: () => void) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function ask<R extends { type: string }, T extends R['type']>(child: ChildProcess, name: string, request: object, type: T): Promise<Extract<R, { type: T }>> {
  const report = reportOf<R, T>(child, name, type);
  child.send(request);
  return report;
}

/** Each subgraph and the gateway in a process of its own, compiled as this file is (dist/, or tsx from source). */
async function inProcesses(env: Env): Promise<Services> {
  const ext = extname(__filename);
  const ports = benchPorts();
  const childEnv: Env = { ...process.env, ...env, LOG_LEVEL: logger.level };
  const fork_ = (entry: string, args: string[], extra: Env = {}) =>
    fork(entry, args, { env: { ...childEnv, ...extra }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const subgraphs = {} as Record<Party, ChildProcess>;
  for (const party of PARTIES) subgraphs[party] = fork_(resolve(PROJECT_ROOT, dist(ext), 'scripts', `local-subgraph${ext}`), [party], { [ENV.port(party)]: String(ports[party]) });
  const askSubgraph = <T extends SubgraphReport['type']>(party: Party, request: SubgraphRequest, type: T) => ask<SubgraphReport, T>(subgraphs[party], `the ${party} subgraph`, request, type);
  await Promise.all(PARTIES.map((party) => reportOf<SubgraphReport, 'opened'>(subgraphs[party], `the ${party} subgraph`, 'opened')));
  const urls = await Promise.all(PARTIES.map((party) => askSubgraph(party, { type: 'listen' }, 'listening')));
  const subgraphUrls = Object.fromEntries(PARTIES.map((party, i) => [party, urls[i].url])) as Record<Party, string>;
  for (const party of PARTIES) subgraphs[party].send({ type: 'peers', urls: subgraphUrls } satisfies SubgraphRequest);
  const gatewayEnv = Object.fromEntries([[ENV.port('gateway'), String(ports.gateway)], ...PARTIES.map((party) => [ENV.subgraphUrl(party), subgraphUrls[party]])]);
  const gateway = fork_(resolve(PROJECT_ROOT, dist(ext), 'bench', `gateway-process${ext}`), [], gatewayEnv);
  const askGateway = <T extends GatewayReport['type']>(request: GatewayRequest, type: T) => ask<GatewayReport, T>(gateway, 'the gateway', request, type);
  const { url: gatewayUrl } = await reportOf<GatewayReport, 'listening'>(gateway, 'the gateway', 'listening');
  // Wait for the gateway to have loaded the supergraph and seen every subgraph answer.
  while (!(await fetch(gatewayUrl.replace(/graphql$/, 'health')).then((response) => response.ok, () => false))) await new Promise((wake) => setTimeout(wake, 100));
  const children = [gateway, ...Object.values(subgraphs)];
  return {
    gatewayUrl,
    subgraphUrls,
    engine: env.DATABASE_URL ? 'postgres' : 'pglite',
    async statements() {
      const counts = await Promise.all(PARTIES.map((party) => askSubgraph(party, { type: 'statements' }, 'statements')));
      return Object.fromEntries(PARTIES.map((party, i) => [party, counts[i].count])) as Record<Party, number>;
    },
    async record(on) {
      if (on) {
        gateway.send({ type: 'record', on } satisfies GatewayRequest);
        return [];
      }
      return (await askGateway({ type: 'record', on }, 'recorded')).fetches;
    },
    async allocation(on) {
      if (on) {
        for (const child of children) child.send({ type: 'allocation', on });
        return {};
      }
      const [fromGateway, ...fromSubgraphs] = await Promise.all([
        askGateway({ type: 'allocation', on }, 'allocated'),
        ...PARTIES.map((party) => askSubgraph(party, { type: 'allocation', on }, 'allocated')),
      ]);
      const spent = ({ bytes, cpuMicros }: Spent) => ({ bytes, cpuMicros });
      return { gateway: spent(fromGateway), ...Object.fromEntries(PARTIES.map((party, i) => [party, spent(fromSubgraphs[i])])) };
    },
    async stop() {
      await Promise.all(children.map((child) => new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      })));
    },
  };
}

/** The folder, under the project's root, that this file's siblings are in: dist when compiled, none from source. */
const dist = (ext: string) => (ext === '.js' ? 'dist' : '.');

async function main() {
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const options = JSON.parse(process.argv[2]) as StackOptions;
  const env = benchEnv(options);
  const dataset = generateDemoDataset({ seed: options.seed, scale: options.scale });
  const databases = await openDatabases(databaseConfigs(env));

  let seededInSeconds: number | null = null;
  if (!(await holdsDataset(databases, dataset))) {
    const started = Date.now();
    send({ type: 'progress', line: `Storing the demo dataset at scale ${options.scale} (kept for the next run at this scale)` });
    for (const party of PARTIES) await resetDatabase(databases[party]);
    await seedDatabases(databases, dataset, (line) => send({ type: 'progress', line }));
    seededInSeconds = (Date.now() - started) / 1000;
  }

  const identityEnv = { AUTH_JWT_SECRET: randomBytes(32).toString('hex') };
  let services: Services;
  if (options.mode === 'processes') {
    // The services open the databases themselves.
    await closeDatabases(databases);
    services = await inProcesses({ ...env, ...identityEnv });
  } else {
    services = await inProcess(databases, { ...process.env, ...identityEnv });
  }
  const identity = identityConfig(identityEnv);

  const variables = flagshipVariables(dataset);
  const trialSponsorId = dataset.trials.find((trial) => trial.nctId === variables.nctId)?.sponsorId ?? variables.sponsorId;
  const callers: Caller[] = [
    { party: 'PLATFORM_ADMIN', orgId: 'platform' },
    { party: 'SPONSOR', orgId: variables.sponsorId },
    { party: 'SPONSOR', orgId: trialSponsorId },
    { party: 'SITE', orgId: variables.siteId },
    { party: 'CRO', orgId: variables.croId },
    { party: 'PATIENT_ADVOCATE', orgId: variables.advocacyGroupId },
  ];
  const tokens: Record<string, string> = {};
  for (const caller of callers) tokens[callerKey(caller)] = await signDevelopmentToken(identity, { ...caller, ttl: '6h' });

  // The server's CPU time too, where it runs on this machine (PGlite's is the subgraphs' own).
  const measurePostgres = services.engine === 'postgres' && canMeasurePostgres(options.databaseUrl);
  let postgresAtStart: PostgresCpu | null = null;
  process.on('message', async (request: StackRequest) => {
    if (request.type === 'statements') {
      send({ type: 'statements', counts: await services.statements() });
    } else if (request.type === 'record') {
      const fetches = await services.record(request.on);
      if (!request.on) send({ type: 'recorded', fetches });
    } else if (request.type === 'allocation') {
      if (request.on) postgresAtStart = measurePostgres ? postgresCpu(env.DATABASE_NAME_PREFIX ?? '') : null;
      const spent = await services.allocation(request.on);
      if (request.on) return;
      const bytes = Object.fromEntries(Object.entries(spent).map(([service, { bytes }]) => [service, bytes]));
      const cpuMicros: Partial<Record<ServiceName | 'all' | 'postgres', number>> = Object.fromEntries(
        Object.entries(spent).map(([service, { cpuMicros }]) => [service, cpuMicros]),
      );
      if (postgresAtStart !== null) cpuMicros.postgres = postgresCpuMicrosBetween(postgresAtStart, postgresCpu(env.DATABASE_NAME_PREFIX ?? ''));
      send({ type: 'allocated', bytes, cpuMicros });
    } else if (request.type === 'stop') {
      await services.stop();
      process.exit(0);
    }
  });

  send({
    type: 'ready',
    gatewayUrl: services.gatewayUrl,
    subgraphUrls: services.subgraphUrls,
    engine: services.engine,
    dataset: {
      sites: dataset.sites.length,
      sponsors: dataset.sponsors.length,
      cros: dataset.cros.length,
      trials: dataset.trials.length,
      trialSites: dataset.trialSites.length,
      surveyResponses: dataset.surveyResponses.length,
    },
    variables: { ...variables, trialSponsorId },
    tokens,
    seededInSeconds,
  });
}

main().catch((error) => {
  send({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
