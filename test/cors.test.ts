// A page on another origin calling the gateway, as a browser does it: the preflight (OPTIONS, no
// token), then the actual request with the page's Origin, over HTTP with real headers. What a
// browser lets the page read is decided by the Access-Control-* headers asserted here.
import { buildGateway } from '../gateway/gateway';
import { gatewayConfig } from '../platform/config';
import { listen, type Listening } from '../platform/http';
import { identityVerifier } from '../platform/identity';
import { generateDemoDataset } from '../seed/generate';
import { partySupergraphFile } from './support/party-supergraph';
import { startTestStack, type TestStack } from './support/stack-harness';
import { asAdmin, TEST_ENV, TEST_IDENTITY } from './support/tokens';

const APP = 'https://app.example.org';
const ELSEWHERE = 'https://elsewhere.example.net';
const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(dataset, { CORS_ORIGINS: `${APP},https://admin.example.org` });
}, 120_000);

afterAll(async () => {
  await stack?.shutdown();
});

/** What a browser sends before a cross-origin POST of JSON with a token. */
const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,x-request-id',
    },
  });

const corsHeaders = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));

const SITES_QUERY = '{ sites(first: 2) { totalCount edges { node { id name } } } }';

async function postAs(origin: string, body: string, headers: Record<string, string> = {}) {
  return fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', ...(await asAdmin()), ...headers },
    body,
  });
}

describe('a page on a listed origin', () => {
  test('has its preflight answered without a token, naming its origin, credentials and the headers it may send', async () => {
    const response = await preflight(stack.gatewayUrl, APP);
    expect(response.status).toBe(204);
    const headers = corsHeaders(response);
    expect(headers['access-control-allow-origin']).toBe(APP);
    expect(headers['access-control-allow-credentials']).toBe('true');
    expect(headers['access-control-allow-methods']?.split(',')).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(headers['access-control-allow-headers']?.split(',').sort()).toEqual(
      ['apollo-require-preflight', 'authorization', 'content-type', 'x-request-id'],
    );
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  test('gets the data of its POST with a token, and may read the request id', async () => {
    const response = await postAs(APP, JSON.stringify({ query: SITES_QUERY }), { 'x-request-id': 'page-request-1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('x-request-id')).toBe('page-request-1');
    const body = (await response.json()) as { data: { sites: { totalCount: number; edges: { node: { id: string } }[] } } };
    expect(body.data.sites.edges).toHaveLength(2);
    expect(body.data.sites.totalCount).toBe(dataset.sites.length);
  });

  test.each([
    ['401 without a token', () => fetch(stack.gatewayUrl, { method: 'POST', headers: { origin: APP, 'content-type': 'application/json' }, body: JSON.stringify({ query: SITES_QUERY }) }), 401, 'UNAUTHENTICATED'],
    ['400 for a body that is no JSON', () => postAs(APP, '{"query": '), 400, 'BAD_REQUEST'],
    ['413 for a body over 1 MB', () => postAs(APP, JSON.stringify({ query: SITES_QUERY, padding: 'x'.repeat(1_100_000) })), 413, 'PAYLOAD_TOO_LARGE'],
    ['400 for an operation over the cost limit', () => postAs(APP, JSON.stringify({ query: '{ sites(first: 100) { edges { node { monitoringVisits { engagement { monitoringVisits { kind } } } } } } }' })), 400, 'COST_LIMIT_EXCEEDED'],
  ] as const)('can read a refusal: %s carries the CORS headers', async (_name, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe(code);
  });
});

describe('a page on any other origin', () => {
  test('gets no CORS header on its preflight, which never reaches the token check', async () => {
    const response = await preflight(stack.gatewayUrl, ELSEWHERE);
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({});
  });

  test('gets no CORS header on its POST, so its browser keeps the answer from it', async () => {
    const response = await postAs(ELSEWHERE, JSON.stringify({ query: SITES_QUERY }));
    expect(corsHeaders(response)).toEqual({});
    // A near miss of a listed origin is another origin.
    for (const origin of [`${APP}:8443`, 'http://app.example.org', 'https://app.example.org.elsewhere.example.net']) {
      expect(corsHeaders(await preflight(stack.gatewayUrl, origin))).toEqual({});
    }
  });
});

describe("Apollo Server's CSRF prevention stays on", () => {
  test('a simple cross-site POST (text/plain, no preflight) is refused before it runs', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'text/plain', ...(await asAdmin()) },
      body: JSON.stringify({ query: '{ sites(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });

  test('a GET query without a header that forces a preflight is refused; with apollo-require-preflight it runs', async () => {
    const url = `${stack.gatewayUrl}?query=${encodeURIComponent('{ sites(first: 1) { totalCount } }')}`;
    const refused = await fetch(url, { headers: { origin: APP, ...(await asAdmin()) } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/Cross-Site Request Forgery/);
    const allowed = await fetch(url, { headers: { origin: APP, 'apollo-require-preflight': 'true', ...(await asAdmin()) } });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { data: { sites: { totalCount: number } } }).data.sites.totalCount).toBe(dataset.sites.length);
  });
});

describe('the defaults, from the environment', () => {
  /** A gateway over the same subgraphs, configured from `env` as gateway/index.ts configures one. */
  async function gatewayFrom(env: Record<string, string>) {
    const config = gatewayConfig({ ...TEST_ENV, ...env });
    const gateway = await buildGateway({
      subgraphUrls: stack.subgraphUrls,
      supergraphFile: partySupergraphFile(),
      cors: config.cors,
      identity: identityVerifier(TEST_IDENTITY),
    });
    const listening: Listening = await listen(gateway.app, 0, { host: config.host });
    return { url: listening.url, stop: async () => (await listening.close(), await gateway.stop()) };
  }

  test('development lets a page served from this machine call, on any port, and nothing else', async () => {
    const gateway = await gatewayFrom({});
    try {
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000']) {
        expect(`${origin}: ${corsHeaders(await preflight(gateway.url, origin))['access-control-allow-origin']}`).toBe(`${origin}: ${origin}`);
      }
      for (const origin of [APP, 'https://localhost.example.net', 'http://localhost.example.net:5173']) {
        expect(corsHeaders(await preflight(gateway.url, origin))).toEqual({});
      }
    } finally {
      await gateway.stop();
    }
  });

  test('production lets no page call unless CORS_ORIGINS lists it', async () => {
    const gateway = await gatewayFrom({ NODE_ENV: 'production' });
    try {
      expect(corsHeaders(await preflight(gateway.url, 'http://localhost:5173'))).toEqual({});
    } finally {
      await gateway.stop();
    }
  });
});
