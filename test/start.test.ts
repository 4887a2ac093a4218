// `npm start` as a newcomer runs it: a fresh data directory is migrated and filled with the demo
// dataset, the URLs and an example are printed, Ctrl-C stops everything, and the next start keeps
// the data. On CI's second pass (DATABASE_URL set) it runs on databases of its own on that server.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';

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
};

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts scripts/start.ts and resolves once it says it is ready. */
async function start(): Promise<Started> {
  const child = spawn(process.execPath, [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], { cwd: ROOT, env });
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
  } finally {
    expect(await stop(started)).toBe(0);
  }
  first = started.output();
  expect(first.trimEnd().endsWith('Stopped.')).toBe(true);
});

test('the next start keeps the data it finds instead of storing the demo dataset again', async () => {
  const started = await start();
  try {
    expect(started.output()).not.toContain('storing the demo dataset');
    const gatewayUrl = started.output().match(/gateway +(http:\/\/localhost:\d+\/graphql)/)![1];
    // The data directory keeps its development secret too: a token printed by the first start still works.
    const adminToken = first!.match(/PLATFORM_ADMIN +platform +([\w.-]+)/)![1];
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: '{ sites { totalCount } trials { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { sites: { totalCount: 200 }, trials: { totalCount: 300 } } });
  } finally {
    expect(await stop(started)).toBe(0);
  }
});
