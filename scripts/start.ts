// npm start: the whole supergraph on this machine, each subgraph and the gateway in a process of its
// own, as docker-compose runs them, supervised: a service that dies is reported and started again
// (scripts/supervisor.ts). Embedded PostgreSQL (PGlite) under DATA_DIR unless DATABASE_URL names a
// server; an empty set of databases is filled with the demo dataset, each subgraph storing its own
// slice at the same time as the others. package.json runs it compiled (node dist/scripts/start.js),
// after building if the sources changed.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { extname, resolve } from 'node:path';
import { type DemoCaller, demoCallers as demoDatasetCallers, storedCallers } from '../seed/demo-callers';
import { type FlagshipVariables, flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset } from '../seed/model';
import { databaseConfigs, ENV, type Env, type ExplorerCaller, gatewayConfig, PARTIES, type Party, subgraphUrls as configuredSubgraphUrls } from '../platform/config';
import { identityConfig, signDevelopmentToken } from '../platform/identity';
import { serviceUrl } from '../platform/http';
import { logger } from '../platform/logger';
import { PROJECT_ROOT } from '../platform/project-root';
import type { SubgraphReport, SubgraphRequest } from './local-subgraph';
import { howItEnded, stopProcess, Supervisor } from './supervisor';

const DEMO_SEED = 42;
/** The README's example: a site of the demo dataset that every party has something to say about. */
const EXAMPLE_FILE = resolve(PROJECT_ROOT, 'examples', 'site-at-a-glance.graphql');
const EXAMPLE_VARIABLES = { siteId: 'site-0110' };
/** Printed tokens last a working day; `npm run token` makes others. */
const DEMO_TOKEN_TTL = '12h';
/** Run from dist/ (compiled, as package.json does) or from source under tsx: the children run the same way. */
const EXT = extname(__filename);
const SUBGRAPH_ENTRY = resolve(__dirname, `local-subgraph${EXT}`);
const GATEWAY_ENTRY = resolve(__dirname, '..', 'gateway', `index${EXT}`);

/** How long the gateway may take to answer its /health once started. */
const GATEWAY_READY_MS = 60_000;

const say = (line = '') => process.stdout.write(`${line}\n`);

// This console is for a person: the services' routine JSON logs only when asked for with LOG_LEVEL.
logger.level = process.env.LOG_LEVEL ?? 'warn';

/** Read-only statements on each party's database, asked of the process that holds it. */
type DatabaseQueries = Record<Party, { query(sql: string, params?: unknown[]): Promise<any[]> }>;

/** Whether the databases hold the demo dataset (its example site and sponsor), not only imported data. */
async function holdsDemoDataset(databases: DatabaseQueries, demo: FlagshipVariables): Promise<boolean> {
  const [site] = await databases.sites.query('SELECT 1 FROM sites WHERE id = $1', [EXAMPLE_VARIABLES.siteId]);
  const [sponsor] = await databases.sponsors.query('SELECT 1 FROM sponsors WHERE id = $1', [demo.sponsorId]);
  return Boolean(site && sponsor);
}

/**
 * Whether the only empty databases are the ones a ClinicalTrials.gov import may leave so: insights
 * (the registry holds nothing patients said) and cros (when no record names a known CRO).
 */
async function holdsImportOnly(databases: DatabaseQueries, empty: boolean[]): Promise<boolean> {
  const emptyParties = PARTIES.filter((_, i) => empty[i]);
  if (emptyParties.some((party) => party === 'sites' || party === 'sponsors')) return false;
  const [imported] = await databases.sponsors.query('SELECT 1 FROM trials WHERE registry_updated_on IS NOT NULL LIMIT 1');
  return Boolean(imported);
}

/**
 * Callers and variables from what is stored, for databases filled by `npm run import:ctgov`: the
 * trial with a CRO engaged and the most sites, its sponsor and CRO, and its busiest site.
 */
async function storedVariables(databases: DatabaseQueries): Promise<FlagshipVariables | null> {
  const engagements: { trialId: string; croId: string }[] = await databases.cros.query(
    'SELECT trial_id AS "trialId", cro_id AS "croId" FROM engagements ORDER BY trial_id, cro_id',
  );
  const [trial]: { id: string; nctId: string; sponsorId: string }[] = await databases.sponsors.query(
    `SELECT trial.id, trial.nct_id AS "nctId", trial.sponsor_id AS "sponsorId"
       FROM trials trial LEFT JOIN trial_sites site ON site.trial_id = trial.id
      GROUP BY trial.id ORDER BY trial.id = ANY($1) DESC, count(site.id) DESC, trial.nct_id LIMIT 1`,
    [engagements.map((engagement) => engagement.trialId)],
  );
  if (!trial) return null;
  const [site]: { siteId: string }[] = await databases.sponsors.query(
    `SELECT site_id AS "siteId" FROM trial_sites
      WHERE site_id IN (SELECT site_id FROM trial_sites WHERE trial_id = $1)
      GROUP BY site_id ORDER BY count(*) DESC, site_id LIMIT 1`,
    [trial.id],
  );
  const [country]: { countryCode: string }[] = site
    ? await databases.sites.query('SELECT country_code AS "countryCode" FROM sites WHERE id = $1', [site.siteId])
    : [];
  return {
    countryCode: country?.countryCode ?? 'US',
    nctId: trial.nctId,
    siteId: site?.siteId ?? '',
    croId: (engagements.find((engagement) => engagement.trialId === trial.id) ?? engagements[0])?.croId ?? '',
    sponsorId: trial.sponsorId,
    // The registry has no advocacy groups: this one sees nothing until a sponsor invites it.
    advocacyGroupId: 'advocates-01',
  };
}

/** A port nothing listens on now, for a gateway asked to listen on port 0 (it keeps it across restarts). */
function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const server = createServer();
    server.once('error', failed);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A subgraph's process, and a way to ask it things over IPC. */
class SubgraphProcess {
  private nextQuery = 0;

  private constructor(
    readonly party: Party,
    readonly child: ChildProcess,
  ) {}

  /** Forks the subgraph's process and waits until its database is open. */
  static async open(party: Party, env: Env): Promise<{ subgraph: SubgraphProcess; empty: boolean }> {
    // Structured clone over IPC: the demo dataset goes to the four processes as it is, not as JSON.
    const child = fork(SUBGRAPH_ENTRY, [party], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    starting.add(child);
    const subgraph = new SubgraphProcess(party, child);
    const opened = await subgraph.next('opened');
    return { subgraph, empty: opened.empty };
  }

  /** The next report of this type; rejects if the process fails or exits first. */
  next<T extends SubgraphReport['type']>(type: T, matches: (report: Extract<SubgraphReport, { type: T }>) => boolean = () => true): Promise<Extract<SubgraphReport, { type: T }>> {
    return new Promise((done, failed) => {
      const onMessage = (report: SubgraphReport) => {
        if (report.type === 'failed') finish(() => failed(new Error(`the ${this.party} subgraph failed: ${report.message}`)));
        else if (report.type === type && matches(report as Extract<SubgraphReport, { type: T }>)) finish(() => done(report as Extract<SubgraphReport, { type: T }>));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish(() => failed(new Error(`the ${this.party} subgraph's process (pid ${this.child.pid}) ${howItEnded(code, signal)}`)));
      const finish = (settle: () => void) => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        settle();
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      if (this.child.exitCode !== null || this.child.signalCode !== null) onExit(this.child.exitCode, this.child.signalCode);
    });
  }

  private ask(request: SubgraphRequest): void {
    this.child.send(request);
  }

  async seed(seed: number, dataset: DemoDataset): Promise<number> {
    const seeded = this.next('seeded');
    this.ask({ type: 'seed', seed, dataset });
    return (await seeded).seconds;
  }

  async query(sql: string, params: unknown[] = []): Promise<any[]> {
    const id = (this.nextQuery += 1);
    const rows = this.next('rows', (report) => report.id === id);
    this.ask({ type: 'query', id, sql, params });
    return (await rows).rows;
  }

  peers(urls: Record<Party, string>): void {
    this.ask({ type: 'peers', urls });
  }

  async listen(): Promise<string> {
    const listening = this.next('listening');
    this.ask({ type: 'listen' });
    return (await listening).url;
  }
}

/**
 * What the gateway's /health said: its status, and the subgraphs it names as down (partners' included);
 * status 0 with the reason when it could not be asked (not listening yet, or a port fetch refuses).
 */
async function gatewayHealth(host: string, port: number): Promise<{ status: number; down: string[]; unreachable?: string }> {
  try {
    const response = await fetch(serviceUrl(host, port, '/health'));
    const body = (await response.json().catch(() => ({}))) as { down?: string[] };
    return { status: response.status, down: body.down ?? [] };
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return { status: 0, down: [], unreachable: cause?.message ?? (error as Error).message };
  }
}

/**
 * Starts the gateway's process and waits until its /health answers: on the first start, with every
 * one of our four subgraphs answering (a partner's subgraph in the supergraph may be down: it is
 * reported, not waited for); on a restart any answer will do, since a subgraph may be down meanwhile.
 * Resolves with the partners /health named as down.
 */
async function launchGateway(env: Env, port: number, until: 'healthy' | 'answering'): Promise<{ child: ChildProcess; partnersDown: string[] }> {
  const child = fork(GATEWAY_ENTRY, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  starting.add(child);
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<never>((_, failed) =>
    child.once('exit', (code, signal) => failed(new Error(`the gateway's process (pid ${child.pid}) ${howItEnded(code, signal)}`))),
  );
  const ready = (async () => {
    const deadline = Date.now() + GATEWAY_READY_MS;
    while (!ended()) {
      const { status, down, unreachable } = await gatewayHealth(gatewayConfig(env).host, port);
      const oursAnswer = status === 200 || (status === 503 && down.length > 0 && !down.some((name) => (PARTIES as readonly string[]).includes(name)));
      if (oursAnswer || (until === 'answering' && status > 0)) return { child, partnersDown: down };
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        const last = status > 0 ? `last answered ${status}${down.length > 0 ? `, down: ${down.join(', ')}` : ''}` : `last try: ${unreachable}`;
        throw new Error(`the gateway's /health did not answer ${until === 'healthy' ? 'with our four subgraphs up ' : ''}within ${GATEWAY_READY_MS / 1000} s (${last})`);
      }
      await new Promise((wake) => setTimeout(wake, 100));
    }
    return exited;
  })();
  return Promise.race([ready, exited]);
}

/** Every process started so far, to stop them all if the start is interrupted or fails. */
const starting = new Set<ChildProcess>();

async function main() {
  const configs = databaseConfigs();
  const where = configs.sites.engine === 'pglite' ? `embedded PostgreSQL (PGlite) in ${process.env.DATA_DIR ?? '.data'}/` : 'PostgreSQL server';
  say(`Partnership supergraph: opening four databases on ${where}`);
  const supervisor = new Supervisor({ say });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\nStopping…');
    await supervisor.stop();
    await Promise.all([...starting].map((child) => stopProcess(child)));
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Whatever ends this process, its services end with it.
  process.on('exit', () => {
    for (const child of starting) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });

  // Made here, before any service reads it: the development secret in DATA_DIR, shared by all five.
  const identity = identityConfig();
  const env: Env = { ...process.env, LOG_LEVEL: logger.level };

  // Each subgraph opens its database (and migrates it) in its own process, all four at once.
  const opened = await Promise.all(PARTIES.map((party) => SubgraphProcess.open(party, env)));
  const subgraphs = Object.fromEntries(opened.map(({ subgraph }) => [subgraph.party, subgraph])) as Record<Party, SubgraphProcess>;
  const empty = opened.map((open) => open.empty);
  const dataset = generateDemoDataset({ seed: DEMO_SEED });
  if (empty.every(Boolean)) {
    say(`Empty databases: storing the demo dataset (seed ${DEMO_SEED}): ${dataset.sites.length} sites, ${dataset.sponsors.length} sponsors, ${dataset.cros.length} CROs, ${dataset.trials.length} trials`);
    await Promise.all(
      PARTIES.map(async (party) => {
        // Generated once, here, rather than in each of the four processes (0.9 s of CPU each).
        const seconds = await subgraphs[party].seed(DEMO_SEED, dataset);
        say(`  ${party.padEnd(9)} stored in ${seconds.toFixed(1)} s`);
      }),
    );
  } else if (empty.some(Boolean) && !(await holdsImportOnly(subgraphs, empty))) {
    say(`Warning: only some databases hold data (empty: ${PARTIES.filter((_, i) => empty[i]).join(', ')}); run \`npm run seed\` to start afresh.`);
  }

  // Databases filled by the ClinicalTrials.gov importer hold none of the demo's ids: name stored ones.
  const demo = flagshipVariables(dataset);
  const imported = (await holdsDemoDataset(subgraphs, demo)) ? null : await storedVariables(subgraphs);

  // Each subgraph listens on its *_PORT; one asked for 0 picks a free port itself (picking one here
  // for it to take later would race the outgoing connections' ports) and keeps it when restarted.
  const subgraphUrls = Object.fromEntries(await Promise.all(PARTIES.map(async (party) => [party, await subgraphs[party].listen()]))) as Record<Party, string>;
  for (const party of PARTIES) {
    env[ENV.port(party)] = new URL(subgraphUrls[party]).port;
    env[ENV.subgraphUrl(party)] ||= subgraphUrls[party];
  }
  const peers = configuredSubgraphUrls(env);
  for (const party of PARTIES) subgraphs[party].peers(peers);
  for (const party of PARTIES) {
    supervisor.watch(`${party} subgraph`, subgraphs[party].child, async () => {
      const { subgraph } = await SubgraphProcess.open(party, env);
      await subgraph.listen();
      return subgraph.child;
    });
  }
  const example = imported ? { siteId: imported.siteId } : EXAMPLE_VARIABLES;
  // One caller of each kind, with variables each may see: printed below, and the explorer's examples.
  const demoCallers: DemoCaller[] = imported ? storedCallers(imported) : demoDatasetCallers(dataset, demo, example.siteId);
  const tokens = await Promise.all(demoCallers.map(({ party, orgId }) => signDevelopmentToken(identity, { party, orgId, ttl: DEMO_TOKEN_TTL })));
  // This gateway's explorer offers them in one click (it ignores them in production).
  const explorerCallers: ExplorerCaller[] = demoCallers.map((caller, i) => ({ ...caller, variables: { ...caller.variables }, token: tokens[i] }));
  env[ENV.explorerDemoCallers] = JSON.stringify(explorerCallers);

  const gatewayPort = gatewayConfig(env).port || (await freePort());
  env[ENV.port('gateway')] = String(gatewayPort);
  const gatewayUrl = serviceUrl(gatewayConfig(env).host, gatewayPort);
  const gateway = await launchGateway(env, gatewayPort, 'healthy');
  supervisor.watch('gateway', gateway.child, async () => (await launchGateway(env, gatewayPort, 'answering')).child);

  if (imported) say(`The databases hold imported data, not the demo dataset: the tokens and variables below name stored organisations.`);

  say();
  for (const party of PARTIES) say(`  ${party.padEnd(9)} ${subgraphUrls[party]}`);
  say(`  gateway   ${gatewayUrl}`);
  say(`  explorer  ${gatewayUrl.replace(/\/graphql$/, '/')}   <- open this in a browser: pick a token, run a flagship operation`);
  say(`  health    ${gatewayUrl.replace(/\/graphql$/, '/health')}`);
  if (gateway.partnersDown.length > 0) {
    say(`  Not answering yet: ${gateway.partnersDown.join(', ')} (a partner's subgraph in the supergraph; its fields answer SUBGRAPH_UNAVAILABLE until it does)`);
  }
  say();
  say(`${imported ? 'Tokens' : 'Demo tokens'} (valid ${DEMO_TOKEN_TTL}; the explorer offers each in one click; elsewhere send "Authorization: Bearer <token>"):`);
  demoCallers.forEach(({ party, orgId }, i) => say(`  ${party.padEnd(16)} ${orgId.padEnd(14)} ${tokens[i]}`));
  say();
  say(`A query that crosses all four subgraphs, as site ${example.siteId} (examples/site-at-a-glance.graphql${imported ? '' : ', answer in the README'}):`);
  say();
  say(`  curl -s ${gatewayUrl} -H 'content-type: application/json' -H 'authorization: Bearer ${tokens[0]}' -d '${JSON.stringify({
    query: readFileSync(EXAMPLE_FILE, 'utf8').replace(/^#.*\n/gm, '').replace(/\s+/g, ' ').trim(),
    variables: example,
  })}'`);
  say();
  say(`Flagship operations are in operations/; variables each token above may see (${imported ? 'from the stored data' : 'on the demo dataset'}), its own operations first:`);
  for (const caller of demoCallers) say(`  ${caller.party.padEnd(16)} ${caller.operations.join(', ').padEnd(31)} ${JSON.stringify(caller.variables)}`);
  say('Each subgraph and the gateway run in a process of their own; one that dies is reported here and restarted.');
  // Since this process began: the build check before it is not counted.
  say(`Ready in ${(performance.now() / 1000).toFixed(1)} s. Ctrl-C stops everything.`);
}

main().catch((error) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
