// The limits seen from a frontend's side, over HTTP at the gateway: the operations a frontend writes
// (the flagships in operations/, the README's example for a page of sites with named fragments and
// `first` as a variable, an admin's page of trials) are accepted, each answer says in development
// what the operation was estimated to cost, and a refusal says what to change.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildGateway } from '../gateway/gateway';
import { gatewayConfig } from '../platform/config';
import { listen } from '../platform/http';
import { identityVerifier } from '../platform/identity';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { partySupergraphFile } from './support/party-supergraph';
import { startTestStack, type TestStack } from './support/stack-harness';
import { asAdmin, TEST_ENV, TEST_IDENTITY } from './support/tokens';

const ROOT = resolve(__dirname, '..');
const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const variables = flagshipVariables(dataset);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 120_000);

afterAll(async () => {
  await stack?.shutdown();
});

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions: Record<string, any> }[]; extensions?: { cost?: CostExtension } };
}

interface CostExtension {
  estimated: number;
  limit: number;
  depth: { measured: number; limit: number };
  aliases: { measured: number; limit: number };
}

async function post(url: string, query: string, operationVariables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await asAdmin()) },
    body: JSON.stringify({ query, variables: operationVariables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const sitesAtAGlance = readFileSync(join(ROOT, 'examples', 'sites-at-a-glance.graphql'), 'utf8');
const adminTrials = `{ trials(first: 100) { edges { node { id nctId title sites { site { id name } } engagements { cro { name } } } } } }`;

// The sizes the SDL declares (docs/api.md's table), by hand: an object costs 1, a scalar 0.
const SITE_TRIALS = 50;
const SITE_MONITORING_VISITS = 200;
const TRIAL_SITES = 20;
const TRIAL_ENGAGEMENTS = 5;
const PATIENT_EXPERIENCE_WEIGHT = 5;

describe('the operations a frontend writes are accepted, and each answer says what it cost', () => {
  const operations = readdirSync(join(ROOT, 'operations')).filter((file) => file.endsWith('.graphql'));

  test.each(operations)('%s, with its estimate and every limit beside it', async (file) => {
    const { status, body } = await post(stack.gatewayUrl, readFileSync(join(ROOT, 'operations', file), 'utf8'), { ...variables });
    expect(body.errors ?? []).toEqual([]);
    expect(status).toBe(200);
    const cost = body.extensions!.cost!;
    expect(cost).toEqual({
      estimated: expect.any(Number),
      limit: 50000,
      depth: { measured: expect.any(Number), limit: 10 },
      aliases: { measured: expect.any(Number), limit: 15 },
    });
    // Every flagship asks for at least one object, and the flagships stay well within the limits.
    expect(cost.estimated).toBeGreaterThan(0);
    expect(cost.estimated).toBeLessThanOrEqual(cost.limit);
    expect(cost.depth.measured).toBeGreaterThanOrEqual(3);
    expect(cost.depth.measured).toBeLessThanOrEqual(cost.depth.limit);
  });

  test.each([1, 20, 100])("the README's site at a glance for a page of %i sites, in named fragments, costs 2 + 358 a site", async (first) => {
    const { status, body } = await post(stack.gatewayUrl, sitesAtAGlance, { countryCode: variables.countryCode, first });
    expect(body.errors ?? []).toEqual([]);
    expect(status).toBe(200);
    expect(body.data.sites.edges.length).toBeGreaterThan(0);
    expect(body.data.sites.edges.length).toBeLessThanOrEqual(first);
    // A site: its edge and node, its address, each of its trials with the trial and its sponsor,
    // each monitoring visit, and its patient experience.
    const perSite = 1 + 1 + 1 + SITE_TRIALS * 3 + SITE_MONITORING_VISITS + PATIENT_EXPERIENCE_WEIGHT;
    expect(perSite).toBe(358);
    // The connection and its pageInfo, then a site per `first`.
    expect(body.extensions!.cost!.estimated).toBe(2 + first * perSite);
    // The deepest path, fragments flattened: sites.edges.node.trials.trial.sponsor.name.
    expect(body.extensions!.cost!.depth.measured).toBe(7);
  });

  test("an admin's page of 100 trials with each trial's sites and CROs is accepted, its estimate from first and the declared sizes", async () => {
    const { status, body } = await post(stack.gatewayUrl, adminTrials);
    expect(body.errors ?? []).toEqual([]);
    expect(status).toBe(200);
    expect(body.data.trials.edges.length).toBeGreaterThan(0);
    // A trial: its edge and node, each of its sites with the site, each engagement with its CRO.
    expect(body.extensions!.cost!.estimated).toBe(1 + 100 * (1 + 1 + TRIAL_SITES * 2 + TRIAL_ENGAGEMENTS * 2));
  });
});

describe('a refusal says what to change', () => {
  const visitsOfEverySite = `query Visits($first: Int) { sites(first: $first) { edges { node { id monitoringVisits { kind engagement { cro { name } } } } } } }`;

  test('a page of 100 sites with every monitoring visit and its CRO names first and the visits as what to reduce', async () => {
    const { status, body } = await post(stack.gatewayUrl, visitsOfEverySite, { first: 100 });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    const [error] = body.errors!;
    const estimated = 1 + 100 * (1 + 1 + SITE_MONITORING_VISITS * (1 + 1 + 1));
    expect(error.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', measured: estimated, limit: 50000 });
    expect(error.message).not.toMatch(/syntax/i);
    expect(error.message).toContain(`estimated cost is ${estimated}, over the limit of 50000`);
    expect(error.message).toContain('sites(first: 100) ×100 repeats everything under it 100 times');
    expect(error.message).toMatch(/sites\(first: 100\)[^;]*: lower first/);
    expect(error.message).toContain('sites.edges.node.monitoringVisits ×200');
    expect(error.message).toMatch(/monitoringVisits ×200[^;]*: ask for fewer fields under it/);
    // The numbers come with the refusal too, so the author sees how far over it is.
    expect(body.extensions?.cost).toMatchObject({ estimated, limit: 50000 });
  });

  test('the same operation on a page the estimate allows is answered', async () => {
    // (limit - 1) / (3 * 200 + 2) sites: 83.
    const first = Math.floor((50000 - 1) / (SITE_MONITORING_VISITS * 3 + 2));
    const { status, body } = await post(stack.gatewayUrl, visitsOfEverySite, { first });
    expect(body.errors ?? []).toEqual([]);
    expect(status).toBe(200);
    expect(body.extensions!.cost!.estimated).toBeLessThanOrEqual(50000);
    const refused = await post(stack.gatewayUrl, visitsOfEverySite, { first: first + 1 });
    expect(refused.body.errors![0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });
});

test('production answers carry no cost extension; its refusals still give the numbers', async () => {
  const config = gatewayConfig({ ...TEST_ENV, NODE_ENV: 'production' });
  const gateway = await buildGateway({
    subgraphUrls: stack.subgraphUrls,
    supergraphFile: partySupergraphFile(),
    limits: config.limits,
    identity: identityVerifier(TEST_IDENTITY),
  });
  const listening = await listen(gateway.app, 0);
  try {
    const accepted = await post(listening.url, adminTrials);
    expect(accepted.body.errors ?? []).toEqual([]);
    expect(accepted.body.extensions?.cost).toBeUndefined();
    const refused = await post(listening.url, `{ sites(first: 100) { edges { node { monitoringVisits { engagement { cro { name } } } } } } }`);
    expect(refused.body.extensions?.cost).toBeUndefined();
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 50000, measured: expect.any(Number) });
  } finally {
    await listening.close();
    await gateway.stop();
  }
});
