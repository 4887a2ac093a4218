// A partner goes live without a restart: the gateway serves the supergraph from a file it watches,
// takes each new one written there (or keeps the old one when the new one is broken), names the
// supergraph it serves and every subgraph in it, partners too, on /health, and a partner that
// fails is an error on its own fields that names it, logged with the caller's request id.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { graphql, parse } from 'graphql';
import pino from 'pino';
import { buildGateway, type GatewayService, healthUrl } from '../gateway/gateway';
import { identityVerifier } from '../platform/identity';
import { supergraphHash } from '../gateway/supergraph-source';
import { listen, type Listening } from '../platform/http';
import { logger } from '../platform/logger';
import { generateDemoDataset } from '../seed/generate';
import { partySubgraphs, partySupergraph } from './support/party-supergraph';
import { startTestStack, type TestStack } from './support/stack-harness';
import { asAdmin, TEST_IDENTITY } from './support/tokens';

const PARTNER = 'ehr-vendor';
const PARTNER_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Site @key(fields: "id") {
    id: ID!
    "The electronic health record system the site runs, as the EHR vendor knows it."
    ehrSystem: String
  }`;
const CORE_AND_PARTNER = '{ sites(first: 3) { edges { node { id name ehrSystem } } } }';

/** How the partner answers: as a subgraph does, or as it does when it is down behind a proxy. */
type PartnerMode = 'up' | 'not-found' | 'server-error' | 'not-json' | 'internal-error';

let stack: TestStack;
let partner: Listening;
let partnerMode: PartnerMode = 'up';
/** While set, the partner holds each GraphQL request until it resolves. */
let partnerHold: Promise<void> | null = null;
let partnerReceived: () => void = () => {};
let directory: string;
let supergraphFile: string;
const logLines: Record<string, any>[] = [];
/** Our four subgraphs' supergraph, what the gateway serves before any partner. */
const committed = partySupergraph();

/** Our four subgraphs and the partner, composed: the partner's routing URL is one no one answers. */
function supergraphWithPartner(sdl = PARTNER_SDL): string {
  const subgraphs = [...partySubgraphs(), { name: PARTNER, url: 'http://ehr-vendor.invalid/graphql', sdl }];
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

/** Replaces the supergraph file as a deployment does: written beside it, then moved over it. */
function publish(sdl: string | Buffer): void {
  const next = join(directory, 'supergraph.graphql.next');
  writeFileSync(next, sdl);
  renameSync(next, supergraphFile);
}

async function health(): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL('/health', stack.gatewayUrl));
  return { status: response.status, body: await response.json() };
}

/** Waits until the gateway serves the supergraph with this hash (it reloads on its own, a moment after the write). */
async function servedHash(hash: string): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    if ((await health()).body.supergraph?.hash === hash) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the gateway never served supergraph ${hash}; /health says ${JSON.stringify((await health()).body)}`);
}

/** Waits for a log line that `match` accepts. */
async function logged(match: (line: Record<string, any>) => boolean): Promise<Record<string, any>> {
  for (let tries = 0; tries < 300; tries++) {
    const line = logLines.find(match);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no such log line among ${logLines.length}`);
}

async function ask(query: string): Promise<{ requestId: string | null; body: any }> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await asAdmin()) },
    body: JSON.stringify({ query }),
  });
  return { requestId: response.headers.get('x-request-id'), body: await response.json() };
}

beforeAll(async () => {
  // Every line the services log, as written: the gateway's and the subgraphs' loggers share one stream.
  const stream = (logger as any)[pino.symbols.streamSym] as { write(line: string): boolean };
  const write = stream.write.bind(stream);
  jest.spyOn(stream, 'write').mockImplementation((line: string) => {
    const entry = JSON.parse(line);
    logLines.push(entry);
    // Info lines (reloads, requests) are kept for the assertions; warnings and errors still show.
    return entry.level >= 40 ? write(line) : true;
  });
  logger.level = 'info';

  const schema = buildSubgraphSchema({
    typeDefs: parse(PARTNER_SDL),
    resolvers: {
      Site: {
        __resolveReference: (site: { id: string }) => site,
        ehrSystem: async (site: { id: string }) => {
          partnerReceived();
          await partnerHold;
          return `EpicCare at ${site.id}`;
        },
      },
    },
  });
  const app = express();
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.post('/graphql', express.json(), async (req, res) => {
    if (partnerMode === 'not-found') return void res.status(404).type('text/html').send('<h1>No such service</h1>');
    if (partnerMode === 'server-error') return void res.status(500).json({ errors: [{ message: 'database gone' }] });
    if (partnerMode === 'not-json') return void res.status(200).type('text/html').send('<h1>Maintenance</h1>');
    if (partnerMode === 'internal-error') {
      // What a subgraph that masks its own failures answers (GraphQL Yoga, or ours): a code, no detail.
      const representations = (req.body.variables?.representations ?? []) as unknown[];
      return void res.json({
        data: { _entities: representations.map(() => ({ ehrSystem: null })) },
        errors: representations.map((_, i) => ({ message: 'Unexpected error.', path: ['_entities', i, 'ehrSystem'], extensions: { code: 'INTERNAL_SERVER_ERROR' } })),
      });
    }
    res.json(await graphql({ schema, source: req.body.query, variableValues: req.body.variables }));
  });
  partner = await listen(app, 0);

  directory = mkdtempSync(join(tmpdir(), 'hot-reload-'));
  supergraphFile = join(directory, 'supergraph.graphql');
  writeFileSync(supergraphFile, committed);
  const dataset = generateDemoDataset({ seed: 5, scale: 0.1 });
  // The partner's routing URL in the supergraph answers nothing: EHR_VENDOR_URL says where it is.
  stack = await startTestStack(dataset, { SUPERGRAPH_FILE: supergraphFile, EHR_VENDOR_URL: partner.url });
});

afterAll(async () => {
  await stack?.shutdown();
  await partner?.close();
  rmSync(directory, { recursive: true, force: true });
  jest.restoreAllMocks();
  logger.level = process.env.LOG_LEVEL ?? 'warn';
});

test('the gateway starts on the file it is given and /health names its hash, when it was loaded and our four subgraphs', async () => {
  const { status, body } = await health();
  expect(status).toBe(200);
  expect(body.supergraph).toEqual({ hash: supergraphHash(committed), loadedAt: expect.any(String) });
  expect(Date.parse(body.supergraph.loadedAt)).not.toBeNaN();
  expect(Object.keys(body.subgraphs).sort()).toEqual(['cros', 'insights', 'sites', 'sponsors']);
});

test('a supergraph with a partner written to the file is served without a restart: its field answers, /health names it', async () => {
  const withPartner = supergraphWithPartner();
  publish(withPartner);
  await servedHash(supergraphHash(withPartner));

  const { body } = await ask(CORE_AND_PARTNER);
  expect(body.errors).toBeUndefined();
  const sites = body.data.sites.edges.map((edge: any) => edge.node);
  expect(sites).toHaveLength(3);
  for (const site of sites) expect(site.ehrSystem).toBe(`EpicCare at ${site.id}`);

  const { status, body: healthBody } = await health();
  expect(status).toBe(200);
  expect(healthBody.subgraphs).toEqual({ sites: 'ok', sponsors: 'ok', cros: 'ok', insights: 'ok', [PARTNER]: 'ok' });
  const reload = await logged((line) => line.to === supergraphHash(withPartner));
  expect(reload).toMatchObject({ from: supergraphHash(committed), added: [PARTNER], removed: [] });
});

test('a request in flight while a new supergraph is taken completes', async () => {
  let release!: () => void;
  partnerHold = new Promise((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (partnerReceived = resolve));
  const inFlight = ask(CORE_AND_PARTNER);
  await arrived;

  // The partner adds a field while the request waits on it.
  const next = supergraphWithPartner(PARTNER_SDL.replace('ehrSystem: String', 'ehrSystem: String\n    ehrVersion: String'));
  publish(next);
  await servedHash(supergraphHash(next));
  release();
  partnerHold = null;

  const { body } = await inFlight;
  expect(body.errors).toBeUndefined();
  expect(body.data.sites.edges.map((edge: any) => edge.node.ehrSystem)).toEqual(body.data.sites.edges.map((edge: any) => `EpicCare at ${edge.node.id}`));
});

test.each([
  ['SDL that does not parse', 'type Query {', /Syntax Error/],
  ['a subgraph schema, not a supergraph', PARTNER_SDL, /not a supergraph/],
])('a file holding %s is logged with the reason and the old supergraph keeps answering', async (_what, sdl, reason) => {
  const before = (await health()).body.supergraph.hash;
  publish(sdl);
  const line = await logged((entry) => entry.msg?.startsWith('new supergraph not loaded') && reason.test(entry.reason));
  expect(line).toMatchObject({ supergraph: before, source: supergraphFile });

  expect((await health()).body.supergraph.hash).toBe(before);
  const { body } = await ask(CORE_AND_PARTNER);
  expect(body.errors).toBeUndefined();
  expect(body.data.sites.edges[0].node.ehrSystem).toMatch(/^EpicCare at /);
});

test('a file whose bytes are not UTF-8 (a comment saved as Latin-1) is logged as such, not served with U+FFFD in it', async () => {
  const before = (await health()).body.supergraph.hash;
  publish(Buffer.concat([Buffer.from('# Caf\u00e9 edition\n', 'latin1'), readFileSync(supergraphFile)]));
  const line = await logged((entry) => entry.msg?.startsWith('new supergraph not loaded') && /is not UTF-8 text \(a byte that is not UTF-8 on line 1\)/.test(entry.reason));
  expect(line).toMatchObject({ supergraph: before, source: supergraphFile });
  expect((await health()).body.supergraph.hash).toBe(before);
});

test("a subgraph's health is checked beside its GraphQL path: /graphql's sibling, or /health for one served at its root", () => {
  expect(healthUrl('http://localhost:4001/graphql')).toBe('http://localhost:4001/health');
  expect(healthUrl('https://ehr.example/api/graphql/')).toBe('https://ehr.example/api/health');
  expect(healthUrl('https://ehr.example/')).toBe('https://ehr.example/health');
  expect(healthUrl('https://ehr.example')).toBe('https://ehr.example/health');
});

describe('a partner whose service fails on its side (it answers INTERNAL_SERVER_ERROR)', () => {
  beforeAll(async () => {
    const withPartner = supergraphWithPartner();
    publish(withPartner);
    await servedHash(supergraphHash(withPartner));
    partnerMode = 'internal-error';
  });

  afterAll(() => {
    partnerMode = 'up';
  });

  test('is an error on each of its fields naming it, and the log line names the request id the caller was given', async () => {
    const { requestId, body } = await ask(CORE_AND_PARTNER);
    const sites = body.data.sites.edges.map((edge: any) => edge.node);
    for (const site of sites) expect(site).toEqual({ id: expect.any(String), name: expect.any(String), ehrSystem: null });
    expect(body.errors).toHaveLength(sites.length);
    body.errors.forEach((error: any, i: number) =>
      expect(error).toEqual({
        message: expect.stringContaining(`in the ${PARTNER} subgraph`),
        path: ['sites', 'edges', i, 'node', 'ehrSystem'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph: PARTNER },
      }),
    );
    const line = await logged((entry) => entry.requestId === requestId && entry.msg === 'unexpected error');
    expect(line).toMatchObject({ subgraph: PARTNER, path: ['sites', 'edges', 0, 'node', 'ehrSystem'] });
  });
});

describe.each<[string, PartnerMode | 'stopped']>([
  ['answers 404 from a proxy in front of it', 'not-found'],
  ['answers HTTP 500', 'server-error'],
  ['answers a page that is not JSON', 'not-json'],
  ['is stopped (connection refused)', 'stopped'],
])('a partner that %s', (_what, mode) => {
  beforeAll(async () => {
    // Back to a supergraph with the partner after the broken files above.
    const withPartner = supergraphWithPartner();
    publish(withPartner);
    await servedHash(supergraphHash(withPartner));
    if (mode === 'stopped') await partner.close();
    else partnerMode = mode;
  });

  afterAll(() => {
    partnerMode = 'up';
  });

  test('costs only its own fields: an error on each, with a code naming it, and the core fields answer', async () => {
    const { body } = await ask(CORE_AND_PARTNER);
    const sites = body.data.sites.edges.map((edge: any) => edge.node);
    expect(sites).toHaveLength(3);
    for (const site of sites) {
      expect(site.name).toEqual(expect.any(String));
      expect(site.ehrSystem).toBeNull();
    }
    expect(body.errors).toHaveLength(3);
    body.errors.forEach((error: any, i: number) =>
      expect(error).toMatchObject({
        message: expect.stringContaining(PARTNER),
        path: ['sites', 'edges', i, 'node', 'ehrSystem'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: PARTNER },
      }),
    );
  });

  test("the gateway's log line for the failure carries the request id the caller was given", async () => {
    const { requestId, body } = await ask(CORE_AND_PARTNER);
    expect(body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(requestId).toEqual(expect.any(String));
    const line = await logged((entry) => entry.requestId === requestId && entry.subgraph === PARTNER);
    expect(line.level).toBe(40);
  });

  if (mode === 'stopped') {
    test('/health answers 503 naming it', async () => {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.down).toEqual([PARTNER]);
      expect(body.subgraphs).toMatchObject({ sites: 'ok', sponsors: 'ok', cros: 'ok', insights: 'ok', [PARTNER]: expect.stringMatching(/^unreachable/) });
    });
  }
});

test('the partner taken out of the file again: its field is gone and /health is back to ok', async () => {
  publish(committed);
  await servedHash(supergraphHash(committed));

  const { body } = await ask(CORE_AND_PARTNER);
  expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
  expect((await ask('{ sites(first: 1) { edges { node { id name } } } }')).body.data.sites.edges).toHaveLength(1);

  const { status, body: healthBody } = await health();
  expect(status).toBe(200);
  expect(Object.keys(healthBody.subgraphs).sort()).toEqual(['cros', 'insights', 'sites', 'sponsors']);
  const reload = await logged((line) => line.to === supergraphHash(committed));
  expect(reload).toMatchObject({ removed: [PARTNER], added: [] });
});

describe('a gateway that polls a supergraph URL (SUPERGRAPH_URL)', () => {
  let registry: Listening;
  let polling: GatewayService;
  let pollingListening: Listening;
  let registrySdl = committed;
  let registryStatus = 200;
  const pollingHealth = async () => (await (await fetch(new URL('/health', pollingListening.url))).json()) as any;
  const pollingServes = async (hash: string) => {
    for (let tries = 0; tries < 300 && (await pollingHealth()).supergraph.hash !== hash; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await pollingHealth()).supergraph.hash).toBe(hash);
  };

  beforeAll(async () => {
    const app = express();
    app.get('/supergraph.graphql', (_req, res) => void res.status(registryStatus).type('text/plain').send(registrySdl));
    registry = await listen(app, 0, { path: '/supergraph.graphql' });
    polling = await buildGateway({
      subgraphUrls: stack.subgraphUrls,
      supergraphUrl: registry.url,
      supergraphPollIntervalMs: 100,
      identity: identityVerifier(TEST_IDENTITY),
    });
    pollingListening = await listen(polling.app, 0);
  });

  afterAll(async () => {
    await pollingListening?.close();
    await polling?.stop();
    await registry?.close();
  });

  test('starts on what the URL answers and takes what it answers next without a restart', async () => {
    expect((await pollingHealth()).supergraph.hash).toBe(supergraphHash(committed));
    registrySdl = supergraphWithPartner();
    await pollingServes(supergraphHash(registrySdl));
    expect(Object.keys((await pollingHealth()).subgraphs)).toContain(PARTNER);
  });

  test('a URL that answers an error status is logged with the reason and the old supergraph keeps serving', async () => {
    const before = (await pollingHealth()).supergraph.hash;
    registryStatus = 503;
    registrySdl = committed;
    const line = await logged((entry) => entry.source === registry.url && /HTTP 503/.test(entry.reason ?? ''));
    expect(line).toMatchObject({ supergraph: before });
    expect((await pollingHealth()).supergraph.hash).toBe(before);
    registryStatus = 200;
    await pollingServes(supergraphHash(committed));
  });
});
