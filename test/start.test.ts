// `npm start` as a newcomer runs it: a fresh data directory is migrated and filled with the demo
// dataset, the URLs and an example are printed, Ctrl-C stops everything, and the next start keeps
// the data; each service is a process of its own, and one killed is reported and restarted. On CI's
// second pass (DATABASE_URL set) it runs on databases of its own on that server.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { composeSupergraph } from '../gateway/compose-supergraph';
import { explorerOperations } from '../gateway/explorer';
import { partySubgraphs, partySupergraphFile } from './support/party-supergraph';
import { PARTNER_SDL } from './support/partner';

const ROOT = resolve(__dirname, '..');
const dataDir = mkdtempSync(resolve(tmpdir(), 'npm-start-'));
const prefix = `pstest_start_${randomBytes(3).toString('hex')}`;
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_NAME_PREFIX: prefix,
  GATEWAY_PORT: '0',
  SITES_PORT: '0',
  SPONSORS_PORT: '0',
  CROS_PORT: '0',
  INSIGHTS_PORT: '0',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  // Our four subgraphs' supergraph: a partner added to schema/supergraph.yaml is not running here.
  SUPERGRAPH_FILE: partySupergraphFile(),
};

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

// Five processes start on a fresh data directory: on a loaded two-core machine a start has taken
// over two minutes, beyond jest's default for this project. (No timing is asserted here; start-up
// times are measured in docs/architecture.md.)
jest.setTimeout(400_000);

// What `npm start` runs: the build when the sources changed, then the compiled start script (run
// directly, so that Ctrl-C reaches it with no npm in between).
beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
}, 600_000);

/** Starts dist/scripts/start.js and resolves once it says it is ready. */
async function start(extraEnv: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['dist/scripts/start.js'], { cwd: ROOT, env: { ...env, ...extraEnv } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  await new Promise<void>((ready, failed) => {
    const poll = setInterval(() => {
      if (output.includes('Ctrl-C stops everything.')) {
        clearInterval(poll);
        ready();
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(poll);
      failed(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill('SIGINT');
  return started.exited;
}

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const maintenance = new URL(process.env.DATABASE_URL);
    maintenance.pathname = '/postgres';
    const client = new Client({ connectionString: maintenance.toString() });
    await client.connect();
    for (const party of ['sites', 'sponsors', 'cros', 'insights']) {
      await client.query(`DROP DATABASE IF EXISTS "${prefix}_${party}" WITH (FORCE)`);
    }
    await client.end();
  }
});

/** Whether a record holds rows: a non-empty list or a count above 0 among its fields. */
const holdsRows = (record: Record<string, unknown>) =>
  Object.values(record).some((value) => (Array.isArray(value) && value.length > 0) || (typeof value === 'number' && value > 0));

/**
 * Each printed token runs each flagship operation with the variables printed for it: the record
 * they name is one that caller may see (the root field answers, never refused), and the operations
 * written for that kind of caller answer rows without a single FORBIDDEN. The explorer the start
 * serves offers the same tokens.
 */
async function printedExamplesAnswer(output: string, gatewayUrl: string) {
  const tokens = new Map([...output.matchAll(/^ {2}([A-Z_]+) +[\w-]+ +(ey[\w.-]+)$/gm)].map((match) => [match[1], match[2]]));
  const printed = output.slice(output.indexOf('Flagship operations are in operations/'));
  const examples = [...printed.matchAll(/^ {2}([A-Z_]+) +([\w, ]+?) +(\{.*\})$/gm)].map((match) => ({
    party: match[1],
    own: match[2].split(', '),
    variables: JSON.parse(match[3]) as Record<string, unknown>,
  }));
  expect(examples.map((example) => example.party)).toEqual(['SITE', 'SPONSOR', 'CRO', 'PATIENT_ADVOCATE', 'PLATFORM_ADMIN']);
  const operations = explorerOperations();
  expect(operations.length).toBeGreaterThanOrEqual(5);
  const refused: string[] = [];
  for (const example of examples) {
    const authorization = `Bearer ${tokens.get(example.party)}`;
    for (const operation of operations) {
      const variables = Object.fromEntries(operation.variables.filter((name) => name in example.variables).map((name) => [name, example.variables[name]]));
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: operation.document, variables }) });
      const { data, errors = [] } = (await response.json()) as { data?: Record<string, any>; errors?: { path?: string[]; extensions?: { code?: string } }[] };
      const root = data?.[Object.keys(data ?? {})[0]];
      const forbidden = errors.filter((error) => error.extensions?.code === 'FORBIDDEN');
      if (!root || errors.some((error) => error.path?.length === 1)) refused.push(`${example.party} ${operation.name}: ${JSON.stringify(errors[0])}`);
      if (example.own.includes(operation.name) && (forbidden.length > 0 || !holdsRows(root ?? {}))) {
        refused.push(`${example.party} ${operation.name} (its own): ${forbidden.length} FORBIDDEN, rows: ${holdsRows(root ?? {})}`);
      }
    }
  }
  expect(refused).toEqual([]);

  const page = await (await fetch(gatewayUrl.replace(/graphql$/, ''), { headers: { accept: 'text/html' } })).text();
  for (const [party, token] of tokens) {
    expect(page).toContain(`href="?as=${party}"`);
    // The page opens as the first caller; each other's token is on its own page.
    const own = await (await fetch(`${gatewayUrl.replace(/graphql$/, '')}?as=${party}`, { headers: { accept: 'text/html' } })).text();
    expect(own).toContain(token);
  }
}

/** What the first start printed, for the second to use its tokens. */
let first: string | undefined;

test('first start stores the demo dataset, prints where everything answers, and the printed example works', async () => {
  const started = await start();
  try {
    const output = started.output();
    expect(output).toContain('Empty databases: storing the demo dataset (seed 42): 200 sites, 40 sponsors, 20 CROs, 300 trials');
    const gatewayUrl = output.match(/gateway +(http:\/\/localhost:\d+\/graphql)/)![1];
    for (const party of ['sites', 'sponsors', 'cros', 'insights']) {
      expect(output).toMatch(new RegExp(`${party} +http://localhost:\\d+/graphql`));
    }
    expect((await fetch(gatewayUrl.replace(/graphql$/, 'health'))).status).toBe(200);

    // The printed curl command's payload, sent as curl would send it.
    const payload = output.match(/-d '(\{.*\})'/)![1];
    const authorization = output.match(/-H 'authorization: (Bearer [\w.-]+)'/)![1];
    const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: payload });
    const { data, errors } = (await response.json()) as { data: any; errors?: unknown };
    expect(errors).toBeUndefined();
    expect(data.site.address).toEqual({ city: 'Santiago de Compostela', countryCode: 'ES' });
    expect(data.site.patientExperience.suppressed).toBe(false);

    await printedExamplesAnswer(output, gatewayUrl);
  } finally {
    expect(await stop(started)).toBe(0);
  }
  first = started.output();
  expect(first.trimEnd().endsWith('Stopped.')).toBe(true);
});

test('the next start keeps the data it finds instead of storing the demo dataset again; a partner in its supergraph that is down is reported, not waited for', async () => {
  // The served supergraph has the example partner in it, routed to a port nothing listens on.
  const supergraphFile = resolve(dataDir, 'supergraph-with-partner.graphql');
  writeFileSync(supergraphFile, composeSupergraph([...partySubgraphs(), { name: 'ehr_partner', url: 'http://127.0.0.1:9/graphql', sdl: PARTNER_SDL }]));
  const started = await start({ SUPERGRAPH_FILE: supergraphFile });
  try {
    expect(started.output()).not.toContain('storing the demo dataset');
    expect(started.output()).toMatch(/Not answering yet: ehr_partner \(a partner's subgraph/);
    const gatewayUrl = started.output().match(/gateway +(http:\/\/localhost:\d+\/graphql)/)![1];
    // The data directory keeps its development secret too: a token printed by the first start still works.
    const adminToken = first!.match(/PLATFORM_ADMIN +platform +([\w.-]+)/)![1];
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: '{ sites { totalCount } trials { totalCount } }' }),
    });
    // npm start is development: the answer carries the operation's estimated cost beside its data.
    expect(await response.json()).toEqual({ data: { sites: { totalCount: 200 }, trials: { totalCount: 300 } }, extensions: { cost: expect.any(Object) } });
  } finally {
    expect(await stop(started)).toBe(0);
  }
});

/** The processes whose parent is `pid`, with their command lines, from /proc. */
function childProcesses(pid: number): { pid: number; command: string }[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        return parent === pid ? [{ pid: Number(entry), command }] : [];
      } catch {
        return []; // ended meanwhile
      }
    });
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 200));
  }
}

test('each service runs in a process of its own; a subgraph killed with SIGKILL is reported, restarted, and the gateway answers from it again', async () => {
  const started = await start();
  try {
    const gatewayUrl = started.output().match(/gateway +(http:\/\/localhost:\d+\/graphql)/)![1];
    const adminToken = started.output().match(/PLATFORM_ADMIN +platform +([\w.-]+)/)![1];
    const trials = async () => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query: '{ trials { totalCount } }' }),
      });
      return (await response.json()) as { data: { trials: { totalCount: number } } | null; errors?: unknown[] };
    };
    expect(await trials()).toEqual({ data: { trials: { totalCount: 300 } }, extensions: { cost: expect.any(Object) } });

    const services = childProcesses(started.child.pid!);
    for (const party of ['sites', 'sponsors', 'cros', 'insights']) {
      expect(services.filter((service) => service.command.endsWith(`local-subgraph.js ${party}`))).toHaveLength(1);
    }
    expect(services.filter((service) => service.command.includes('gateway/index.js'))).toHaveLength(1);

    const sponsors = services.find((service) => service.command.endsWith('local-subgraph.js sponsors'))!;
    process.kill(sponsors.pid, 'SIGKILL');
    await until('the death to be reported', () => (started.output().includes(`sponsors subgraph (pid ${sponsors.pid}) died: killed by SIGKILL; restarting it`) ? true : undefined));
    // Meanwhile the others go on: the gateway answers, with an error for what sponsors owns.
    const meanwhile = await trials();
    expect(meanwhile.errors).toBeDefined();

    const back = await until('the restart', () => started.output().match(/sponsors subgraph is back \(pid (\d+)\)/)?.[1]);
    expect(Number(back)).not.toBe(sponsors.pid);
    expect(childProcesses(started.child.pid!).some((service) => service.pid === Number(back) && service.command.endsWith('local-subgraph.js sponsors'))).toBe(true);
    expect(await until('the gateway to answer from sponsors again', async () => {
      const answer = await trials();
      return answer.errors ? undefined : answer;
    })).toEqual({ data: { trials: { totalCount: 300 } }, extensions: { cost: expect.any(Object) } });
  } finally {
    expect(await stop(started)).toBe(0);
  }
  // Ctrl-C stopped every service, the restarted one included.
  expect(childProcesses(started.child.pid!)).toEqual([]);
});
