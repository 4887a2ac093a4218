// Bad input from outside, at every door (the gateway and each subgraph straight): each answer is JSON
// with a code, the HTTP status says whose fault it is, bad values name their field, and every
// service is still up afterwards.
import { gzipSync } from 'node:zlib';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { getNamedType, getNullableType, isInputObjectType, isListType, type GraphQLInputType } from 'graphql';
import { generateDemoDataset } from '../seed/generate';
import { PARTIES } from '../platform/config';
import { listMaximum } from '../subgraphs/shared/input-bounds';
import { subgraphTypeDefs } from '../subgraphs/shared/subgraph-service';
import { startTestStack, type TestStack } from './support/stack-harness';
import { as, asAdmin } from './support/tokens';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 300_000);
afterAll(() => stack?.shutdown());

const DOORS = ['gateway', ...PARTIES] as const;
type Door = (typeof DOORS)[number];
const urlOf = (door: Door) => (door === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls[door]);

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Left empty: the assertions on content type and body say what came instead.
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body };
}

/** A JSON answer with this status and code, with nothing that looks like a stack trace or a path of the machine. */
function expectCoded(answer: Answer, status: number, code: string, field?: string) {
  expect({ status: answer.status, contentType: answer.contentType }).toEqual({ status, contentType: expect.stringMatching(/^application\/(graphql-response\+)?json/) });
  expect(answer.body.errors?.[0].extensions?.code).toBe(code);
  if (field) expect(answer.body.errors?.[0].extensions?.field).toBe(field);
  expect(answer.text).not.toMatch(/node_modules|\/work\/|\bat \S+ \(|stacktrace|<html/i);
}

const post = async (door: Door, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  send(urlOf(door), { method: 'POST', headers: { 'content-type': 'application/json', ...(await asAdmin()), ...headers }, body });

const operation = (door: Door, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
  post(door, JSON.stringify({ query, variables }), headers);

describe.each(DOORS)('at the %s', (door) => {
  test('a body that is not JSON is 400 BAD_REQUEST', async () => {
    expectCoded(await post(door, '{"query": '), 400, 'BAD_REQUEST');
  });

  test('a JSON string as the body is 400 BAD_REQUEST, before the token check too', async () => {
    expectCoded(await send(urlOf(door), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"{ __typename }"' }), 400, 'BAD_REQUEST');
  });

  test('a body over 1 MB is 413 PAYLOAD_TOO_LARGE', async () => {
    expectCoded(await post(door, JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(1_100_000) })), 413, 'PAYLOAD_TOO_LARGE');
  });

  test('a charset other than UTF-8 is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectCoded(await post(door, '{}', { 'content-type': 'application/json; charset=latin-9' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('an unknown content encoding is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectCoded(await post(door, '{}', { 'content-encoding': 'compress-9000' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('a gzip body that does not inflate is 400 BAD_REQUEST, while a good one is answered', async () => {
    expectCoded(await post(door, 'not gzip at all', { 'content-encoding': 'gzip' }), 400, 'BAD_REQUEST');
    const good = await post(door, gzipSync(JSON.stringify({ query: '{ __typename }' })), { 'content-encoding': 'gzip' });
    // The gateway in development adds the operation's estimated cost beside the data.
    expect(good.body).toEqual({ data: { __typename: 'Query' }, ...(door === 'gateway' ? { extensions: { cost: expect.any(Object) } } : {}) });
  });

  test('a path the service does not serve is 404 NOT_FOUND in JSON', async () => {
    expectCoded(await send(urlOf(door).replace(/\/graphql$/, '/graphiql'), { method: 'GET' }), 404, 'NOT_FOUND');
  });

  test('a syntax error is 400 GRAPHQL_PARSE_FAILED', async () => {
    expectCoded(await operation(door, '{ site('), 400, 'GRAPHQL_PARSE_FAILED');
  });

  test('a document over the token limit is 400, not 500', async () => {
    const answer = await operation(door, `{ ${'a: __typename '.repeat(1500)} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0].extensions?.code).toEqual(expect.any(String));
  });

  test('several operations without operationName, or an unknown one, are 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const two = 'query A { __typename } query B { __typename }';
    expectCoded(await operation(door, two), 400, 'OPERATION_RESOLUTION_FAILURE');
    expectCoded(await post(door, JSON.stringify({ query: two, operationName: 'C' })), 400, 'OPERATION_RESOLUTION_FAILURE');
  });

  test('a GET with only a persisted-query hash and no token is 401 UNAUTHENTICATED', async () => {
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }));
    const answer = await send(`${urlOf(door)}?extensions=${extensions}`, { method: 'GET', headers: { 'apollo-require-preflight': 'true' } });
    expectCoded(answer, 401, 'UNAUTHENTICATED');
  });

  test('a NUL character in a variable, key or cursor is 400 BAD_USER_INPUT naming it', async () => {
    const key = { __typename: 'Site', id: 'site\u0000-1' };
    const [query, variables, field] =
      door === 'gateway'
        ? ['query ($after: String) { sites(first: 5, after: $after) { totalCount } }', { after: 'abc\u0000' }, 'after']
        : ['query ($keys: [_Any!]!) { _entities(representations: $keys) { __typename } }', { keys: [key] }, 'keys.0.id'];
    expectCoded(await operation(door, query, variables), 400, 'BAD_USER_INPUT', field);
  });

  test('a NUL character in a literal argument is 400 BAD_USER_INPUT naming the argument', async () => {
    const [query, field] =
      door === 'gateway'
        ? ['{ site(id: "site\\u0000-1") { id } }', 'id']
        : ['{ _entities(representations: [{ __typename: "Site", id: "x\\u0000" }]) { __typename } }', 'representations.0.id'];
    expectCoded(await operation(door, query), 400, 'BAD_USER_INPUT', field);
  });
});

describe('bad values through the gateway are named as straight at the subgraph', () => {
  const CREATE_TRIAL = 'mutation ($input: CreateTrialInput!) { createTrial(input: $input) { id } }';
  const trialInput = (plannedStartOn: string) => ({
    nctId: 'NCT09990001',
    title: 'A trial that cannot start',
    phase: 'PHASE_2',
    therapeuticArea: 'CARDIOLOGY',
    plannedStartOn,
  });

  test.each([
    ['gateway', '2026-02-30'],
    ['gateway', '2026-13-01'],
    ['sponsors', '2026-02-30'],
    ['sponsors', '2026-13-01'],
  ] as const)('at the %s, an impossible date %s is BAD_USER_INPUT naming input.plannedStartOn', async (door, date) => {
    const sponsor = await as('SPONSOR', dataset.sponsors[0].id);
    const answer = await operation(door, CREATE_TRIAL, { input: trialInput(date) }, sponsor);
    expect(answer.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.plannedStartOn' });
    expect(answer.body.errors?.[0].message).toContain(date);
    expect(answer.text).not.toMatch(/node_modules|\/work\/|stacktrace/);
  });

  test.each(PARTIES)('at %s, a representation without its key is 400 BAD_USER_INPUT naming the key', async (door) => {
    const answer = await operation(door, '{ _entities(representations: [{ __typename: "Site" }]) { __typename } }');
    expectCoded(answer, 400, 'BAD_USER_INPUT', 'representations.0.id');
  });
});

test('every service is still up and answering after all of it', async () => {
  const health = await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/health'));
  expect(await health.json()).toMatchObject({ status: 'ok', subgraphs: { sites: 'ok', sponsors: 'ok', cros: 'ok', insights: 'ok' } });
  const { data, errors } = await stack.query('{ sites(first: 1) { totalCount } }');
  expect(errors).toBeUndefined();
  expect(data.sites.totalCount).toBe(dataset.sites.length);
});

describe('every list in a mutation input has a documented maximum, enforced', () => {
  test.each(PARTIES)('%s: every list field of every mutation input says "At most N." in its description', (party) => {
    const schema = buildSubgraphSchema({ typeDefs: subgraphTypeDefs(party) });
    const unbounded: string[] = [];
    const seen = new Set<string>();
    const walk = (type: GraphQLInputType) => {
      const named = getNamedType(type);
      if (!isInputObjectType(named) || seen.has(named.name)) return;
      seen.add(named.name);
      for (const field of Object.values(named.getFields())) {
        if (isListType(getNullableType(field.type)) && listMaximum(field) === undefined) unbounded.push(`${named.name}.${field.name}`);
        walk(field.type);
      }
    };
    for (const mutation of Object.values(schema.getMutationType()?.getFields() ?? {})) for (const argument of mutation.args) walk(argument.type);
    expect(seen.size).toBeGreaterThan(0);
    expect(unbounded).toEqual([]);
  });

  const visit = (number: number) => ({ number, name: `Visit ${number}`, dayOffset: number, durationMinutes: 30, procedures: [] });
  const protocol = (visits: number) => ({
    effectiveOn: '2026-03-01',
    visits: Array.from({ length: visits }, (_, i) => visit(i + 1)),
    procedures: [],
    countries: ['DE'],
  });
  const trialInput = (overrides: Record<string, unknown>) => ({
    nctId: 'NCT09990002',
    title: 'A trial with too much in it',
    phase: 'PHASE_2',
    therapeuticArea: 'CARDIOLOGY',
    ...overrides,
  });

  test.each([
    ['gateway', '10,000 conditions', { conditions: Array.from({ length: 10_000 }, (_, i) => `Condition ${i}`) }, 'input.conditions'],
    ['sponsors', '10,000 conditions', { conditions: Array.from({ length: 10_000 }, (_, i) => `Condition ${i}`) }, 'input.conditions'],
    ['gateway', 'a protocol of 5,000 visits', { protocol: protocol(5_000) }, 'input.protocol.visits'],
    ['sponsors', 'a protocol of 5,000 visits', { protocol: protocol(5_000) }, 'input.protocol.visits'],
  ] as const)('at the %s, createTrial with %s is BAD_USER_INPUT naming the field, and nothing is stored', async (door, _, overrides, field) => {
    const sponsor = await as('SPONSOR', dataset.sponsors[0].id);
    const count = async () => (await stack.query('{ trials { totalCount } }')).data.trials.totalCount;
    const before = await count();
    const answer = await operation(door, 'mutation ($input: CreateTrialInput!) { createTrial(input: $input) { id } }', { input: trialInput(overrides) }, sponsor);
    expect(answer.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await count()).toBe(before);
  });

  test.each(['gateway', 'sponsors'] as const)('at the %s, publishProtocolVersion with 5,000 visits is BAD_USER_INPUT naming input.visits', async (door) => {
    const trial = dataset.trials.find((candidate) => candidate.sponsorId === dataset.sponsors[0].id)!;
    const sponsor = await as('SPONSOR', trial.sponsorId);
    const { effectiveOn: _, ...version } = protocol(5_000);
    const answer = await operation(
      door,
      'mutation ($input: PublishProtocolVersionInput!) { publishProtocolVersion(input: $input) { id } }',
      { input: { trialId: trial.id, expectedVersion: 1, effectiveOn: '2026-06-01', amendmentReason: 'More visits', ...version } },
      sponsor,
    );
    expect(answer.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.visits' });
  });
});
