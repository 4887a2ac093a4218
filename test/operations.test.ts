// operations/ and its manifest, as a frontend team meets them: the flagship operations are the shared
// ones, `npm run operations` validates what a team adds and says which file is wrong, the committed
// manifest is what it would write, and every operation stays within the gateway's default limits.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import {
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLSchema,
  isEnumType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  parse,
  typeFromAST,
} from 'graphql';
import { MANIFEST_FILE, operationFiles, operationId, readManifest } from '../gateway/operation-manifest';
import { apiSchemaOf } from '../gateway/schema-check';
import { costDirectivesOf, DEFAULT_OPERATION_LIMITS, measureOperation } from '../platform/operation-limits';
import { PROJECT_ROOT } from '../platform/project-root';
import { runScript } from './support/run-script';

const SHARED_QUERIES = resolve(PROJECT_ROOT, '..', 'shared', 'queries');
const SUPERGRAPH = readFileSync(resolve(PROJECT_ROOT, 'schema', 'supergraph.graphql'), 'utf8');

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'operations-test-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A folder of operation files, as a team's operations/ would be. */
function operationsFolder(name: string, files: Record<string, string>): string {
  const path = join(folder, name);
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
  return path;
}

test('the five flagship operations in operations/ are the shared ones, byte for byte', () => {
  const shared = operationFiles(SHARED_QUERIES);
  expect(shared).toHaveLength(5);
  for (const file of shared) {
    expect(`${basename(file)}: ${readFileSync(resolve(PROJECT_ROOT, 'operations', basename(file)), 'utf8')}`).toBe(`${basename(file)}: ${readFileSync(file, 'utf8')}`);
  }
});

test('the committed manifest is what npm run operations writes from operations/ today', async () => {
  const run = await runScript('operations.ts', ['--check']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/^operations\/manifest\.json is up to date \(\d+ operations from \d+ files\)/);
  const manifest = readManifest(MANIFEST_FILE);
  expect(manifest).toMatchObject({ format: 'apollo-persisted-query-manifest', version: 1 });
  expect(manifest.operations.map((operation) => operation.name)).toEqual(
    expect.arrayContaining(['CroPortfolio', 'SitePartnerships', 'SitesInCountry', 'SponsorFeedback', 'TrialOverview']),
  );
  for (const operation of manifest.operations) expect(operation.id).toBe(operationId(operation.body));
});

test('a manifest that differs from the operations fails --check, saying what to run', async () => {
  const operations = operationsFolder('one-more', {
    'trial-title.graphql': 'query TrialTitle($nctId: String!) { trial(nctId: $nctId) { nctId title } }',
  });
  const output = join(folder, 'stale-manifest.json');
  writeFileSync(output, readFileSync(MANIFEST_FILE, 'utf8'));
  const run = await runScript('operations.ts', ['--check', '--operations', operations, '--output', output]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/stale-manifest\.json differs from what the operations give: run npm run operations to write it/);
});

test("an operation that does not validate against the API schema is named with its file and graphql-js's message, and nothing is written", async () => {
  const operations = operationsFolder('invalid', {
    'site-names.graphql': '# A team\'s list of sites\nquery SiteNames { sites(first: 5) { edges { node { id name colour } } } }',
    'trial-title.graphql': 'query TrialTitle($nctId: String!) { trial(nctId: $nctId) { nctId title } }',
  });
  const output = join(folder, 'invalid-manifest.json');
  const run = await runScript('operations.ts', ['--operations', operations, '--output', output]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('site-names.graphql SiteNames: Cannot query field "colour" on type "Site".');
  expect(run.stderr).toMatch(/1 operation problem\(s\): .*invalid-manifest\.json not written/);
  expect(() => readFileSync(output)).toThrow(/ENOENT/);
});

test('two operations of one name, or an anonymous one, are refused, naming both files', async () => {
  const operations = operationsFolder('duplicates', {
    'a.graphql': 'query TrialTitle($nctId: String!) { trial(nctId: $nctId) { title } }',
    'b.graphql': 'query TrialTitle($nctId: String!) { trial(nctId: $nctId) { nctId } }',
    'c.graphql': '{ sites(first: 1) { totalCount } }',
  });
  const run = await runScript('operations.ts', ['--operations', operations, '--output', join(folder, 'duplicates.json')]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/b\.graphql TrialTitle: the operation name TrialTitle is also used in .*a\.graphql: operation names must be unique/);
  expect(run.stderr).toMatch(/c\.graphql: an operation has no name/);
});

test('a valid folder is written as a manifest whose ids are the SHA-256 of each body, with only the fragments each operation spreads', async () => {
  const operations = operationsFolder('valid', {
    'sites.graphql': `fragment SiteName on Site { id name }
fragment Unused on Site { timezone }
query FirstSites { sites(first: 2) { edges { node { ...SiteName } } } }`,
  });
  const output = join(folder, 'valid.json');
  const run = await runScript('operations.ts', ['--operations', operations, '--output', output]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  const [operation] = readManifest(output).operations;
  expect(operation).toEqual({ id: operationId(operation.body), name: 'FirstSites', type: 'query', body: expect.stringContaining('fragment SiteName on Site') });
  expect(operation.body).not.toContain('Unused');
});

/**
 * Variables at their most expensive: every Int (a page size) at the largest page, the rest a value of
 * their type (the cost does not depend on them).
 */
function worstCaseVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => {
      const type = typeFromAST(schema, definition.type as never)!;
      const named = getNamedType(type);
      const one = named.name === 'Int' ? DEFAULT_OPERATION_LIMITS.maxPageSize : named.name === 'Float' ? 1 : named.name === 'Boolean' ? true : isEnumType(named) ? named.getValues()[0].value : 'x';
      return [definition.variable.name.value, isListType(getNullableType(type)) ? [one] : one];
    }),
  );
}

test('every operation in operations/ is within the default limits, its Int variables at the largest page', () => {
  const schema = apiSchemaOf(SUPERGRAPH);
  const directives = costDirectivesOf(parse(SUPERGRAPH));
  const limits = DEFAULT_OPERATION_LIMITS;
  const measured: string[] = [];
  for (const file of operationFiles()) {
    const document = parse(readFileSync(file, 'utf8'));
    const fragments = Object.fromEntries(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    for (const operation of document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)) {
      const { depth, aliases, root } = measureOperation(schema, operation, fragments, worstCaseVariables(schema, operation), directives, limits);
      const name = `${basename(file)} ${operation.name?.value}`;
      measured.push(`${name}: cost ${root.cost}, depth ${depth}, aliases ${aliases}`);
      expect(`${name}: cost ${root.cost}`).toBe(`${name}: cost ${Math.min(root.cost, limits.maxCost)}`);
      expect(`${name}: depth ${depth}`).toBe(`${name}: depth ${Math.min(depth, limits.maxDepth)}`);
      expect(`${name}: aliases ${aliases}`).toBe(`${name}: aliases ${Math.min(aliases, limits.maxAliases)}`);
    }
  }
  expect(measured.length).toBeGreaterThanOrEqual(5);
  console.log(`operations/ at the default limits (cost ${limits.maxCost}, depth ${limits.maxDepth}, aliases ${limits.maxAliases}):\n${measured.join('\n')}`);
});
