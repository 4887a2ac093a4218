// The limits on one operation, tried from outside: through HTTP at the gateway and straight at a
// subgraph, with real tokens, asserting what a caller sees (status, code, measured value, limit).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  buildSchema,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { SUPERGRAPH_FILE } from '../gateway/compose-supergraph';
import { generateDemoDataset } from '../seed/generate';
import { flagshipVariables } from '../seed/flagship-variables';
import { startLocalStack } from '../scripts/local-stack';
import { startTestStack, type TestStack } from './support/stack-harness';
import { as, asAdmin, TEST_ENV } from './support/tokens';

const QUERIES_DIR = resolve(__dirname, '..', '..', 'shared', 'queries');
const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const variables = flagshipVariables(dataset);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 120_000);

afterAll(async () => {
  await stack?.shutdown();
});

/** POSTs an operation and answers the HTTP status with the body, as a client sees both. */
async function post(url: string, query: string, operationVariables?: Record<string, unknown>, headers?: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers ?? (await asAdmin())) },
    body: JSON.stringify({ query, variables: operationVariables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

/** The flagship operations, as the frontends send them. */
const flagships = readdirSync(QUERIES_DIR)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => [file.replace(/\.graphql$/, ''), readFileSync(join(QUERIES_DIR, file), 'utf8')] as const);

/** The same operation with every nested selection moved into a named fragment, fragments spreading fragments. */
function withNamedFragments(query: string): string {
  const schema = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  const typeInfo = new TypeInfo(schema);
  const fragments: FragmentDefinitionNode[] = [];
  const document = visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field: {
        leave(field: FieldNode) {
          const type = typeInfo.getType();
          if (!field.selectionSet || !type || typeInfo.getParentType()?.name === 'Query') return undefined;
          const name = `${typeInfo.getParentType()!.name}_${field.name.value}_${fragments.length}`;
          fragments.push({
            kind: Kind.FRAGMENT_DEFINITION,
            name: { kind: Kind.NAME, value: name },
            typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: getNamedType(type).name } },
            selectionSet: field.selectionSet,
          });
          return {
            ...field,
            selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FRAGMENT_SPREAD, name: { kind: Kind.NAME, value: name } }] },
          };
        },
      },
    }),
  );
  return [print(document), ...fragments.map((fragment) => print(fragment))].join('\n');
}

const limitCodes = ['COST_LIMIT_EXCEEDED', 'DEPTH_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED', 'TOKEN_LIMIT_EXCEEDED'];

describe('the flagship operations pass every limit', () => {
  test.each(flagships)('%s as written', async (_name, query) => {
    const { status, body } = await post(stack.gatewayUrl, query, { ...variables });
    expect(body.errors ?? []).toEqual([]);
    expect(status).toBe(200);
    expect(Object.values(body.data)[0]).not.toBeNull();
  });

  test.each(flagships)('%s with every nested selection in a named fragment', async (_name, query) => {
    const rewritten = withNamedFragments(query);
    expect(rewritten).toMatch(/fragment \w+ on \w+/);
    const { status, body } = await post(stack.gatewayUrl, rewritten, { ...variables });
    expect(body.errors ?? []).toEqual([]);
    expect(status).toBe(200);
  });

  test('sites-in-country with first as a variable of 20 or a full page of 100, or left to its default', async () => {
    const query = flagships.find(([name]) => name === 'sites-in-country')![1];
    for (const first of [20, 100, undefined]) {
      const { status, body } = await post(stack.gatewayUrl, query, { ...variables, first });
      expect(body.errors ?? []).toEqual([]);
      expect(status).toBe(200);
    }
  });
});

describe('lists are costed by their size', () => {
  const fanOut = (croId: string) =>
    `{ cro(id: "${croId}") { engagements { cro { engagements { cro { engagements { cro { engagements { cro { id } } } } } } } } } }`;

  test('a CRO\'s engagements\' CROs\' engagements, four levels down, are refused by cost before any fetch', async () => {
    const croId = dataset.cros[0].id;
    let response: Awaited<ReturnType<typeof post>> | undefined;
    const statements = await stack.countStatements(async () => {
      response = await post(stack.gatewayUrl, fanOut(croId), {}, await as('CRO', croId));
    });
    expect(response!.status).toBe(400);
    const [error] = response!.body.errors!;
    expect(error.extensions).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      limit: 50000,
      mostExpensivePath: 'cro.engagements.cro.engagements.cro.engagements.cro.engagements.cro',
    });
    expect(error.extensions.measured).toBeGreaterThan(50 ** 4);
    expect(error.extensions.lists[0]).toEqual({ path: 'cro.engagements', size: 50, from: '@listSize(assumedSize)' });
    expect(error.message).toMatch(/cro\.engagements ×50/);
    expect(response!.body.data).toBeUndefined();
    expect(Object.values(statements)).toEqual([0, 0, 0, 0]);
  });

  test('the same fan-out sent straight to the cros subgraph is refused there too', async () => {
    const croId = dataset.cros[0].id;
    const { status, body } = await post(stack.subgraphUrls.cros, fanOut(croId), {}, await as('CRO', croId));
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 50000 });
  });

  test('an admin\'s page of 100 trials with their sites and CROs is accepted', async () => {
    const query = `query AllTrials($first: Int) { trials(first: $first) { edges { node { id nctId title status
      sites { site { id name } } engagements { cro { name } } } } } }`;
    const { status, body } = await post(stack.gatewayUrl, query, { first: 100 });
    expect(body.errors ?? []).toEqual([]);
    expect(status).toBe(200);
    expect(body.data.trials.edges.length).toBeGreaterThan(0);
  });

  test('the cost follows first: the same page with each site\'s trials and visits is refused naming first', async () => {
    const query = `query Visits($first: Int) { sites(first: $first) { edges { node { id monitoringVisits { kind engagement { cro { name } } } } } } }`;
    const light = await post(stack.gatewayUrl, query, { first: 20 });
    expect(light.body.errors ?? []).toEqual([]);
    const heavy = await post(stack.gatewayUrl, query, { first: 100 });
    expect(heavy.status).toBe(400);
    expect(heavy.body.errors![0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
    expect(heavy.body.errors![0].extensions.lists[0]).toEqual({ path: 'sites.edges', size: 100, from: 'first' });
  });

  test('_entities sent straight to a subgraph are costed by their representations', async () => {
    const representations = Array.from({ length: 1000 }, (_, i) => ({ __typename: 'Site', id: `site-${i}` }));
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Site { monitoringVisits { kind } } } }`;
    const few = await post(stack.subgraphUrls.cros, query, { representations: representations.slice(0, 10) });
    expect(few.status).toBe(200);
    expect(few.body.errors ?? []).toEqual([]);
    const many = await post(stack.subgraphUrls.cros, query, { representations });
    expect(many.body.errors?.[0]).toMatchObject({ extensions: { code: 'COST_LIMIT_EXCEEDED' } });
    expect(many.status).toBe(400);
    expect(many.body.errors![0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', lists: [
      { path: '_entities', size: 1000, from: 'representations' },
      { path: '_entities.monitoringVisits', size: 200, from: '@listSize(assumedSize)' },
    ] });
  });
});

describe('an operation is measured once per shape of its variables, never for less than it costs', () => {
  // The same document again and again (as the gateway's fetches reach the subgraphs) is measured
  // once per page size and representations count; values that fail once must not leave it unmeasured.
  const query = `query Visits($first: Int, $filter: SiteFilter) { sites(first: $first, filter: $filter) { edges { node { id monitoringVisits { kind engagement { cro { name } } } } } } }`;

  test('a filter that does not coerce, then one that does: the second is costed and refused', async () => {
    const bad = await post(stack.gatewayUrl, query, { first: 100, filter: { countryCode: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors![0].extensions.code).not.toMatch(/LIMIT_EXCEEDED/);
    const good = await post(stack.gatewayUrl, query, { first: 100, filter: { countryCode: variables.countryCode } });
    expect(good.status).toBe(400);
    expect(good.body.errors![0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
    expect(good.body.errors![0].extensions.lists[0]).toEqual({ path: 'sites.edges', size: 100, from: 'first' });
  });

  test('keys the operation does not declare change nothing: a default page measured first lets no heavier page through', async () => {
    // Undeclared keys spelt like the declared variables' values: left to its default, first is 20.
    for (const first of [100, 101]) {
      const light = await post(stack.gatewayUrl, query, { [`first:${first},filter`]: null });
      expect(light.body.errors ?? []).toEqual([]);
    }
    for (const round of [1, 2]) {
      const heavy = await post(stack.gatewayUrl, query, { first: 100, filter: null });
      expect([round, heavy.status, heavy.body.errors?.[0]?.extensions.code]).toEqual([round, 400, 'COST_LIMIT_EXCEEDED']);
      const outOfRange = await post(stack.gatewayUrl, query, { first: 101, filter: null });
      expect([round, outOfRange.status, outOfRange.body.errors?.[0]?.extensions]).toEqual([round, 400, expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' })]);
    }
  });
});

describe('first over 100, or negative, is BAD_USER_INPUT on first', () => {
  const lists = ['sites', 'trials', 'sponsors', 'cros'];
  test.each(lists)('%s(first: 101) at the gateway, as a literal and as a variable', async (list) => {
    for (const [query, vars] of [
      [`{ ${list}(first: 101) { totalCount } }`, {}],
      [`query ($n: Int) { ${list}(first: $n) { totalCount } }`, { n: 101 }],
      [`query ($n: Int) { ${list}(first: $n) { totalCount } }`, { n: -1 }],
    ] as const) {
      const { status, body } = await post(stack.gatewayUrl, query, vars);
      expect(status).toBe(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  test('a first so large it would also blow the cost is still BAD_USER_INPUT on first', async () => {
    const { status, body } = await post(stack.gatewayUrl, `{ sites(first: 100000) { edges { node { trials { trial { sites { site { id } } } } } } } }`);
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test.each(['sites', 'cros'] as const)('straight at the %s subgraph too', async (party) => {
    const { status, body } = await post(stack.subgraphUrls[party], `{ ${party}(first: 101) { totalCount } }`);
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('depth, aliases and tokens are limited with a code of their own', () => {
  test('depth counts fields, not fragment nesting, and names what it measured', async () => {
    const deep = `{ trial(nctId: "${variables.nctId}") { sites { site { trials { trial { sites { site { trials { trial { sites { site { id } } } } } } } } } } } }`;
    const { status, body } = await post(stack.gatewayUrl, deep);
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED', measured: 12, limit: 10 });
  });

  test('200 aliases of a root list sent straight to a subgraph are refused there', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: cros { totalCount }`).join(' ');
    const { status, body } = await post(stack.subgraphUrls.cros, `{ ${aliases} }`);
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'ALIAS_LIMIT_EXCEEDED', measured: 200, limit: 15 });
  });

  test.each(['gateway', 'sponsors'] as const)('a document over 2000 tokens is TOKEN_LIMIT_EXCEEDED at the %s, never a syntax error', async (door) => {
    const url = door === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls.sponsors;
    const { status, body } = await post(url, `{ ${Array.from({ length: 2100 }, () => '__typename').join(' ')} }`);
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'TOKEN_LIMIT_EXCEEDED' } });
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'TOKEN_LIMIT_EXCEEDED', limit: 2000 });
    expect(body.errors![0].message).not.toMatch(/syntax/i);
  });

  test('fragments that spread a fragment twice, level after level, are refused without expanding them all', async () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
    const query = `query Bomb { ...F0 }\n${levels.join('\n')}\nfragment F30 on Query { sponsors(first: 1) { totalCount } }`;
    const { status, body } = await post(stack.gatewayUrl, query);
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 20000 });
  });

  test('every refusal says what to reduce', async () => {
    const refusals = await Promise.all([
      post(stack.gatewayUrl, `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: sponsors { totalCount }`).join(' ')} }`),
      post(stack.gatewayUrl, `{ sites(first: 100) { edges { node { trials { trial { sites { site { trials { trial { id } } } } } } } } } }`),
    ]);
    for (const { status, body } of refusals) {
      expect(status).toBe(400);
      expect(limitCodes).toContain(body.errors![0].extensions.code);
      expect(body.errors![0].message).toMatch(/over the limit of \d+\. .*(fewer|smaller)/s);
    }
  });
});

describe('the limits are set by environment, the same at every door', () => {
  test('OPERATION_MAX_ALIASES=2 refuses a third alias at the gateway and straight at a subgraph, and lets two through', async () => {
    // A second gateway and subgraphs over the same databases, started as npm start would with the variable set.
    const tuned = await startLocalStack({
      databases: stack.databases,
      ports: { gateway: 0, sites: 0, sponsors: 0, cros: 0, insights: 0 },
      env: { ...TEST_ENV, OPERATION_MAX_ALIASES: '2' },
    });
    try {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: cros(first: 1) { totalCount }`).join(' ')} }`;
      for (const url of [tuned.gatewayUrl, tuned.subgraphUrls.cros]) {
        const refused = await post(url, aliases(3));
        expect(refused.status).toBe(400);
        expect(refused.body.errors![0].extensions).toMatchObject({ code: 'ALIAS_LIMIT_EXCEEDED', measured: 3, limit: 2 });
        const accepted = await post(url, aliases(2));
        expect(accepted.body.errors).toBeUndefined();
        expect(accepted.body.data.a1.totalCount).toBe(dataset.cros.length);
      }
      // The stack started beside it keeps the default.
      const byDefault = await post(stack.gatewayUrl, aliases(3));
      expect(byDefault.body.errors).toBeUndefined();
    } finally {
      await tuned.stop();
    }
  });
});
