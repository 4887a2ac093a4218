import { supergraphHash } from '../gateway/supergraph-source';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { partySupergraph } from './support/party-supergraph';
import { startTestStack, type TestStack } from './support/stack-harness';
import type { GraphQLResponse } from './support/subgraph-harness';
import { asAdmin } from './support/tokens';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const variables = flagshipVariables(dataset);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 300_000);
afterAll(() => stack?.shutdown());

const healthUrl = () => stack.gatewayUrl.replace(/\/graphql$/, '/health');

test('health answers 200 when the supergraph is loaded and every subgraph answers, naming the supergraph served', async () => {
  const response = await fetch(healthUrl());
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    status: 'ok',
    supergraph: { hash: supergraphHash(partySupergraph()), loadedAt: expect.any(String) },
    subgraphs: { sites: 'ok', sponsors: 'ok', cros: 'ok', insights: 'ok' },
  });
});

test('a trial answers the same by id and by NCT id, across sponsors and insights', async () => {
  const trial = dataset.trials.find((t) => t.nctId === variables.nctId)!;
  const query = `query($id: ID, $nctId: String) { trial(id: $id, nctId: $nctId) { id nctId patientBurden { score } } }`;
  const byId = await stack.query(query, { id: trial.id });
  const byNct = await stack.query(query, { nctId: trial.nctId });
  expect(byId.errors).toBeUndefined();
  expect(byId.data.trial.nctId).toBe(trial.nctId);
  expect(byNct.data).toEqual(byId.data);
});

test('root lists filter and count exactly what the dataset holds', async () => {
  const trial = dataset.trials.find((t) => t.nctId === variables.nctId)!;
  const { data, errors } = await stack.query(
    `query($phase: TrialPhase, $area: String, $status: TrialStatus, $sponsorId: ID) {
      byPhaseAndArea: trials(filter: { phase: $phase, therapeuticArea: $area }) { totalCount }
      byStatusAndSponsor: trials(filter: { status: $status, sponsorId: $sponsorId }) { totalCount edges { node { sponsor { id } status } } }
      sitesInArea: sites(filter: { therapeuticArea: $area }) { totalCount }
      sponsors { totalCount }
      cros { totalCount }
    }`,
    { phase: trial.phase, area: trial.therapeuticArea, status: trial.status, sponsorId: trial.sponsorId },
  );
  expect(errors).toBeUndefined();
  expect(data.byPhaseAndArea.totalCount).toBe(
    dataset.trials.filter((t) => t.phase === trial.phase && t.therapeuticArea === trial.therapeuticArea).length,
  );
  expect(data.byStatusAndSponsor.totalCount).toBe(
    dataset.trials.filter((t) => t.status === trial.status && t.sponsorId === trial.sponsorId).length,
  );
  for (const { node } of data.byStatusAndSponsor.edges) expect(node).toEqual({ sponsor: { id: trial.sponsorId }, status: trial.status });
  expect(data.sitesInArea.totalCount).toBe(dataset.sites.filter((s) => s.therapeuticAreas.includes(trial.therapeuticArea)).length);
  expect(data.sponsors.totalCount).toBe(dataset.sponsors.length);
  expect(data.cros.totalCount).toBe(dataset.cros.length);
});

test('an unknown id answers null, not an error', async () => {
  const { data, errors } = await stack.query(`{ site(id: "no-such-site") { id name } trial(nctId: "NCT99999999") { id } cro(id: "nope") { id } }`);
  expect(errors).toBeUndefined();
  expect(data).toEqual({ site: null, trial: null, cro: null });
});

test('asking for more than 100 rows is a BAD_USER_INPUT error naming first, without a stack trace', async () => {
  const { errors } = await stack.query(`{ trials(first: 500) { totalCount } }`);
  expect(errors).toHaveLength(1);
  expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  expect(JSON.stringify(errors)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
});

test('a misspelt field is refused with a validation error that points at it', async () => {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await asAdmin()) },
    body: JSON.stringify({ query: '{ site(id: "x") { nam } }' }),
  });
  const body = (await response.json()) as GraphQLResponse;
  expect(response.status).toBe(400);
  expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(body.errors?.[0].message).toContain('"nam"');
});

test('an operation nested deeper than the limit is refused before any subgraph is called', async () => {
  const deep = `{ trial(nctId: "${variables.nctId}") { sites { site { trials { trial { sites { site { trials { trial { sites { site { id } } } } } } } } } } } }`;
  let body: any;
  const statements = await stack.countStatements(async () => {
    body = await stack.query(deep);
  });
  expect(body.errors[0].message).toMatch(/depth/i);
  expect(body.data).toBeUndefined();
  expect(Object.values(statements)).toEqual([0, 0, 0, 0]);
});

test('too many aliases are refused', async () => {
  const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: site(id: "site-${i}") { id }`).join(' ');
  const { errors } = await stack.query(`{ ${aliases} }`);
  expect(errors?.[0].extensions).toMatchObject({ code: 'ALIAS_LIMIT_EXCEEDED', measured: 20, limit: 15 });
});

test('an operation whose cost is over the limit is refused before any subgraph is called', async () => {
  const lists = Array.from({ length: 12 }, (_, i) =>
    `s${i}: sites(first: 100) { edges { node { id name trials { trial { title sites { enrolled screened } } } } } }`,
  ).join(' ');
  let body: any;
  const statements = await stack.countStatements(async () => {
    body = await stack.query(`{ ${lists} }`);
  });
  expect(body.errors[0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 50000 });
  expect(Object.values(statements)).toEqual([0, 0, 0, 0]);
});

test('the gateway answers with the caller\'s request id, or a new one', async () => {
  const call = async (headers: Record<string, string>) =>
    fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await asAdmin()), ...headers },
      body: JSON.stringify({ query: '{ sponsors(first: 1) { totalCount } }' }),
    });
  expect((await call({ 'x-request-id': 'analyst-42' })).headers.get('x-request-id')).toBe('analyst-42');
  expect((await call({})).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

test('the gateway reuses keep-alive connections to a subgraph instead of opening one per fetch', async () => {
  let connections = 0;
  let requests = 0;
  const server = stack.listening.sponsors.server;
  const onConnection = () => (connections += 1);
  const onRequest = () => (requests += 1);
  server.on('connection', onConnection);
  server.on('request', onRequest);
  for (let i = 0; i < 20; i += 1) {
    const { errors } = await stack.query(`{ site(id: "${variables.siteId}") { id trials { status } } }`);
    expect(errors).toBeUndefined();
  }
  server.off('connection', onConnection);
  server.off('request', onRequest);
  expect(requests).toBe(20);
  expect(connections).toBeLessThanOrEqual(1);
});

test('health answers 503 naming the subgraph that does not answer', async () => {
  await stack.listening.insights.close();
  const response = await fetch(healthUrl());
  expect(response.status).toBe(503);
  const body = (await response.json()) as { status: string; subgraphs: Record<string, string> };
  expect(body.status).toBe('degraded');
  expect(body.subgraphs.insights).toMatch(/unreachable/);
  expect(body.subgraphs.sites).toBe('ok');
});

test('a subgraph that does not answer costs its fields, with an error that names no internal address', async () => {
  // insights was stopped by the test above.
  const { data, errors } = await stack.query(`query ($id: ID!) { site(id: $id) { name patientExperience { suppressed } } }`, { id: 'site-0001' });
  expect(data?.site?.name).toEqual(expect.any(String));
  expect(errors?.[0]).toMatchObject({ path: ['site', 'patientExperience'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'insights' } });
  expect(JSON.stringify(errors)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|:\d{4,5}\//);
});
