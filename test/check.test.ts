import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { composeSubgraphs, ComposeInputError, loadSubgraphDefinitions, subgraphAtUrl } from '../gateway/compose-supergraph';
import { checkComposition, formatBrokenOperation, formatChange, knownOperationFiles, type SchemaCheck } from '../gateway/schema-check';
import { operationId, printManifest } from '../gateway/operation-manifest';
import { PROJECT_ROOT } from '../platform/project-root';
import { partySubgraphs, partySupergraph, partySupergraphConfig, partySupergraphFile } from './support/party-supergraph';
import { runScript } from './support/run-script';
import { serveSubgraphSdl } from './support/sdl-server';
import { TEST_ENV, tokenFor } from './support/tokens';

// Each candidate is schema/sites.graphql with one change, checked against our four subgraphs'
// supergraph as `npm run check -- --name sites --schema <candidate>` would against the committed
// one; the CLI runs are given our four (--config, --against), so that a partner a team adds to
// schema/supergraph.yaml changes none of these findings.
const SITES_SDL = readFileSync(resolve(PROJECT_ROOT, 'schema', 'sites.graphql'), 'utf8');
const PARTNER_SDL = readFileSync(resolve(PROJECT_ROOT, 'examples', 'partner-site-network.graphql'), 'utf8');
const CONFLICTING_PARTNER_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Site @key(fields: "id") { id: ID! name: Int }`;

/** The sites SDL with one edit inside the named definition (`type Site @key`, `enum SiteKind`, `type Query`). */
function sitesWith(definitionStart: string, edit: (definition: string) => string): string {
  const start = SITES_SDL.indexOf(`\n${definitionStart}`);
  const end = SITES_SDL.indexOf('\n}', start);
  if (start === -1 || end === -1) throw new Error(`no ${definitionStart} in schema/sites.graphql`);
  const definition = SITES_SDL.slice(start, end);
  const edited = edit(definition);
  if (edited === definition) throw new Error(`the edit changed nothing in ${definitionStart}`);
  return SITES_SDL.slice(0, start) + edited + SITES_SDL.slice(end);
}

async function checkCandidate(name: string, sdl: string): Promise<SchemaCheck> {
  const current = partySubgraphs();
  const candidate = { name, url: `http://${name}.invalid/graphql`, sdl };
  // In the config's order, as the CLI composes: the order decides which description the supergraph keeps.
  const definitions = current.some((subgraph) => subgraph.name === name)
    ? current.map((subgraph) => (subgraph.name === name ? candidate : subgraph))
    : [...current, candidate];
  return checkComposition(composeSubgraphs(definitions), partySupergraph());
}

const printed = (check: SchemaCheck) => check.changes.map(formatChange);

/** `npm run check -- <args>` against our four subgraphs and their supergraph. */
const runCheck = (args: string[], env?: Record<string, string>) =>
  runScript('check.ts', [...args, '--config', partySupergraphConfig(), '--against', partySupergraphFile()], env);

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'check-test-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes a candidate SDL to a file for the CLI. */
function candidateFile(name: string, sdl: string): string {
  const file = join(folder, name);
  writeFileSync(file, sdl);
  return file;
}

describe('each kind of change to the client-facing API is named with its criticality and path', () => {
  test('the unchanged sites subgraph is safe: no change, no failing operation', async () => {
    const check = await checkCandidate('sites', SITES_SDL);
    expect(check).toMatchObject({ changes: [], operations: [], verdict: 'safe' });
  });

  test('a removed field is breaking', async () => {
    const check = await checkCandidate('sites', sitesWith('type Site @key', (site) => site.replace(/\n\s*"IANA time zone[^\n]*\n\s*timezone: String/, '')));
    expect(printed(check)).toContainEqual(expect.stringMatching(/^BREAKING FIELD_REMOVED Site\.timezone: /));
    expect(check.verdict).toBe('breaking');
  });

  test('a retyped field is breaking', async () => {
    const check = await checkCandidate('sites', sitesWith('type Site @key', (site) => site.replace('timezone: String', 'timezone: Int')));
    expect(printed(check)).toContainEqual(expect.stringMatching(/^BREAKING FIELD_TYPE_CHANGED Site\.timezone: .*'String'.*'Int'/));
  });

  test('an optional argument made required is breaking', async () => {
    const check = await checkCandidate('sites', sitesWith('type Query', (query) => query.replace('filter: SiteFilter,', 'filter: SiteFilter!,')));
    expect(printed(check)).toContainEqual(expect.stringMatching(/^BREAKING FIELD_ARGUMENT_TYPE_CHANGED Query\.sites\.filter: /));
  });

  test('a new required argument is breaking', async () => {
    const check = await checkCandidate('sites', sitesWith('type Query', (query) => query.replace('site(id: ID!)', 'site(id: ID!, asOf: String!)')));
    expect(printed(check)).toContainEqual(expect.stringMatching(/^BREAKING FIELD_ARGUMENT_ADDED Query\.site\.asOf: /));
  });

  test('a removed enum value is breaking', async () => {
    const check = await checkCandidate('sites', sitesWith('enum SiteKind', (kinds) => kinds.replace(/\n\s*SITE_NETWORK_MEMBER/, '')));
    expect(printed(check)).toContainEqual(expect.stringMatching(/^BREAKING ENUM_VALUE_REMOVED SiteKind\.SITE_NETWORK_MEMBER: /));
  });

  test('an added enum value is dangerous, not breaking', async () => {
    const check = await checkCandidate('sites', sitesWith('enum SiteKind', (kinds) => `${kinds}\n  MOBILE_UNIT`));
    expect(printed(check)).toEqual([expect.stringMatching(/^DANGEROUS ENUM_VALUE_ADDED SiteKind\.MOBILE_UNIT: /)]);
    expect(check.verdict).toBe('dangerous');
  });

  test('a non-null field made nullable is breaking', async () => {
    const check = await checkCandidate('sites', sitesWith('type Site @key', (site) => site.replace('name: String!', 'name: String')));
    expect(printed(check)).toContainEqual(expect.stringMatching(/^BREAKING FIELD_TYPE_CHANGED Site\.name: .*'String!'.*'String'/));
  });

  test('a nullable field made non-null is a safe change (clients already handle a value)', async () => {
    const check = await checkCandidate('sites', sitesWith('type Site @key', (site) => site.replace('timezone: String', 'timezone: String!')));
    expect(printed(check)).toEqual([expect.stringMatching(/^NON_BREAKING FIELD_TYPE_CHANGED Site\.timezone: /)]);
    expect(check.verdict).toBe('safe');
  });
});

test('the known operations are the five flagship queries and the example operation, not the example SDL', () => {
  const files = knownOperationFiles().map((file) => file.replace(`${resolve(PROJECT_ROOT, '..')}/`, ''));
  expect(files).toEqual(expect.arrayContaining(['shared/queries/sites-in-country.graphql', expect.stringMatching(/examples\/site-at-a-glance\.graphql$/)]));
  expect(files.filter((file) => file.startsWith('shared/queries/'))).toHaveLength(5);
  expect(files.some((file) => file.endsWith('partner-site-network.graphql'))).toBe(false);
});

test('a flagship operation that would stop validating is named with its file and the validation message', async () => {
  const check = await checkCandidate('sites', sitesWith('type Site @key', (site) => site.replace(/\n\s*languages: \[String!\]!/, '')));
  expect(check.operations.map(formatBrokenOperation)).toContainEqual(
    'operation stops validating: ../shared/queries/sites-in-country.graphql SitesInCountry: Cannot query field "languages" on type "Site".',
  );
  expect(check.verdict).toBe('breaking');
});

test('the trusted-documents manifest is among the known operations, and an operation only it holds is reported when it would stop validating', async () => {
  expect(knownOperationFiles()).toContain(resolve(PROJECT_ROOT, 'operations', 'manifest.json'));
  // A manifest as npm run operations writes it, holding one operation no .graphql file of the project has.
  const body = 'query SiteTimezones {\n  sites(first: 5) {\n    edges {\n      node {\n        id\n        timezone\n      }\n    }\n  }\n}';
  const manifest = candidateFile('manifest.json', printManifest({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: operationId(body), name: 'SiteTimezones', type: 'query', body }] }));
  const current = partySubgraphs();
  const candidate = sitesWith('type Site @key', (site) => site.replace(/\n\s*"IANA time zone[^\n]*\n\s*timezone: String/, ''));
  const definitions = current.map((subgraph) => (subgraph.name === 'sites' ? { ...subgraph, sdl: candidate } : subgraph));
  const check = await checkComposition(composeSubgraphs(definitions), partySupergraph(), [manifest]);
  expect(check.operations.map(formatBrokenOperation)).toEqual([
    `operation stops validating: ${relative(PROJECT_ROOT, manifest)} SiteTimezones: Cannot query field "timezone" on type "Site".`,
  ]);
  expect(check.verdict).toBe('breaking');
});

test('a partner declaring Site.name with another type is a composition error with its code, subgraphs, type and field', async () => {
  const check = await checkCandidate('partner', CONFLICTING_PARTNER_SDL);
  expect(check.composition.errors).toContainEqual(
    expect.objectContaining({ code: 'FIELD_TYPE_MISMATCH', subgraphs: ['partner', 'sites'], type: 'Site', field: 'name' }),
  );
  expect(check).toMatchObject({ changes: [], verdict: 'breaking' });
});

describe('npm run check, through the CLI', () => {
  test('an unchanged subgraph exits 0 with a safe verdict', async () => {
    const run = await runScript('check.ts', ['--name', 'sites', '--schema', 'schema/sites.graphql']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^verdict: safe /m);
  });

  test('a breaking change exits 1 and prints one line naming the kind and path, and the operation it breaks', async () => {
    const file = candidateFile('no-languages.graphql', sitesWith('type Site @key', (site) => site.replace(/\n\s*languages: \[String!\]!/, '')));
    const run = await runCheck(['--name', 'sites', '--schema', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^BREAKING FIELD_REMOVED Site\.languages: Field 'languages' was removed from object type 'Site'$/m);
    expect(run.stdout).toMatch(/^operation stops validating: \.\.\/shared\/queries\/sites-in-country\.graphql SitesInCountry: /m);
    expect(run.stdout).toMatch(/^verdict: breaking /m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a dangerous change exits 0, and 1 with --fail-on-dangerous', async () => {
    const file = candidateFile('mobile-unit.graphql', sitesWith('enum SiteKind', (kinds) => `${kinds}\n  MOBILE_UNIT`));
    const passing = await runCheck(['--name', 'sites', '--schema', file]);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/^DANGEROUS ENUM_VALUE_ADDED SiteKind\.MOBILE_UNIT: /m);
    const refused = await runCheck(['--name', 'sites', '--schema', file, '--fail-on-dangerous']);
    expect(refused.code).toBe(1);
  });

  test('--json prints one document with the composition, the changes (safe ones too) and the verdict', async () => {
    const run = await runCheck(['--name', 'site_network', '--schema', 'examples/partner-site-network.graphql', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ composition: { errors: [] }, operations: [], verdict: 'safe' });
    expect(report.changes).toContainEqual({ criticality: 'NON_BREAKING', type: 'FIELD_ADDED', path: 'Site.network', message: "Field 'network' was added to object type 'Site'" });
  });

  test('a composition error exits 1 with its code, place and subgraphs on one line', async () => {
    const file = candidateFile('conflicting.graphql', CONFLICTING_PARTNER_SDL);
    const run = await runCheck(['--name', 'partner', '--schema', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^composition error FIELD_TYPE_MISMATCH at Site\.name \(subgraphs partner, sites\): Type of field "Site\.name" is incompatible/m);
  });

  test.each([
    [['--name', 'sites'], /^give the candidate as --schema <file> or --url <url>/],
    [['--name', 'sites', '--schema', 'schema/sites.graphql', '--url', 'http://localhost:4001/graphql'], /^give the candidate as/],
    [['--name', 'sites', '--schema', 'schema/sites.graphql', '--frobnicate'], /^Unknown option '--frobnicate'/],
    [['--name', 'partner', '--schema', 'schema/no-such-file.graphql'], /^subgraph partner: cannot read .*no-such-file\.graphql: ENOENT$/m],
  ])('bad input %j exits 2 with a one-line reason', async (args, reason) => {
    const run = await runCheck(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    ['an unknown flag', ['--name', 'sites', '--schema', 'schema/sites.graphql', '--frobnicate'], { error: "Unknown option '--frobnicate'" }],
    ['no --name', ['--schema', 'schema/sites.graphql'], { error: '--name is required: the subgraph the candidate replaces or adds' }],
    ['a missing file', ['--name', 'partner', '--schema', 'schema/no-such-file.graphql'], { subgraph: 'partner', error: expect.stringMatching(/ENOENT$/) }],
    ['a URL refusing connections', ['--name', 'partner', '--url', 'http://127.0.0.1:1/graphql'], { subgraph: 'partner', error: expect.stringMatching(/^subgraph partner: cannot reach http:\/\/127\.0\.0\.1:1\/graphql: /) }],
  ])('with --json, bad input (%s) is a JSON document on stdout too, verdict bad-input, exit 2', async (_what, args, expected) => {
    const run = await runCheck([...args, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ verdict: 'bad-input', ...expected });
  });

  test('a schema over 1 MB, as a file or as a subgraph\'s answer, is bad input saying so, without composing it', async () => {
    // PARTNER_SDL and a description that takes it past the limit (a subgraph prints it back): valid SDL, only too large.
    const oversized = `${PARTNER_SDL}\n"${'x'.repeat(1.5 * 1024 * 1024)}"\nscalar Padding\n`;
    const file = candidateFile('oversized.graphql', oversized);
    const fromFile = await runCheck(['--name', 'site_network', '--schema', file]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toBe(`subgraph site_network: ${file} is 1.5 MB: over the 1 MB a subgraph's schema may be\n`);
    const served = await serveSubgraphSdl(oversized);
    try {
      const fromUrl = await runCheck(['--name', 'site_network', '--url', served.url, '--json'], { COMPOSE_TOKEN: await tokenFor('PLATFORM_ADMIN', 'platform') });
      expect(fromUrl.code).toBe(2);
      expect(JSON.parse(fromUrl.stdout)).toEqual({
        verdict: 'bad-input',
        subgraph: 'site_network',
        error: `subgraph site_network: ${served.url} answered a schema of 1.5 MB: over the 1 MB a subgraph's schema may be`,
      });
    } finally {
      await served.close();
    }
  });

  test('an SDL file with a byte that is not UTF-8 is bad input naming its line, not a parse error about U+FFFD', async () => {
    const file = join(folder, 'latin1.graphql');
    // A description saved as Latin-1: lenient decoding would compose it with U+FFFD in place of the é.
    writeFileSync(file, Buffer.from(`${PARTNER_SDL}\n"Caf\u00e9 sites" scalar CafeName\n`, 'latin1'));
    const run = await runCheck(['--name', 'site_network', '--schema', file]);
    expect(run.code).toBe(2);
    const lines = PARTNER_SDL.split('\n').length + 1;
    expect(run.stderr).toBe(`subgraph site_network: ${file} is not UTF-8 text (a byte that is not UTF-8 on line ${lines})\n`);
  });

  test('a type defined twice in the candidate is a composition error naming the subgraph and the type', async () => {
    const file = candidateFile('twice.graphql', `${PARTNER_SDL}\ntype Site { network2: String }\n`);
    const run = await runCheck(['--name', 'site_network', '--schema', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^composition error INVALID_GRAPHQL at Site \(subgraph site_network\): \[site_network\] There can be only one type named "Site"$/m);
  });

  test('a baseline named by --against that cannot be read exits 2 naming it', async () => {
    const run = await runScript('check.ts', ['--name', 'sites', '--schema', 'schema/sites.graphql', '--against', 'no-such-supergraph.graphql']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cannot read the baseline .*no-such-supergraph\.graphql: ENOENT$/m);
  });

  test('a baseline that is no composed supergraph (a subgraph SDL) exits 2 naming it', async () => {
    const run = await runScript('check.ts', ['--name', 'sites', '--schema', 'schema/sites.graphql', '--against', 'schema/sites.graphql']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^the baseline .*schema\/sites\.graphql is not a composed supergraph: /m);
  });

  test('a baseline composed with a subgraph the check leaves out is named on stderr, with the flag that adds it', async () => {
    const run = await runCheck(['--name', 'sites', '--schema', 'schema/sites.graphql', '--without', 'insights']);
    expect(run.stderr).toContain('the baseline was composed with subgraph insights, which this check leaves out: name it as npm run compose did (--subgraph insights=<url>)\n');
  });

  test('--without leaves a subgraph out of the candidate composition: its fields are breaking removals', async () => {
    const run = await runCheck(['--name', 'sites', '--schema', 'schema/sites.graphql', '--without', 'insights']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^BREAKING FIELD_REMOVED Site\.patientExperience: /m);
  });
});

describe('a candidate read from a running subgraph through _service { sdl }', () => {
  let partner: Awaited<ReturnType<typeof serveSubgraphSdl>>;
  beforeAll(async () => {
    partner = await serveSubgraphSdl(PARTNER_SDL);
  });
  afterAll(() => partner.close());

  test('with a valid token its SDL is read and composed', async () => {
    const token = await tokenFor('PLATFORM_ADMIN', 'platform');
    const run = await runCheck(['--name', 'site_network', '--url', partner.url], { COMPOSE_TOKEN: token });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^verdict: safe \(0 breaking, 0 dangerous, 6 safe change/m);
    expect(run.stdout).not.toMatch(/^NON_BREAKING/m);
  });

  test('--verbose lists the safe changes too', async () => {
    const run = await runCheck(['--name', 'site_network', '--url', partner.url, '--verbose'], { COMPOSE_TOKEN: await tokenFor('PLATFORM_ADMIN', 'platform') });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^NON_BREAKING FIELD_ADDED Site\.network: Field 'network' was added to object type 'Site'$/m);
  });

  test('in development with no token given, a platform admin development token is made with the shared secret', async () => {
    const run = await runCheck(['--name', 'site_network', '--url', partner.url], { ...TEST_ENV, COMPOSE_TOKEN: '', NODE_ENV: 'development' });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`reading subgraph site_network from ${partner.url}\n`);
  });

  test('a token the subgraph refuses is a one-line error naming the subgraph, exit 2', async () => {
    const run = await runCheck(['--name', 'site_network', '--url', partner.url, '--token', 'not-a-jwt']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').pop()).toBe(`subgraph site_network: ${partner.url} refused the token (401): UNAUTHENTICATED: The token is malformed`);
  });

  test('in production with no token given, none is made up: a one-line error, exit 2', async () => {
    const run = await runCheck(['--name', 'site_network', '--url', partner.url], { NODE_ENV: 'production', COMPOSE_TOKEN: '' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').pop()).toBe("NODE_ENV=production: give a platform admin's token with --token or COMPOSE_TOKEN");
  });

  test('an answer that is not GraphQL names the subgraph and what came back', async () => {
    const token = await tokenFor('PLATFORM_ADMIN', 'platform');
    await expect(loadSubgraphDefinitions([subgraphAtUrl('site_network', partner.htmlUrl)], { token })).rejects.toThrow(
      new ComposeInputError(`${partner.htmlUrl} is not a GraphQL subgraph: _service { sdl } gave HTTP 200, text/html`, 'site_network'),
    );
  });

  test('an unreachable subgraph names the subgraph and the reason', async () => {
    const closed = await serveSubgraphSdl(PARTNER_SDL);
    await closed.close();
    await expect(loadSubgraphDefinitions([subgraphAtUrl('site_network', closed.url)], { token: 'any' })).rejects.toThrow(
      `subgraph site_network: cannot reach ${closed.url}: ECONNREFUSED`,
    );
  });
});
