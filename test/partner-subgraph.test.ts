// A partner's subgraph, on another GraphQL server (Yoga) and in another process, composed with our
// four and called through a gateway as real callers are: its fields beside ours, its own rules, its
// own token check, one batch read per request.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { buildGateway, type GatewayService } from '../gateway/gateway';
import { PARTIES } from '../platform/config';
import { listen, type Listening } from '../platform/http';
import { identityVerifier, signDevelopmentToken, identityConfig } from '../platform/identity';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import type { PartnerRecords } from '../examples/partner-subgraph/store';
import { startTestStack, type TestStack } from './support/stack-harness';
import { PARTNER_SDL, startPartnerSubgraph, type RunningPartner } from './support/partner';
import { postGraphQL } from './support/subgraph-harness';
import { as, asAdmin, TEST_IDENTITY } from './support/tokens';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const { siteId } = flagshipVariables(dataset);
const otherSite = dataset.sites.find((site) => site.id !== siteId)!;
const edcTrial = dataset.trials[0];
const otherSponsor = dataset.sponsors.find((sponsor) => sponsor.id !== edcTrial.sponsorId)!;

/** The partner's own records: the flagship site and every other site but one have an integration. */
const withoutIntegration = dataset.sites.find((site) => site.id !== siteId && site.id !== otherSite.id)!;
const records: PartnerRecords = {
  ehrIntegrations: dataset.sites
    .filter((site) => site.id !== withoutIntegration.id)
    .map((site, i) => ({
      siteId: site.id,
      system: (['EPIC', 'CERNER', 'MEDITECH', 'OTHER'] as const)[i % 4],
      status: site.id === siteId ? 'LIVE' : 'IN_PROGRESS',
      goLiveDate: site.id === siteId ? '2025-03-17' : null,
      updatedOn: '2025-03-17',
    })),
  edcIntegrations: [
    { trialId: edcTrial.id, sponsorId: edcTrial.sponsorId, edcSystem: 'MEDIDATA_RAVE', status: 'LIVE', mappedForms: 14, goLiveDate: '2025-06-30' },
  ],
};

let stack: TestStack;
let partner: RunningPartner;
let gateway: GatewayService;
let gatewayListening: Listening;

/** Our four SDL files and the partner's, composed with the partner at its real URL. */
function composeWithPartner(partnerUrl: string): string {
  const ours = PARTIES.map((party) => ({
    name: party,
    url: stack.subgraphUrls[party],
    typeDefs: parse(readFileSync(resolve(__dirname, '..', 'schema', `${party}.graphql`), 'utf8')),
  }));
  const result = composeServices([...ours, { name: 'ehr_partner', url: partnerUrl, typeDefs: parse(PARTNER_SDL) }]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

const query = async (operation: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
  postGraphQL(gatewayListening.url, operation, variables, headers);

beforeAll(async () => {
  [stack, partner] = await Promise.all([startTestStack(dataset), startPartnerSubgraph(records)]);
  gateway = await buildGateway({
    subgraphUrls: stack.subgraphUrls,
    supergraphSdl: composeWithPartner(partner.url),
    identity: identityVerifier(TEST_IDENTITY),
  });
  gatewayListening = await listen(gateway.app, 0);
}, 300_000);

afterAll(async () => {
  await gatewayListening?.close();
  await gateway?.stop();
  await partner?.stop();
  await stack?.shutdown();
});

const SITE_WITH_INTEGRATION = `query($id: ID!) {
  site(id: $id) { id name ehrIntegration { system status goLiveDate } trials { trial { id } } }
}`;

test('a site sees its own EHR integration beside its core fields and the trials it runs', async () => {
  const { data, errors } = await query(SITE_WITH_INTEGRATION, { id: siteId }, await as('SITE', siteId));
  expect(errors).toBeUndefined();
  const own = records.ehrIntegrations.find((record) => record.siteId === siteId)!;
  const site = dataset.sites.find((candidate) => candidate.id === siteId)!;
  expect(data.site).toMatchObject({ id: siteId, name: site.name, ehrIntegration: { system: own.system, status: 'LIVE', goLiveDate: '2025-03-17' } });
  const trialIds = dataset.trialSites.filter((row) => row.siteId === siteId).map((row) => row.trialId);
  expect(trialIds.length).toBeGreaterThan(0);
  expect(data.site.trials.map((row: { trial: { id: string } }) => row.trial.id).sort()).toEqual([...trialIds].sort());
});

test("a sponsor gets null and FORBIDDEN naming the partner's rule for a site's EHR integration, and the site's directory fields", async () => {
  const { data, errors } = await query(SITE_WITH_INTEGRATION, { id: siteId }, await as('SPONSOR', otherSponsor.id));
  expect(data.site.name).toBe(dataset.sites.find((site) => site.id === siteId)!.name);
  expect(data.site.ehrIntegration).toBeNull();
  expect(errors).toEqual([
    expect.objectContaining({ path: ['site', 'ehrIntegration'], extensions: expect.objectContaining({ code: 'FORBIDDEN', rule: 'ehr-integration-site-only' }) }),
  ]);
});

test('another site is refused alike, whether or not it has an integration (no telling who is a customer)', async () => {
  const ask = async (id: string) => (await query(SITE_WITH_INTEGRATION, { id }, await as('SITE', siteId))).errors?.map((error) => error.extensions?.rule);
  expect(await ask(otherSite.id)).toEqual(['ehr-integration-site-only']);
  expect(await ask(withoutIntegration.id)).toEqual(['ehr-integration-site-only']);
});

test('the trial sponsor sees the EDC integration it contracted; another sponsor gets FORBIDDEN', async () => {
  const operation = `query($id: ID) { trial(id: $id) { id title edcIntegration { edcSystem status mappedForms goLiveDate } } }`;
  const own = await query(operation, { id: edcTrial.id }, await as('SPONSOR', edcTrial.sponsorId));
  expect(own.errors).toBeUndefined();
  expect(own.data.trial).toEqual({
    id: edcTrial.id,
    title: edcTrial.title,
    edcIntegration: { edcSystem: 'MEDIDATA_RAVE', status: 'LIVE', mappedForms: 14, goLiveDate: '2025-06-30' },
  });
  // Another sponsor does not see the trial through the gateway (the sponsors subgraph's rule), so it
  // asks the partner directly, as anyone may: the partner's own rule refuses it.
  const partnerDirect = await postGraphQL(
    partner.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { edcIntegration { mappedForms } } } }`,
    { r: [{ __typename: 'Trial', id: edcTrial.id }] },
    await as('SPONSOR', otherSponsor.id),
  );
  expect(partnerDirect.data?._entities).toEqual([{ edcIntegration: null }]);
  expect(partnerDirect.errors?.map((error) => error.extensions?.rule)).toEqual(['edc-integration-sponsor']);
});

test('the partner answers 401 UNAUTHENTICATED without a token or with one it cannot verify', async () => {
  const forger = identityConfig({ AUTH_JWT_SECRET: 'a-secret-that-is-not-the-supergraph-one-0001' });
  const forged = await signDevelopmentToken(forger, { party: 'PLATFORM_ADMIN', orgId: 'platform' });
  const refused: Record<string, string>[] = [{}, { authorization: `Bearer ${forged}` }, { authorization: 'Basic abc' }];
  for (const headers of refused) {
    const response = await fetch(partner.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: `{ _entities(representations: [{ __typename: "Site", id: "${siteId}" }]) { ... on Site { ehrIntegration { status } } } }` }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
  }
});

test('without a token, a document that does not validate or parse is 401 too: no validation error tells a stranger the schema ("Did you mean ehrIntegration?")', async () => {
  for (const query of ['{ _entities(representations: []) { ... on Site { ehrIntegratio } } }', '{ _entities(']) {
    const response = await fetch(partner.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toEqual([{ message: 'Send a bearer token: Authorization: Bearer <JWT>', extensions: { code: 'UNAUTHENTICATED' } }]);
  }
});

test('the partner refuses a representation without its key as BAD_USER_INPUT, not a refusal naming "undefined"', async () => {
  const answer = await postGraphQL(
    partner.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { ehrIntegration { status } } } }`,
    { r: [{ __typename: 'Site' }] },
    await as('SITE', siteId),
  );
  expect(answer.errors).toEqual([
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'representations' }) }),
  ]);
  expect(JSON.stringify(answer)).not.toContain('undefined');
});

test('the partner refuses a body over 1 MB with 413 before reading it, and keeps answering', async () => {
  const response = await fetch(partner.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await as('SITE', siteId)) },
    body: JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(2 * 1024 * 1024) }),
  });
  expect(response.status).toBe(413);
  expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  const after = await postGraphQL(partner.url, '{ __typename }', {}, await as('SITE', siteId));
  expect(after).toEqual({ data: { __typename: 'Query' } });
});

test('the partner answers GET /health without a token', async () => {
  const response = await fetch(partner.url.replace(/\/graphql$/, '/health'));
  expect(response.status).toBe(200);
});

test("every site's EHR integration on a page of sites is read from the partner's store in one batch", async () => {
  const before = partner.reads().length;
  const { data, errors } = await query(
    `{ sites(first: 50) { edges { node { id ehrIntegration { status } } } } }`,
    {},
    await asAdmin(),
  );
  expect(errors).toBeUndefined();
  const nodes = data.sites.edges.map((edge: { node: { id: string; ehrIntegration: { status: string } | null } }) => edge.node);
  expect(nodes.length).toBe(Math.min(50, dataset.sites.length));
  expect(nodes.length).toBeGreaterThan(10);
  for (const node of nodes) {
    const record = records.ehrIntegrations.find((candidate) => candidate.siteId === node.id);
    expect(node.ehrIntegration).toEqual(record ? { status: record.status } : null);
  }
  expect(partner.reads().slice(before)).toEqual([{ table: 'ehrIntegrations', keys: nodes.length }]);
});

test('a site records its own EHR integration through the gateway and reads it back beside its name', async () => {
  const headers = await as('SITE', withoutIntegration.id);
  const recorded = await query(
    `mutation($input: RecordEhrIntegrationInput!) { recordEhrIntegration(input: $input) { id name ehrIntegration { system status goLiveDate } } }`,
    { input: { siteId: withoutIntegration.id, system: 'MEDITECH', status: 'LIVE', goLiveDate: '2026-04-01' } },
    headers,
  );
  expect(recorded.errors).toBeUndefined();
  const expected = { id: withoutIntegration.id, name: withoutIntegration.name, ehrIntegration: { system: 'MEDITECH', status: 'LIVE', goLiveDate: '2026-04-01' } };
  expect(recorded.data.recordEhrIntegration).toEqual(expected);
  const { data } = await query(`query($id: ID!) { site(id: $id) { id name ehrIntegration { system status goLiveDate } } }`, { id: withoutIntegration.id }, headers);
  expect(data.site).toEqual(expected);
});

test('a LIVE integration without its go-live date is refused, naming the field', async () => {
  const { errors } = await query(
    `mutation($input: RecordEhrIntegrationInput!) { recordEhrIntegration(input: $input) { id } }`,
    { input: { siteId, system: 'EPIC', status: 'LIVE' } },
    await as('SITE', siteId),
  );
  expect(errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.goLiveDate' }));
});

test("a sponsor may not record a site's EHR integration, and nothing changes", async () => {
  const { data, errors } = await query(
    `mutation($input: RecordEhrIntegrationInput!) { recordEhrIntegration(input: $input) { id } }`,
    { input: { siteId, system: 'OTHER', status: 'NOT_STARTED' } },
    await as('SPONSOR', otherSponsor.id),
  );
  expect(data?.recordEhrIntegration ?? null).toBeNull();
  expect(errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  expect(errors?.[0].extensions?.rule).toBe('ehr-writes-own-site');
  const after = await query(`query($id: ID!) { site(id: $id) { ehrIntegration { system status } } }`, { id: siteId }, await as('SITE', siteId));
  expect(after.data.site.ehrIntegration).toEqual({ system: records.ehrIntegrations.find((r) => r.siteId === siteId)!.system, status: 'LIVE' });
});
