// The committed supergraph runs unchanged on another engine: Hive Gateway, configured as
// examples/hive-gateway/ says (the configuration docs/production.md gives), in front of our four
// subgraphs, answers every flagship operation for every kind of caller exactly as our gateway does;
// a caller without a token gets nothing, the caller's x-request-id reaches the subgraphs, and a
// stalled subgraph costs only its own fields after SUBGRAPH_TIMEOUT_MS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from '../platform/http';
import { generateDemoDataset } from '../seed/generate';
import { PARTIES, type Env, type Party } from '../platform/config';
import { hiveGatewayConfig } from '../examples/hive-gateway/hive-gateway-config';
import { readManifest } from '../gateway/operation-manifest';
import { flagshipCallers, flagshipRequests, operation } from './support/flagships';
import { startHiveGateway, type RunningHiveGateway } from './support/hive-gateway';
import { startTestStack, type TestStack } from './support/stack-harness';
import { as, TEST_ENV } from './support/tokens';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });

type Path = (string | number)[];
interface Answer {
  status: number;
  requestId: string | null;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: Path; extensions?: Record<string, unknown> }[];
}

let stack: TestStack;
let hive: RunningHiveGateway;
let hiveEnv: Env;

beforeAll(async () => {
  stack = await startTestStack(dataset);
  // Where the test subgraphs listen, as a deployment says it: SITES_URL and the rest.
  hiveEnv = { ...TEST_ENV, ...Object.fromEntries(PARTIES.map((party) => [`${party.toUpperCase()}_URL`, stack.subgraphUrls[party]])) };
  hive = await startHiveGateway(hiveGatewayConfig(hiveEnv));
}, 300_000);

afterAll(async () => {
  await hive?.stop();
  await stack?.shutdown();
});

async function ask(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<Answer, 'status' | 'requestId'>;
  return { status: response.status, requestId: response.headers.get('x-request-id'), ...body };
}

/** The x-request-id of every call each subgraph received while `work` ran, read off its own server. */
async function receivedIds(work: () => Promise<unknown>): Promise<Record<Party, string[]>> {
  const seen = Object.fromEntries(PARTIES.map((party) => [party, [] as string[]])) as Record<Party, string[]>;
  const listeners = PARTIES.map((party) => {
    const listener = (req: IncomingMessage) => void seen[party].push(String(req.headers['x-request-id']));
    stack.listening[party].server.on('request', listener);
    return () => stack.listening[party].server.off('request', listener);
  });
  try {
    await work();
  } finally {
    for (const stopListening of listeners) stopListening();
  }
  return seen;
}

/**
 * Errors as a set: message, code and path, sorted (each engine orders them its own way), with the
 * list positions in a path left out: Hive Gateway gives an error raised in a batch of entities the
 * entity's place in the batch rather than in the list (the known difference below).
 */
const errorSet = (answer: Answer) =>
  (answer.errors ?? [])
    .map((error) => {
      const path = error.path?.map((key) => (typeof key === 'number' ? '#' : key)) ?? null;
      return JSON.stringify([error.message, error.extensions?.code ?? null, path]);
    })
    .sort();

const cases = flagshipRequests(dataset).flatMap(([file, variables]) =>
  flagshipCallers(dataset).map(([kind, orgId]) => [file, `${kind} ${orgId}`, variables, kind, orgId] as const),
);

test.each(cases)('%s asked as %s: Hive Gateway answers the same data and the same errors as our gateway', async (file, _caller, variables, kind, orgId) => {
  const headers = await as(kind, orgId);
  const ours = await ask(stack.gatewayUrl, operation(file), variables, headers);
  const theirs = await ask(hive.url, operation(file), variables, headers);
  expect(ours.data).toBeTruthy();
  expect(theirs.status).toBe(ours.status);
  expect(theirs.data).toEqual(ours.data);
  expect(errorSet(theirs)).toEqual(errorSet(ours));
});

test('known difference: an error raised in a batch of entities names its place in the batch, not in the list (graphql-tools batch delegation)', async () => {
  // SitesInCountry as a CRO: patientExperience is refused on every site, each fetched in one
  // _entities batch from insights. Our gateway names each site's edge; Hive Gateway names edge 0
  // for all of them. The messages still name the site. When this fails, Hive has fixed it: drop the
  // note in docs/production.md and compare list positions above too.
  const [file, variables] = flagshipRequests(dataset)[0];
  const v = flagshipCallers(dataset).find(([kind]) => kind === 'CRO')!;
  const headers = await as(v[0], v[1]);
  const ours = await ask(stack.gatewayUrl, operation(file), variables, headers);
  const theirs = await ask(hive.url, operation(file), variables, headers);
  expect(new Set(ours.errors!.map((error) => error.path![2])).size).toBeGreaterThan(1);
  expect(new Set(theirs.errors!.map((error) => error.path![2]))).toEqual(new Set([0]));
});

describe('without a token', () => {
  const [file, variables] = flagshipRequests(dataset)[1];

  test('Hive Gateway turns the request away at the edge, with no data and no subgraph asked', async () => {
    let answer!: Answer;
    const received = await receivedIds(async () => (answer = await ask(hive.url, operation(file), variables, {})));
    expect(Object.values(received).flat()).toEqual([]);
    expect(answer.status).toBe(401);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
  });

  test('with the edge check off, our subgraphs refuse it through Hive Gateway: no data, UNAUTHENTICATED', async () => {
    const { jwt: _edgeCheck, ...withoutEdgeCheck } = hiveGatewayConfig(hiveEnv);
    const open = await startHiveGateway(withoutEdgeCheck);
    try {
      const answer = await ask(open.url, operation(file), variables, {});
      expect(answer.data?.trial ?? null).toBeNull();
      expect(answer.errors?.map((error) => error.extensions?.code)).toContain('UNAUTHENTICATED');
    } finally {
      await open.stop();
    }
  });
});

describe('trusted documents: the manifest our gateway runs, on Hive Gateway', () => {
  const [file, variables] = flagshipRequests(dataset)[1];
  const trialOverview = readManifest().operations.find((candidate) => candidate.name === 'TrialOverview')!;

  async function askById(url: string, body: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await as('PLATFORM_ADMIN', 'platform')) },
      body: JSON.stringify({ ...body, variables }),
    });
    return { status: response.status, requestId: null, ...((await response.json()) as Omit<Answer, 'status' | 'requestId'>) };
  }

  test('with TRUSTED_DOCUMENTS_ONLY=true a manifest operation runs by its id as through our gateway, and any text is refused', async () => {
    const trusted = await startHiveGateway(hiveGatewayConfig({ ...hiveEnv, TRUSTED_DOCUMENTS_ONLY: 'true' }));
    try {
      const ours = await ask(stack.gatewayUrl, operation(file), variables, await as('PLATFORM_ADMIN', 'platform'));
      for (const body of [{ documentId: trialOverview.id }, { extensions: { persistedQuery: { version: 1, sha256Hash: trialOverview.id } } }]) {
        const answer = await askById(trusted.url, body);
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual(ours.data);
      }
      const text = await ask(trusted.url, 'query TrialTitle($nctId: String!) { trial(nctId: $nctId) { title } }', variables, await as('PLATFORM_ADMIN', 'platform'));
      expect(text.data ?? null).toBeNull();
      expect(text.errors?.length).toBeGreaterThan(0);
    } finally {
      await trusted.stop();
    }
  });
});

describe('request ids', () => {
  const [file, variables] = flagshipRequests(dataset)[1];

  test("the caller's x-request-id reaches every subgraph the operation crosses, with a part unique to the request, and comes back to the caller", async () => {
    const headers = { ...(await as('PLATFORM_ADMIN', 'platform')), 'x-request-id': 'partner-trace-7' };
    let first!: Answer;
    let second!: Answer;
    const firstIds = await receivedIds(async () => (first = await ask(hive.url, operation(file), variables, headers)));
    const secondIds = await receivedIds(async () => (second = await ask(hive.url, operation(file), variables, headers)));
    expect(first.requestId).toBe('partner-trace-7');
    expect(second.requestId).toBe('partner-trace-7');

    // TrialOverview crosses all four subgraphs; every call of one request carries one id.
    const firstForwarded = new Set(Object.values(firstIds).flat());
    const secondForwarded = new Set(Object.values(secondIds).flat());
    for (const party of PARTIES) expect(firstIds[party].length).toBeGreaterThan(0);
    expect(firstForwarded.size).toBe(1);
    expect(secondForwarded.size).toBe(1);
    const [firstId] = firstForwarded;
    const [secondId] = secondForwarded;
    expect(firstId).toMatch(/^partner-trace-7:[0-9a-f]{8}$/);
    expect(secondId).toMatch(/^partner-trace-7:[0-9a-f]{8}$/);
    // The same id sent again is another request: it must not share a subgraph's loaders with the first.
    expect(secondId).not.toBe(firstId);
  });
});

test('a stalled subgraph costs its fields after SUBGRAPH_TIMEOUT_MS, not the answer: TrialOverview with insights stalled', async () => {
  // Takes every request and never answers, as a subgraph stuck on its database does.
  const held = new Set<ServerResponse>();
  const stalled = await listen((_req, res) => void held.add(res), 0);
  const slow = await startHiveGateway(hiveGatewayConfig({ ...hiveEnv, INSIGHTS_URL: stalled.url, SUBGRAPH_TIMEOUT_MS: '1000' }));
  try {
    const [file, variables] = flagshipRequests(dataset)[1];
    const headers = await as('PLATFORM_ADMIN', 'platform');
    const whole = await ask(stack.gatewayUrl, operation(file), variables, headers);
    const answer = await ask(slow.url, operation(file), variables, headers);
    const trial = (whole.data as { trial: Record<string, unknown> }).trial;
    expect(answer.data).toEqual({ trial: { ...trial, patientBurden: null, patientExperience: null, advocateReviews: null } });
    expect(answer.errors?.map((error) => error.path)).toEqual(
      expect.arrayContaining([['trial', 'patientBurden'], ['trial', 'patientExperience'], ['trial', 'advocateReviews']]),
    );
  } finally {
    for (const res of held) res.destroy();
    await slow.stop();
    await stalled.close();
  }
});
