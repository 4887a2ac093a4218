// The example partner checks tokens as our services do, from the same settings: npm start's
// development secret file, a shared secret, or an identity provider's JWKS, and refuses to start
// on a configuration that would let any token in.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { identityConfig, signDevelopmentToken } from '../platform/identity';
import { startPartnerSubgraph, type RunningPartner } from './support/partner';
import { tokenFor } from './support/tokens';

const NO_RECORDS = { ehrIntegrations: [], edcIntegrations: [] };
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'partner-tokens-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The status and error codes of `{ __typename }` asked of the partner with this Authorization header. */
async function ask(partner: RunningPartner, authorization?: string) {
  const response = await fetch(partner.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, codes: body.errors?.map((error) => error.extensions?.code) ?? [], data: body.data };
}

describe('development: the secret npm start keeps in DATA_DIR/jwt-secret', () => {
  let partner: RunningPartner;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir();
    // What npm start does first: make the development secret and keep it in DATA_DIR.
    identityConfig({ DATA_DIR: dataDir });
    partner = await startPartnerSubgraph(NO_RECORDS, { AUTH_JWT_SECRET: '', DATA_DIR: dataDir });
  }, 120_000);
  afterAll(() => partner?.stop());

  test("a token npm run token would print (signed with that secret) passes at the partner", async () => {
    const token = await signDevelopmentToken(identityConfig({ DATA_DIR: dataDir }), { party: 'SITE', orgId: 'site-0110' });
    expect(await ask(partner, `Bearer ${token}`)).toEqual({ status: 200, codes: [], data: { __typename: 'Query' } });
  });

  test('a token signed with another secret is 401 UNAUTHENTICATED', async () => {
    expect(await ask(partner, `Bearer ${await tokenFor('SITE', 'site-0110')}`)).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'] });
  });
});

test('with no secret set and no development secret file, the partner exits saying what to set', async () => {
  await expect(startPartnerSubgraph(NO_RECORDS, { AUTH_JWT_SECRET: '', DATA_DIR: tempDir() })).rejects.toThrow(
    /exited \(1\).*no development secret at .*jwt-secret: start the supergraph first \(npm start makes it\), or set AUTH_JWT_SECRET/s,
  );
}, 120_000);

test('in production with neither a JWKS nor a shared secret, the partner exits', async () => {
  await expect(startPartnerSubgraph(NO_RECORDS, { AUTH_JWT_SECRET: '', NODE_ENV: 'production' })).rejects.toThrow(
    /exited \(1\).*Set AUTH_JWKS_URL and AUTH_ISSUER, or AUTH_JWT_SECRET/s,
  );
}, 120_000);

test('a JWKS URL without an issuer is refused at start: tokens from any issuer would pass', async () => {
  await expect(startPartnerSubgraph(NO_RECORDS, { AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json' })).rejects.toThrow(/exited \(1\).*AUTH_ISSUER/s);
}, 120_000);

describe("production: keys from the identity provider's JWKS", () => {
  const ISSUER = 'https://idp.example.org/';
  const AUDIENCE = 'partnership-api';
  let jwks: Server;
  let partner: RunningPartner;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((ready) => jwks.listen(0, '127.0.0.1', ready));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    partner = await startPartnerSubgraph(NO_RECORDS, { AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, NODE_ENV: 'production' });
  }, 120_000);
  afterAll(async () => {
    await partner?.stop();
    await new Promise((done) => jwks.close(done));
  });

  const CLAIMS = { party: 'SPONSOR', org: 'sponsor-009', scope: 'read' };
  const rs256 = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
    build(
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setSubject('someone').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1h'),
    ).sign(keys.privateKey);

  test("a token signed with the provider's key, for our issuer and audience, passes", async () => {
    expect(await ask(partner, `Bearer ${await rs256(CLAIMS)}`)).toEqual({ status: 200, codes: [], data: { __typename: 'Query' } });
  });

  test.each([
    ['no token at all', async () => undefined],
    ['a development token (HS256 with the test secret)', async () => `Bearer ${await tokenFor('SPONSOR', 'sponsor-009')}`],
    ['an unsigned token (alg: none)', async () => `Bearer ${new UnsecuredJWT({ ...CLAIMS, sub: 'x' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').encode()}`],
    ['a token for another audience', async () => `Bearer ${await rs256(CLAIMS, (jwt) => jwt.setAudience('someone-else'))}`],
    ['a token from another issuer', async () => `Bearer ${await rs256(CLAIMS, (jwt) => jwt.setIssuer('https://elsewhere.example/'))}`],
    ['an expired token', async () => `Bearer ${await rs256(CLAIMS, (jwt) => jwt.setExpirationTime('-1m'))}`],
    ['a token without a party', async () => `Bearer ${await rs256({ ...CLAIMS, party: undefined })}`],
    ['a token without an organisation', async () => `Bearer ${await rs256({ ...CLAIMS, org: undefined })}`],
  ])('%s is 401 UNAUTHENTICATED, with no data', async (_name, authorization) => {
    expect(await ask(partner, await authorization())).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: undefined });
  });

  test("its schema, as ours in production, is a platform admin's: _service { sdl } FORBIDDEN to anyone else, introspection refused to all", async () => {
    const post = async (claims: Record<string, unknown>, query: string) => {
      const response = await fetch(partner.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await rs256(claims)}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string; rule?: string } }[] };
    };
    const asSponsor = await post(CLAIMS, '{ _service { sdl } }');
    expect(asSponsor.errors?.map((error) => [error.extensions?.code, error.extensions?.rule])).toEqual([['FORBIDDEN', 'subgraph-schema-admins']]);
    expect(asSponsor.data?._service ?? null).toBeNull();
    const asAdmin = await post({ party: 'PLATFORM_ADMIN', org: 'platform', scope: 'read' }, '{ _service { sdl } }');
    expect(asAdmin.data._service.sdl).toContain('ehrIntegration: EhrIntegration');
    for (const claims of [CLAIMS, { party: 'PLATFORM_ADMIN', org: 'platform', scope: 'read' }]) {
      const introspection = await post(claims, '{ __schema { types { name } } }');
      expect(introspection.data).toBeUndefined();
      expect(introspection.errors?.length).toBeGreaterThan(0);
      expect(new Set(introspection.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    }
  });

  test('a token without the read scope may not query: FORBIDDEN token-scope', async () => {
    const { status, codes } = await ask(partner, `Bearer ${await rs256({ ...CLAIMS, scope: 'write' })}`);
    expect({ status, codes }).toEqual({ status: 403, codes: ['FORBIDDEN'] });
  });
});
