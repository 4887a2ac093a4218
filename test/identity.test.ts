// Every door checks the token: the gateway and each subgraph called directly answer 401 with an
// UNAUTHENTICATED error to a missing, expired, forged, unsigned or incomplete token.
import { execFileSync } from 'node:child_process';
import { generateKeyPair, exportJWK, SignJWT, UnsecuredJWT } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { generateDemoDataset } from '../seed/generate';
import { PARTIES } from '../platform/config';
import { CLAIMS, DEFAULT_AUDIENCE, DEVELOPMENT_ISSUER, identityConfig, identityVerifier } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { TEST_ENV, tokenFor } from './support/tokens';

let stack: TestStack;
const secret = new TextEncoder().encode(TEST_ENV.AUTH_JWT_SECRET);

beforeAll(async () => {
  stack = await startTestStack(generateDemoDataset({ seed: 3, scale: 0.1 }));
});
afterAll(() => stack.shutdown());

/** Every door: the gateway, and each subgraph as a client calling it directly would. */
const doors = () => [['gateway', stack.gatewayUrl], ...PARTIES.map((party) => [party, stack.subgraphUrls[party]])];

async function post(url: string, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return { status: response.status, body: (await response.json()) as any, challenge: response.headers.get('www-authenticate') };
}

/** A token signed with the right secret, with the given claims instead of a complete set. */
function signed(claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt) {
  return build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(DEVELOPMENT_ISSUER).setAudience(DEFAULT_AUDIENCE)).sign(secret);
}
const COMPLETE = { [CLAIMS.party]: 'SPONSOR', [CLAIMS.org]: 'sponsor-01', [CLAIMS.scope]: 'read write' };
const valid = (jwt: SignJWT) => jwt.setSubject('someone').setExpirationTime('1h');

const BAD_TOKENS: [string, () => Promise<string | undefined>, RegExp][] = [
  ['no token at all', async () => undefined, /Send a bearer token/],
  ['a header that is not a bearer token', async () => 'Basic dXNlcjpwYXNz', /must be "Bearer <JWT>"/],
  ['a malformed token', async () => 'Bearer not.a.jwt', /malformed/],
  ['an expired token', async () => `Bearer ${await tokenFor('SPONSOR', 'sponsor-01', { ttl: '-1m' })}`, /expired/],
  [
    'a token signed with another secret',
    async () => `Bearer ${await new SignJWT(COMPLETE).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(DEVELOPMENT_ISSUER).setAudience(DEFAULT_AUDIENCE).setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-of-at-least-thirty-two-bytes'))}`,
    /signature does not verify/,
  ],
  [
    'an unsigned token (alg: none)',
    async () => `Bearer ${new UnsecuredJWT({ ...COMPLETE, sub: 'x' }).setIssuer(DEVELOPMENT_ISSUER).setAudience(DEFAULT_AUDIENCE).setExpirationTime('1h').encode()}`,
    /algorithm this API does not accept/,
  ],
  ['a token without an expiry', async () => `Bearer ${await signed(COMPLETE, (jwt) => jwt.setSubject('x'))}`, /exp/],
  ['a token for another audience', async () => `Bearer ${await signed(COMPLETE, (jwt) => valid(jwt).setAudience('someone-else'))}`, /aud/],
  ['a token without a party', async () => `Bearer ${await signed({ ...COMPLETE, [CLAIMS.party]: undefined }, valid)}`, /party claim must be one of/],
  ['a token with an unknown party', async () => `Bearer ${await signed({ ...COMPLETE, [CLAIMS.party]: 'HACKER' }, valid)}`, /party claim must be one of/],
  ['a token without an organisation', async () => `Bearer ${await signed({ ...COMPLETE, [CLAIMS.org]: undefined }, valid)}`, /no organisation/],
  ['a token without scopes', async () => `Bearer ${await signed({ ...COMPLETE, [CLAIMS.scope]: undefined }, valid)}`, /no scope claim/],
  ['a token without a subject', async () => `Bearer ${await signed(COMPLETE, (jwt) => jwt.setExpirationTime('1h'))}`, /no subject/],
];

test.each(BAD_TOKENS)('%s is refused with 401 UNAUTHENTICATED by the gateway and by every subgraph', async (_, token, reason) => {
  const authorization = await token();
  for (const [door, url] of doors()) {
    const { status, body, challenge } = await post(url, authorization);
    expect({ door, status, code: body.errors?.[0]?.extensions?.code }).toEqual({ door, status: 401, code: 'UNAUTHENTICATED' });
    expect(body.errors[0].message).toMatch(reason);
    expect(body.data).toBeUndefined();
    expect(challenge).toMatch(/^Bearer/);
  }
});

test('a valid token is accepted at every door', async () => {
  const authorization = `Bearer ${await tokenFor('SPONSOR', 'sponsor-01')}`;
  for (const [door, url] of doors()) {
    const { status, body } = await post(url, authorization);
    // The gateway in development adds the operation's estimated cost beside the data.
    const extensions = door === 'gateway' ? { extensions: { cost: expect.any(Object) } } : {};
    expect({ door, status, body }).toEqual({ door, status: 200, body: { data: { __typename: 'Query' }, ...extensions } });
  }
});

test('health endpoints answer without a token', async () => {
  expect((await fetch(stack.gatewayUrl.replace(/graphql$/, 'health'))).status).toBe(200);
  for (const party of PARTIES) expect((await fetch(stack.subgraphUrls[party].replace(/graphql$/, 'health'))).status).toBe(200);
});

test('a token without the read scope may not query, and one without write may not change anything', async () => {
  const writeOnly = { authorization: `Bearer ${await tokenFor('SITE', 'site-0001', { scopes: ['write'] })}` };
  const read = await stack.query('{ sites(first: 1) { totalCount } }', {}, writeOnly);
  expect(read.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'token-scope' });
  expect(read.data ?? null).toBeNull();

  const readOnly = { authorization: `Bearer ${await tokenFor('SITE', 'site-0001', { scopes: ['read'] })}` };
  const write = await stack.query('mutation { __typename }', {}, readOnly);
  expect(write.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'token-scope' });
});

describe('production identity: keys from the identity provider\'s JWKS', () => {
  let jwks: Server;
  let jwksUrl: string;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((ready) => jwks.listen(0, '127.0.0.1', ready));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((done) => jwks.close(done)));

  const env = () => ({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: 'https://idp.example.org/', AUTH_AUDIENCE: 'partnership-api' });
  const issued = (issuer: string) =>
    new SignJWT(COMPLETE)
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setSubject('analyst@sponsor')
      .setIssuer(issuer)
      .setAudience('partnership-api')
      .setExpirationTime('5m')
      .sign(keys.privateKey);

  test('a token the provider signed is accepted and names the caller', async () => {
    const verify = identityVerifier(identityConfig(env()));
    await expect(verify(`Bearer ${await issued('https://idp.example.org/')}`)).resolves.toEqual({
      party: 'SPONSOR',
      orgId: 'sponsor-01',
      scopes: ['read', 'write'],
      subject: 'analyst@sponsor',
    });
  });

  test('a token from another issuer, or one signed with the development secret, is refused', async () => {
    const verify = identityVerifier(identityConfig(env()));
    await expect(verify(`Bearer ${await issued('https://evil.example.org/')}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(verify(`Bearer ${await tokenFor('SPONSOR', 'sponsor-01')}`)).rejects.toMatchObject({
      message: 'The token is signed with an algorithm this API does not accept',
    });
  });

  test('a JWKS URL without an issuer is a configuration error, not an open door', () => {
    expect(() => identityConfig({ AUTH_JWKS_URL: jwksUrl })).toThrow(/AUTH_ISSUER/);
  });
});

test('a shared secret shorter than 32 bytes is refused at start', () => {
  expect(() => identityConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
});

test('npm run -s token prints only a token the services accept, signed with the data directory\'s secret', async () => {
  const dataDir = mkdtempSync(resolve(tmpdir(), 'token-'));
  try {
    const run = () =>
      execFileSync(process.execPath, [resolve(__dirname, '../node_modules/tsx/dist/cli.mjs'), 'scripts/token.ts', '--party', 'SITE', '--org', 'site-0007', '--scopes', 'read', '--ttl', '30m'], {
        cwd: resolve(__dirname, '..'),
        env: { ...process.env, DATA_DIR: dataDir, AUTH_JWT_SECRET: '' },
        encoding: 'utf8',
      });
    const output = run();
    expect(output).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const caller = await identityVerifier(identityConfig({ DATA_DIR: dataDir }))(`Bearer ${output.trim()}`);
    expect(caller).toMatchObject({ party: 'SITE', orgId: 'site-0007', scopes: ['read'] });
    // The secret is kept: a second token verifies with the same key.
    await expect(identityVerifier(identityConfig({ DATA_DIR: dataDir }))(`Bearer ${run().trim()}`)).resolves.toMatchObject({ orgId: 'site-0007' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('a verified token is remembered, never past what it says', () => {
  const verifier = () => identityVerifier({ kind: 'secret', secret, issuer: DEVELOPMENT_ISSUER, audience: DEFAULT_AUDIENCE });

  test('a token that verified is refused once it expires, at every door and by the verifier that accepted it', async () => {
    const verify = verifier();
    const shortLived = await signed({ ...COMPLETE, sub: 'analyst@sponsor' }, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) + 2));
    await expect(verify(`Bearer ${shortLived}`)).resolves.toMatchObject({ orgId: 'sponsor-01' });
    for (const [, url] of doors()) expect((await post(url, `Bearer ${shortLived}`)).status).toBe(200);
    await new Promise((wake) => setTimeout(wake, 2100));
    await expect(verify(`Bearer ${shortLived}`)).rejects.toMatchObject({ message: 'The token has expired' });
    for (const [door, url] of doors()) expect([door, (await post(url, `Bearer ${shortLived}`)).status]).toEqual([door, 401]);
  });

  test('the same claims under another signature are refused after the genuine token verified', async () => {
    const verify = verifier();
    const genuine = await signed({ ...COMPLETE, sub: 'analyst@sponsor' }, (jwt) => jwt.setExpirationTime('5m'));
    await expect(verify(`Bearer ${genuine}`)).resolves.toMatchObject({ orgId: 'sponsor-01' });
    const [header, payload, signature] = genuine.split('.');
    const forged = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    await expect(verify(`Bearer ${forged}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verify(`Bearer ${genuine}`)).resolves.toMatchObject({ orgId: 'sponsor-01' });
  });

  test('a caller handed out cannot change what the next request with the same token is given', async () => {
    const verify = verifier();
    const token = `Bearer ${await signed({ ...COMPLETE, sub: 'analyst@sponsor' }, (jwt) => jwt.setExpirationTime('5m'))}`;
    const first = await verify(token);
    first.scopes.push('admin');
    first.orgId = 'sponsor-02';
    await expect(verify(token)).resolves.toEqual({ party: 'SPONSOR', orgId: 'sponsor-01', scopes: ['read', 'write'], subject: 'analyst@sponsor' });
  });
});
