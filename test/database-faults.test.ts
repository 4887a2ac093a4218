// A subgraph whose database connections are cut (a failover, an operator's pg_terminate_backend, a
// restarted server) stays up: the requests that were using a cut connection answer a coded error, the
// pool opens new connections, and the next requests answer as before. PostgreSQL server only: an
// embedded PGlite database has no connections to cut.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { PARTIES, type Party } from '../platform/config';
import { startTestStack, type TestStack } from './support/stack-harness';
import { asAdmin } from './support/tokens';

const server = process.env.DATABASE_URL;
const onServer = server ? describe : describe.skip;

const QUERIES_DIR = resolve(__dirname, '..', '..', 'shared', 'queries');
const operation = (file: string) => readFileSync(resolve(QUERIES_DIR, file), 'utf8');

/** Requests in flight at once while connections are cut. */
const CONCURRENCY = 16;
/** Rounds of cutting every connection of one subgraph's database. */
const ROUNDS = 4;

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const variables = flagshipVariables(dataset);
const FLAGSHIPS: [file: string, variables: Record<string, unknown>][] = [
  ['sites-in-country.graphql', { countryCode: variables.countryCode }],
  ['trial-overview.graphql', { nctId: variables.nctId }],
  ['site-partnerships.graphql', { siteId: variables.siteId }],
  ['cro-portfolio.graphql', { croId: variables.croId }],
  ['sponsor-feedback.graphql', { sponsorId: variables.sponsorId }],
];

interface Answer {
  status: number;
  /** Null when the body was not JSON. */
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: unknown } }[] } | null;
  text: string;
}

let stack: TestStack;
let headers: Record<string, string>;
/** What each flagship answers before any fault: what it must answer again after. */
const before = new Map<string, unknown>();

async function ask(file: string, vars: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: operation(file), variables: vars }),
  });
  const text = await response.text();
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as null and reported by the assertion.
  }
  return { status: response.status, body, text };
}

/** Ends every server backend connected to the party's database; how many it ended. */
async function cutConnections(party: Party): Promise<number> {
  const database = new URL((stack.databases[party].dataSource.options as { url: string }).url).pathname.slice(1);
  const maintenance = new URL(server!);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [decodeURIComponent(database)],
    );
    return rows[0].ended;
  } finally {
    await client.end();
  }
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

onServer(server ? 'cut database connections' : 'cut database connections: skipped on PGlite, which has no server connections to cut (set DATABASE_URL)', () => {
  beforeAll(async () => {
    stack = await startTestStack(dataset);
    headers = await asAdmin();
    for (const [file, vars] of FLAGSHIPS) {
      const answer = await ask(file, vars);
      expect(answer.body?.errors).toBeUndefined();
      before.set(file, answer.body?.data);
    }
  }, 300_000);
  afterAll(() => stack?.shutdown());

  test.each(PARTIES)(
    'cutting every %s database connection under load answers each request with data or a coded error, and the next requests as before',
    async (party) => {
      const answers: Answer[] = [];
      let loading = true;
      const load = Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let i = worker; loading; i += 1) {
          const [file, vars] = FLAGSHIPS[i % FLAGSHIPS.length];
          answers.push(await ask(file, vars));
        }
      });
      let ended = 0;
      try {
        for (let round = 0; round < ROUNDS; round += 1) {
          await pause(150);
          ended += await cutConnections(party);
        }
        await pause(150);
      } finally {
        loading = false;
        await Promise.all(load);
      }

      // The fault was played: connections were in use and were cut.
      expect(ended).toBeGreaterThan(0);
      const failures = answers.filter(({ body }) => body?.errors);
      for (const answer of answers) {
        expect(answer.body).not.toBeNull();
        expect(answer.body!.data !== undefined || answer.body!.errors !== undefined).toBe(true);
      }
      for (const { body } of failures) {
        for (const error of body!.errors!) {
          // The request that met a cut connection learns so, by a code of its own: not a masked
          // INTERNAL_SERVER_ERROR, and never the SQL or the driver's words.
          expect(error.extensions?.code).toBe('DATABASE_UNAVAILABLE');
        }
        expect(JSON.stringify(body!.errors)).not.toMatch(/SELECT |terminating|57P01|node_modules|\bat \w+ \(/);
      }
      console.info(
        `${party}: ${ended} connections cut in ${ROUNDS} rounds; ${answers.length} answers, ${failures.length} with DATABASE_UNAVAILABLE`,
      );

      // The pool opened new connections: every flagship answers as it did before the faults.
      for (const [file, vars] of FLAGSHIPS) {
        const answer = await ask(file, vars);
        expect(answer.body?.errors).toBeUndefined();
        expect(answer.body?.data).toEqual(before.get(file));
      }
      const health = await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/health'));
      expect(health.status).toBe(200);
    },
    120_000,
  );
});
