import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { type GraphQLObjectType, parse, validate } from 'graphql';
import { stringify } from 'yaml';
import {
  composeSubgraphs,
  composeSupergraph,
  loadSubgraphDefinitions,
  readSupergraphConfig,
  SCHEMA_DIR,
  SUPERGRAPH_FILE,
} from '../gateway/compose-supergraph';
import { PARTIES } from '../platform/config';
import { partySubgraphs } from './support/party-supergraph';
import { runScript } from './support/run-script';
import { serveSubgraphSdl } from './support/sdl-server';
import { tokenFor } from './support/tokens';

const QUERIES_DIR = resolve(__dirname, '..', '..', 'shared', 'queries');
const PARTNER_SDL = readFileSync(resolve(__dirname, '..', 'examples', 'partner-site-network.graphql'), 'utf8');


// A subgraph read from its running service cannot be composed offline; `npm run compose -- --check`
// (with the partner up) checks the committed file then.
const readByUrl = readSupergraphConfig()
  .filter((entry) => !('file' in entry.schema))
  .map((entry) => entry.name);
(readByUrl.length === 0 ? test : test.skip)(
  `the committed supergraph is what composing the subgraph SDL files gives today${readByUrl.length ? ` (not checked here: ${readByUrl.join(', ')} read by URL)` : ''}`,
  () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  },
);

test('supergraph.yaml names the four party subgraphs, from their SDL files, on their default ports (partners may be added)', () => {
  const parties = readSupergraphConfig().filter((entry) => (PARTIES as readonly string[]).includes(entry.name));
  expect(parties.map(({ name, routingUrl, schema }) => [name, routingUrl, schema])).toEqual([
    ['sites', 'http://localhost:4001/graphql', { file: resolve(SCHEMA_DIR, 'sites.graphql') }],
    ['sponsors', 'http://localhost:4002/graphql', { file: resolve(SCHEMA_DIR, 'sponsors.graphql') }],
    ['cros', 'http://localhost:4003/graphql', { file: resolve(SCHEMA_DIR, 'cros.graphql') }],
    ['insights', 'http://localhost:4004/graphql', { file: resolve(SCHEMA_DIR, 'insights.graphql') }],
  ]);
});

test('composition reports a conflicting field instead of producing a supergraph', () => {
  const sites = partySubgraphs().find((s) => s.name === 'sites')!;
  // A partner declaring Site.name with another type must be refused.
  const partner = { name: 'partner', url: 'http://partner/graphql', sdl: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Site @key(fields: "id") { id: ID! name: Int }` };
  expect(() => composeSupergraph([sites, partner])).toThrow(/Composition failed/);
});

describe('every flagship operation validates against the supergraph API', () => {
  const api = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const files = readdirSync(QUERIES_DIR).filter((file) => file.endsWith('.graphql'));

  test('there are five flagship operations', () => expect(files).toHaveLength(5));

  test.each(files)('%s', (file) => {
    const errors = validate(api, parse(readFileSync(resolve(QUERIES_DIR, file), 'utf8')));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

test('a partner subgraph that extends Site by its key composes with the four party subgraphs', () => {
  const partner = {
    name: 'site_network',
    url: 'http://partner.example/graphql',
    sdl: readFileSync(resolve(__dirname, '..', 'examples', 'partner-site-network.graphql'), 'utf8'),
  };
  const supergraph = Supergraph.build(composeSupergraph([...partySubgraphs(), partner]));
  const site = supergraph.apiSchema().toGraphQLJSSchema().getType('Site') as GraphQLObjectType;
  expect(Object.keys(site.getFields())).toEqual(expect.arrayContaining(['name', 'trials', 'patientExperience', 'network']));
});

test('the EHR partner example composes with the four party subgraphs, adding its fields to Site and Trial', () => {
  const partner = {
    name: 'ehr_partner',
    url: 'http://localhost:4010/graphql',
    sdl: readFileSync(resolve(__dirname, '..', 'examples', 'partner-subgraph', 'schema.graphql'), 'utf8'),
  };
  const api = Supergraph.build(composeSupergraph([...partySubgraphs(), partner])).apiSchema().toGraphQLJSSchema();
  expect(Object.keys((api.getType('Site') as GraphQLObjectType).getFields())).toEqual(expect.arrayContaining(['name', 'trials', 'ehrIntegration']));
  expect(Object.keys((api.getType('Trial') as GraphQLObjectType).getFields())).toEqual(expect.arrayContaining(['title', 'edcIntegration']));
  expect(Object.keys(api.getMutationType()!.getFields())).toContain('recordEhrIntegration');
});

test('a composition error is structured: its code, the subgraphs, the type and the field', () => {
  const partner = { name: 'partner', url: 'http://partner/graphql', sdl: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Site @key(fields: "id") { id: ID! name: Int }` };
  const composition = composeSubgraphs([...partySubgraphs(), partner]);
  expect(composition.supergraph).toBeUndefined();
  expect(composition.errors).toContainEqual(
    expect.objectContaining({ code: 'FIELD_TYPE_MISMATCH', subgraphs: ['partner', 'sites'], type: 'Site', field: 'name' }),
  );
});

test('composition hints come back as hints beside the supergraph, not as errors', () => {
  // A partner describing Site in its own words: composition keeps one text and says so in a hint.
  const partner = { name: 'partner', url: 'http://partner.example/graphql', sdl: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    "A member of the partner's site network."
    type Site @key(fields: "id") { id: ID! networkName: String }` };
  const composition = composeSubgraphs([...partySubgraphs(), partner]);
  expect(composition.errors).toEqual([]);
  expect(composition.supergraph).toBe(composeSupergraph([...partySubgraphs(), partner]));
  expect(composition.hints).toContainEqual(
    expect.objectContaining({ code: 'INCONSISTENT_DESCRIPTION', type: 'Site', subgraphs: ['partner', 'sites'] }),
  );
});

test('our four subgraphs compose without a hint: a type they share has one description', () => {
  expect(composeSubgraphs(partySubgraphs()).hints).toEqual([]);
});

describe('npm run compose', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'compose-test-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** A digest of every file under schema/: what must not move when compose writes elsewhere. */
  const schemaDigest = () =>
    readdirSync(SCHEMA_DIR)
      .sort()
      .map((name) => `${name}:${createHash('sha256').update(readFileSync(join(SCHEMA_DIR, name))).digest('hex')}`)
      .join('\n');

  test('--check on the committed tree exits 0 and writes nothing', async () => {
    const before = schemaDigest();
    const run = await runScript('compose.ts', ['--check']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`schema/supergraph.graphql is up to date (${readSupergraphConfig().map((entry) => entry.name).join(', ')})\n`);
    expect(run.stderr).toBe('');
    expect(schemaDigest()).toBe(before);
  });

  test('--check against a drifted file exits 1 and says where it differs', async () => {
    const drifted = join(folder, 'drifted.graphql');
    writeFileSync(drifted, `${readFileSync(SUPERGRAPH_FILE, 'utf8')}\n# edited by hand\n`);
    const run = await runScript('compose.ts', ['--check', '--output', drifted]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/drifted\.graphql differs from what composition gives \(first at line \d+\): run npm run compose to write it$/m);
    expect(readFileSync(drifted, 'utf8')).toMatch(/# edited by hand\n$/);
  });

  test('a bad config entry is one line naming the subgraph, exit 2', async () => {
    const config = join(folder, 'both.yaml');
    writeFileSync(config, stringify({ subgraphs: { partner: { routing_url: 'http://p/graphql', schema: { file: 'p.graphql', subgraph_url: 'http://p/graphql' } } } }));
    const run = await runScript('compose.ts', ['--config', config, '--output', join(folder, 'unused.graphql')]);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'subgraph partner: schema has both file and subgraph_url; give one\n' });
  });

  test.each([
    [{ routing_url: 'http://p/graphql', schema: {} }, 'subgraph partner: schema needs file (an SDL file) or subgraph_url (a running subgraph)'],
    [{ routing_url: 'http://p/graphql', schema: { file: 'missing.graphql' } }, /^subgraph partner: cannot read .*missing\.graphql: ENOENT$/],
    [{ schema: { subgraph_url: 'not a url' } }, 'subgraph partner: schema.subgraph_url "not a url" is not a URL'],
  ])('config entry %j is refused by name', async (entry, message) => {
    const config = join(folder, 'entry.yaml');
    writeFileSync(config, stringify({ subgraphs: { partner: entry } }));
    await expect((async () => loadSubgraphDefinitions(readSupergraphConfig(config)))()).rejects.toThrow(message);
  });

  describe('with a partner subgraph served over HTTP', () => {
    let partner: Awaited<ReturnType<typeof serveSubgraphSdl>>;
    beforeAll(async () => {
      partner = await serveSubgraphSdl(PARTNER_SDL);
    });
    afterAll(() => partner.close());

    test('--subgraph, --without and --output compose elsewhere and leave schema/ untouched', async () => {
      const before = schemaDigest();
      const output = join(folder, 'with-partner.graphql');
      const run = await runScript(
        'compose.ts',
        ['--subgraph', `site_network=${partner.url}`, '--without', 'insights', '--output', output],
        { COMPOSE_TOKEN: await tokenFor('PLATFORM_ADMIN', 'platform') },
      );
      expect(run.code).toBe(0);
      // The yaml's subgraphs (partners too, if any were added) without insights, with site_network added or replaced.
      const names = readSupergraphConfig().map((entry) => entry.name).filter((name) => name !== 'insights');
      const expected = names.includes('site_network') ? names : [...names, 'site_network'];
      expect(run.stdout).toContain(`with-partner.graphql (${expected.join(', ')})\n`);
      const supergraph = Supergraph.build(readFileSync(output, 'utf8'));
      expect(supergraph.subgraphs().names()).toEqual([...expected].sort());
      expect(supergraph.subgraphs().get('site_network')!.url).toBe(partner.url);
      expect(schemaDigest()).toBe(before);
    });

    test('a schema.subgraph_url entry of the yaml is read through _service with the token', async () => {
      const config = join(folder, 'supergraph.yaml');
      const parties = Object.fromEntries(readSupergraphConfig().map((entry) => [entry.name, { routing_url: entry.routingUrl, schema: entry.schema }]));
      writeFileSync(config, stringify({ subgraphs: { ...parties, site_network: { schema: { subgraph_url: partner.url } } } }));
      const output = join(folder, 'from-yaml.graphql');
      const refused = await runScript('compose.ts', ['--config', config, '--output', output, '--token', 'expired-or-worse']);
      expect(refused.code).toBe(2);
      expect(refused.stderr.trim().split('\n').pop()).toBe(`subgraph site_network: ${partner.url} refused the token (401): UNAUTHENTICATED: The token is malformed`);

      const run = await runScript('compose.ts', ['--config', config, '--output', output, '--token', await tokenFor('PLATFORM_ADMIN', 'platform')]);
      expect(run.code).toBe(0);
      const site = Supergraph.build(readFileSync(output, 'utf8')).apiSchema().toGraphQLJSSchema().getType('Site') as GraphQLObjectType;
      expect(Object.keys(site.getFields())).toEqual(expect.arrayContaining(['name', 'patientExperience', 'network']));
    });

    test("a rover-style yaml's ${env.NAME} are expanded and its introspection_headers sent in place of the token", async () => {
      const config = join(folder, 'rover.yaml');
      // As a deployment writes it for rover: where the partner runs and its token, from the environment.
      writeFileSync(
        config,
        [
          'subgraphs:',
          ...readSupergraphConfig().flatMap((entry) => [`  ${entry.name}:`, `    routing_url: ${entry.routingUrl}`, '    schema:', `      file: ${(entry.schema as { file: string }).file}`]),
          '  site_network:',
          '    routing_url: ${env.SITE_NETWORK_ROUTE:-http://site-network.internal/graphql}',
          '    schema:',
          `      subgraph_url: ${partner.url}`,
          '      introspection_headers:',
          '        Authorization: Bearer ${env.SITE_NETWORK_TOKEN}',
          '',
        ].join('\n'),
      );
      const output = join(folder, 'from-rover-yaml.graphql');
      const token = await tokenFor('PLATFORM_ADMIN', 'platform');
      // The yaml's Authorization wins over --token: a token the partner would refuse is never sent.
      const run = await runScript('compose.ts', ['--config', config, '--output', output, '--token', 'not-a-jwt'], { SITE_NETWORK_TOKEN: token, SITE_NETWORK_ROUTE: '' });
      expect(run.stderr.trim().split('\n').pop()).toBe(`reading subgraph site_network from ${partner.url}`);
      expect(run.code).toBe(0);
      expect(Supergraph.build(readFileSync(output, 'utf8')).subgraphs().get('site_network')!.url).toBe('http://site-network.internal/graphql');

      const routed = await runScript('compose.ts', ['--config', config, '--output', output], { SITE_NETWORK_TOKEN: token, SITE_NETWORK_ROUTE: 'https://network.example/graphql' });
      expect(routed.code).toBe(0);
      expect(Supergraph.build(readFileSync(output, 'utf8')).subgraphs().get('site_network')!.url).toBe('https://network.example/graphql');

      const unset = await runScript('compose.ts', ['--config', config, '--output', output], { SITE_NETWORK_TOKEN: '' });
      expect(unset).toMatchObject({ code: 2, stderr: `${config} uses \${env.SITE_NETWORK_TOKEN}, and SITE_NETWORK_TOKEN is not set\n` });
    });
  });
});
