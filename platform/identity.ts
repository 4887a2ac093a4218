// Who is calling: a JWT verified with jose, by the gateway and again by every subgraph.
import { createSecretKey, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ENV, type Env } from './config';

export const PARTY_KINDS = ['SITE', 'SPONSOR', 'CRO', 'PATIENT_ADVOCATE', 'PLATFORM_ADMIN'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** What a caller may do; a token carries them space-separated in `scope`, as OAuth 2 does. */
export const SCOPES = ['read', 'write'] as const;
export type Scope = (typeof SCOPES)[number];

/** The claims this API reads beside the registered ones (sub, iss, aud, exp). */
export const CLAIMS = { party: 'party', org: 'org', scope: 'scope' } as const;

export interface Caller {
  party: PartyKind;
  /** The organisation acting: a site, sponsor or CRO id, or an advocacy group's id. */
  orgId: string;
  scopes: string[];
  subject: string;
}

export const DEVELOPMENT_ISSUER = 'partnership-supergraph-dev';
export const DEFAULT_AUDIENCE = 'partnership-supergraph';
/** HS256 keys shorter than the hash are weak (RFC 7518 §3.2). */
const MIN_SECRET_BYTES = 32;

export type IdentityConfig =
  | { kind: 'secret'; secret: Uint8Array; issuer: string; audience: string }
  | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string };

/** Algorithms accepted for each kind of key: never `none`, never HS256 against a JWKS. */
const ALGORITHMS = {
  secret: ['HS256'],
  jwks: ['RS256', 'PS256', 'ES256', 'EdDSA'],
};

/**
 * Where a development secret is kept between runs when AUTH_JWT_SECRET is unset, so the tokens
 * npm start prints keep working after a restart. Null (a fresh secret each run) for :memory:.
 */
export function developmentSecretFile(env: Env = process.env): string | null {
  const dataDir = env[ENV.dataDir] ?? '.data';
  return dataDir === ':memory:' ? null : resolve(dataDir, 'jwt-secret');
}

function developmentSecret(env: Env): string {
  const file = developmentSecretFile(env);
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(MIN_SECRET_BYTES).toString('base64url');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return secret;
}

/**
 * How tokens are checked: against AUTH_JWKS_URL with AUTH_ISSUER and AUTH_AUDIENCE in production;
 * else with the shared secret AUTH_JWT_SECRET (HS256); else, outside production, with a development
 * secret kept in DATA_DIR/jwt-secret, made on first use.
 */
export function identityConfig(env: Env = process.env): IdentityConfig {
  const audience = env[ENV.authAudience] || DEFAULT_AUDIENCE;
  const jwksUrl = env[ENV.authJwksUrl];
  if (jwksUrl) {
    const issuer = env[ENV.authIssuer];
    if (!issuer) throw new Error(`${ENV.authJwksUrl} needs ${ENV.authIssuer}: tokens from any issuer would be accepted`);
    return { kind: 'jwks', jwksUrl, issuer, audience };
  }
  if (!env[ENV.authJwtSecret] && env[ENV.nodeEnv] === 'production') {
    // Each container would make a secret of its own, and no token would pass from one to the next.
    throw new Error(`Set ${ENV.authJwtSecret} or ${ENV.authJwksUrl}: production has no development secret`);
  }
  const secret = env[ENV.authJwtSecret] || developmentSecret(env);
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new Error(`${ENV.authJwtSecret} must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return { kind: 'secret', secret: new TextEncoder().encode(secret), issuer: env[ENV.authIssuer] || DEVELOPMENT_ISSUER, audience };
}

/** An `UNAUTHENTICATED` error: the HTTP layer answers it with status 401. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export type IdentityVerifier = (authorization: string | undefined) => Promise<Caller>;

function claimsToCaller(payload: JWTPayload): Caller {
  const party = payload[CLAIMS.party];
  const orgId = payload[CLAIMS.org];
  const scope = payload[CLAIMS.scope];
  if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthenticated('The token has no subject (sub claim)');
  if (typeof party !== 'string' || !(PARTY_KINDS as readonly string[]).includes(party)) {
    throw unauthenticated(`The token's ${CLAIMS.party} claim must be one of ${PARTY_KINDS.join(', ')}`);
  }
  if (typeof orgId !== 'string' || orgId === '') throw unauthenticated(`The token has no organisation (${CLAIMS.org} claim)`);
  if (typeof scope !== 'string') throw unauthenticated(`The token has no ${CLAIMS.scope} claim`);
  return { party: party as PartyKind, orgId, scopes: scope.split(' ').filter(Boolean), subject: payload.sub };
}

function describeFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature does not verify';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this API does not accept';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted: ${error.reason}`;
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'No key of the issuer matches the token';
  if (error instanceof joseErrors.JOSEError) return 'The token is malformed';
  return 'The token could not be verified';
}

/** jose takes a secret and a key set through two overloads: one verifier for each kind of key. */
function jwtVerifierFor(config: IdentityConfig, options: JWTVerifyOptions) {
  if (config.kind === 'secret') {
    // Made into a key once: given the bytes, jose makes a key object of them at every verification.
    const key = createSecretKey(config.secret);
    return (jwt: string) => jwtVerify(jwt, key, options);
  }
  const keys = createRemoteJWKSet(new URL(config.jwksUrl));
  return (jwt: string) => jwtVerify(jwt, keys, options);
}

/**
 * How long a verified token is taken on trust before its signature is checked again: never past
 * its expiry, and at most this long, which bounds how long a token signed with a key the identity
 * provider has since withdrawn from its key set is still accepted (jose's key set is refetched on
 * an unknown key, not on a withdrawn one, so the same bound held before for cached keys).
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** Tokens kept verified per process: a gateway request's token reaches every service several times. */
const VERIFIED_TOKENS_MAX = 1000;

/**
 * Checks a bearer token and returns the caller it names, or throws an `UNAUTHENTICATED` error.
 * A token that verified is remembered (VERIFIED_TOKEN_TTL_MS, and never past its `exp`): one
 * gateway request carries the same token to the gateway, each subgraph fetch and each relationship
 * check, six to seven verifications of the same bytes. A token that failed is never remembered.
 */
export function identityVerifier(config: IdentityConfig): IdentityVerifier {
  const options: JWTVerifyOptions = {
    algorithms: ALGORITHMS[config.kind],
    issuer: config.issuer,
    audience: config.audience,
    // A token without an expiry would be good forever.
    requiredClaims: ['exp'],
  };
  const verifyJwt = jwtVerifierFor(config, options);
  const verified = new LRUCache<string, Caller>({ max: VERIFIED_TOKENS_MAX });
  return async (authorization) => {
    if (!authorization) throw unauthenticated('Send a bearer token: Authorization: Bearer <JWT>');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <JWT>"');
    const jwt = match[1];
    const known = verified.get(jwt);
    if (known) return { ...known, scopes: [...known.scopes] };
    let payload: JWTPayload;
    try {
      ({ payload } = await verifyJwt(jwt));
    } catch (error) {
      throw unauthenticated(describeFailure(error));
    }
    const caller = claimsToCaller(payload);
    // exp is required and was checked: the entry goes when the token does, or sooner.
    const ttl = Math.min(VERIFIED_TOKEN_TTL_MS, (payload.exp as number) * 1000 - Date.now());
    if (ttl > 0) verified.set(jwt, caller, { ttl });
    return { ...caller, scopes: [...caller.scopes] };
  };
}

export interface TokenRequest {
  party: PartyKind;
  orgId: string;
  scopes?: readonly string[];
  /** jose time span, e.g. 1h, 30m, 7d. Default 1h. */
  ttl?: string;
  subject?: string;
}

/** A development token signed with the shared secret (HS256). */
export function signDevelopmentToken(config: IdentityConfig, request: TokenRequest): Promise<string> {
  if (config.kind !== 'secret') throw new Error('Tokens can only be made here with a shared secret; ask your identity provider');
  return new SignJWT({
    [CLAIMS.party]: request.party,
    [CLAIMS.org]: request.orgId,
    [CLAIMS.scope]: (request.scopes ?? SCOPES).join(' '),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? `${request.party.toLowerCase()}:${request.orgId}`)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? '1h')
    .sign(config.secret);
}
