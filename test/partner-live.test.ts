// A partner joins and leaves a running supergraph as docs/partners.md tells it to: the commands of
// its "Join and leave a running supergraph" section, run as written (ports and paths made this
// test's own), against a gateway that serves and watches the file they write. No restart, and
// nothing committed changes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readSupergraphConfig, SCHEMA_DIR, SUPERGRAPH_FILE } from '../gateway/compose-supergraph';
import { supergraphHash } from '../gateway/supergraph-source';
import { PROJECT_ROOT } from '../platform/project-root';
import type { PartnerRecords } from '../examples/partner-subgraph/store';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { startTestStack, type TestStack } from './support/stack-harness';
import { PARTNER_SDL, startPartnerSubgraph, type RunningPartner } from './support/partner';
import { runInShell } from './support/run-script';
import { as, TEST_ENV } from './support/tokens';

const DOC = resolve(PROJECT_ROOT, 'docs', 'partners.md');
/** What schema/supergraph.yaml composes: our four, and any partner a team has added to it. */
const yamlNames = readSupergraphConfig().map((entry) => entry.name);
/**
 * The page's partner joining and leaving means nothing once the example is composed in for good
 * (named in the yaml): then these tests say so in their names and do not run.
 */
const PARTNER = 'ehr_partner';
const flow = yamlNames.includes(PARTNER) ? describe.skip : describe;
const SECTION = '## Join and leave a running supergraph';

/** The shell lines of the section's first sh block, comments left out. */
function documentedCommands(): string[] {
  const page = readFileSync(DOC, 'utf8');
  const section = page.slice(page.indexOf(SECTION));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`${SECTION} in docs/partners.md has no sh block`);
  return block[1]
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const { siteId, sponsorId } = flagshipVariables(dataset);
const records: PartnerRecords = {
  ehrIntegrations: [{ siteId, system: 'EPIC', status: 'LIVE', goLiveDate: '2025-03-17', updatedOn: '2025-03-17' }],
  edcIntegrations: [],
};

let stack: TestStack;
let partner: RunningPartner;
let folder: string;
let served: string;
let nextSchema: string;
let commands: string[];

/** A digest of every file under schema/ and examples/: what joining and leaving must not move. */
const committedDigest = () =>
  [SCHEMA_DIR, resolve(PROJECT_ROOT, 'examples', 'partner-subgraph')]
    .flatMap((dir) => readdirSync(dir).sort().map((name) => join(dir, name)))
    .filter((path) => !path.endsWith('node_modules'))
    .map((path) => `${path}:${createHash('sha256').update(readFileSync(path)).digest('hex')}`)
    .join('\n');
let digestBefore: string;

/** A documented line with this test's partner address, served file and next schema in place of the page's. */
function concrete(line: string): string {
  return line
    .replaceAll('http://localhost:4010/graphql', partner.url)
    .replaceAll('.data/supergraph.graphql', served)
    .replaceAll('./ehr-partner-next.graphql', nextSchema);
}

/**
 * Runs one documented `npm run …` line as a shell would, from the project root, with the development
 * secret the test stack's tokens are signed with (compose and check sign theirs with it too).
 */
const run = (line: string) => runInShell([concrete(line)], { ...TEST_ENV, NODE_ENV: 'development' });

async function health(): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL('/health', stack.gatewayUrl));
  return { status: response.status, body: await response.json() };
}

/** Waits until the gateway serves the file as it is now (it reloads on its own, a moment after the write). */
async function servesFile(): Promise<any> {
  const hash = supergraphHash(readFileSync(served, 'utf8'));
  for (let tries = 0; tries < 300; tries++) {
    const { body } = await health();
    if (body.supergraph?.hash === hash) return body;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`the gateway never served ${served} (${hash}); /health says ${JSON.stringify((await health()).body)}`);
}

const SITE_WITH_EHR = `query SiteWithEhr($id: ID!) {
  site(id: $id) { id name trials { trial { nctId } } ehrIntegration { system status goLiveDate } }
}`;

beforeAll(async () => {
  digestBefore = committedDigest();
  folder = mkdtempSync(join(tmpdir(), 'partner-live-'));
  served = join(folder, 'supergraph.graphql');
  // The partner's next version drops a field it published.
  nextSchema = join(folder, 'ehr-partner-next.graphql');
  writeFileSync(nextSchema, PARTNER_SDL.replace('  "Null until a day is set."\n  goLiveDate: Date\n', ''));
  commands = documentedCommands();
  partner = await startPartnerSubgraph(records);
}, 120_000);

afterAll(async () => {
  await stack?.shutdown();
  await partner?.stop();
  rmSync(folder, { recursive: true, force: true });
});

flow(`the page's partner joins and leaves${yamlNames.includes(PARTNER) ? ` (not run: schema/supergraph.yaml composes ${PARTNER} in for good)` : ''}`, () => {
  test('the documented commands are the ones this test runs, in this order', () => {
    expect(commands).toEqual([
      'npm run compose -- --output .data/supergraph.graphql',
      'SUPERGRAPH_FILE=.data/supergraph.graphql npm start',
      'npm run check -- --name ehr_partner --url http://localhost:4010/graphql --against .data/supergraph.graphql',
      'npm run compose -- --subgraph ehr_partner=http://localhost:4010/graphql --output .data/supergraph.graphql',
      'npm run check -- --name ehr_partner --schema ./ehr-partner-next.graphql --against .data/supergraph.graphql',
      'npm run compose -- --output .data/supergraph.graphql',
    ]);
    // The next version differs from the example by that one field of EhrIntegration.
    const next = readFileSync(nextSchema, 'utf8');
    expect(next).not.toMatch(/type EhrIntegration \{[^}]*goLiveDate/);
    expect(PARTNER_SDL).toMatch(/type EhrIntegration \{[^}]*goLiveDate/);
  });

  test('compose writes our four subgraphs into a file of the caller\'s own, the same supergraph as the committed one', async () => {
    const composed = await run(commands[0]);
    expect(composed).toMatchObject({ code: 0 });
    expect(composed.stdout).toContain(`(${yamlNames.join(', ')})`);
    expect(readFileSync(served, 'utf8')).toBe(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  });

  test('a gateway started on that file serves it', async () => {
    expect(commands[1]).toMatch(/^SUPERGRAPH_FILE=\S+ npm start$/);
    stack = await startTestStack(dataset, { SUPERGRAPH_FILE: served });
    const body = await servesFile();
    expect(Object.keys(body.subgraphs).sort()).toEqual([...yamlNames].sort());
  }, 300_000);

  test('before it joins, the partner\'s fields are not in the API', async () => {
    const answer = await stack.query(SITE_WITH_EHR, { id: siteId }, await as('SITE', siteId));
    expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('npm run check against the served supergraph says the partner is safe to add (exit 0)', async () => {
    const checked = await run(commands[2]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/^verdict: safe /m);
  });

  test('npm run compose brings the partner in: the running gateway serves its fields beside ours, with no restart', async () => {
    const gatewayUrl = stack.gatewayUrl;
    const composed = await run(commands[3]);
    expect(composed).toMatchObject({ code: 0 });
    expect(composed.stdout).toContain(`(${[...yamlNames, 'ehr_partner'].join(', ')})`);
    const body = await servesFile();
    expect(body.subgraphs).toMatchObject({ ehr_partner: 'ok' });
    expect(stack.gatewayUrl).toBe(gatewayUrl);

    const site = dataset.sites.find((candidate) => candidate.id === siteId)!;
    const asSite = await stack.query(SITE_WITH_EHR, { id: siteId }, await as('SITE', siteId));
    expect(asSite.errors).toBeUndefined();
    expect(asSite.data.site).toMatchObject({ id: siteId, name: site.name, ehrIntegration: { system: 'EPIC', status: 'LIVE', goLiveDate: '2025-03-17' } });
    expect(asSite.data.site.trials.length).toBeGreaterThan(0);

    // The partner's own rule, applied by the partner: a sponsor sees the site, not its EHR integration.
    const asSponsor = await stack.query(SITE_WITH_EHR, { id: siteId }, await as('SPONSOR', sponsorId));
    expect(asSponsor.data.site).toMatchObject({ id: siteId, name: site.name, ehrIntegration: null });
    expect(asSponsor.errors).toEqual([
      expect.objectContaining({ path: ['site', 'ehrIntegration'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
  });

  test('npm run check catches the partner\'s next version dropping a field it published (exit 1, the change named)', async () => {
    const checked = await run(commands[4]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^BREAKING FIELD_REMOVED EhrIntegration\.goLiveDate: /m);
    expect(checked.stdout).toMatch(/^verdict: breaking /m);
  });

  test('npm run compose without it takes the partner out: its fields are gone, ours answer, /health is back to what the yaml composes', async () => {
    const composed = await run(commands[5]);
    expect(composed).toMatchObject({ code: 0 });
    const body = await servesFile();
    expect(Object.keys(body.subgraphs).sort()).toEqual([...yamlNames].sort());
    const answer = await stack.query(SITE_WITH_EHR, { id: siteId }, await as('SITE', siteId));
    expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const ours = await stack.query('query Site($id: ID!) { site(id: $id) { id name } }', { id: siteId }, await as('SITE', siteId));
    expect(ours).toMatchObject({ data: { site: { id: siteId } } });
  });

  test('joining and leaving changed no committed file', () => {
    expect(committedDigest()).toBe(digestBefore);
  });
});
