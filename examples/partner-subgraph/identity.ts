// Who is calling, checked as the supergraph's own services check it: a JWT verified with jose,
// against the identity provider's JWKS in production or the shared development secret (HS256).
// A partner has none of our code, so this is written from the contract in docs/partners.md.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';

export const PARTY_KINDS = ['SITE', 'SPONSOR', 'CRO', 'PATIENT_ADVOCATE', 'PLATFORM_ADMIN'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface Caller {
  party: PartyKind;
  /** The organisation the caller acts for: for a SITE caller, the site's id. */
  orgId: string;
  scopes: string[];
  subject: string;
}

/** The supergraph's defaults when AUTH_ISSUER and AUTH_AUDIENCE are unset (development only for the issuer). */
const DEVELOPMENT_ISSUER = 'partnership-supergraph-dev';
const DEFAULT_AUDIENCE = 'partnership-supergraph';

export type TokenCheck =
  | { kind: 'secret'; secret: Uint8Array; issuer: string; audience: string }
  | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string };

type Env = Record<string, string | undefined>;

/**
 * How tokens are checked, from the same settings the supergraph reads: AUTH_JWKS_URL with
 * AUTH_ISSUER (and AUTH_AUDIENCE) in production; else the shared secret AUTH_JWT_SECRET; else,
 * outside production, the development secret npm start keeps in DATA_DIR/jwt-secret, so the
 * tokens it prints pass here too.
 */
export function tokenCheckFromEnv(env: Env = process.env): TokenCheck {
  const audience = env.AUTH_AUDIENCE || DEFAULT_AUDIENCE;
  if (env.AUTH_JWKS_URL) {
    if (!env.AUTH_ISSUER) throw new Error('AUTH_JWKS_URL needs AUTH_ISSUER: tokens from any issuer would be accepted');
    return { kind: 'jwks', jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience };
  }
  const secret = env.AUTH_JWT_SECRET || developmentSecret(env);
  return { kind: 'secret', secret: new TextEncoder().encode(secret), issuer: env.AUTH_ISSUER || DEVELOPMENT_ISSUER, audience };
}

function developmentSecret(env: Env): string {
  if (env.NODE_ENV === 'production') throw new Error('Set AUTH_JWKS_URL and AUTH_ISSUER, or AUTH_JWT_SECRET: production has no development secret');
  const dataDir = env.DATA_DIR ?? '.data';
  const file = resolve(dataDir, 'jwt-secret');
  if (dataDir === ':memory:' || !existsSync(file)) {
    throw new Error(
      `No AUTH_JWT_SECRET and no development secret at ${file}: start the supergraph first (npm start makes it), ` +
        'or set AUTH_JWT_SECRET to the secret the supergraph uses',
    );
  }
  return readFileSync(file, 'utf8').trim();
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } } },
  });
}

/** Never `none`, and never HS256 against a key set (a public key used as a shared secret). */
const ALGORITHMS = { secret: ['HS256'], jwks: ['RS256', 'PS256', 'ES256', 'EdDSA'] };

/** jose takes a secret and a key set through two overloads: one verifier for each. */
function jwtVerifierFor(check: TokenCheck, options: JWTVerifyOptions) {
  if (check.kind === 'secret') return (jwt: string) => jwtVerify(jwt, check.secret, options);
  const keys = createRemoteJWKSet(new URL(check.jwksUrl));
  return (jwt: string) => jwtVerify(jwt, keys, options);
}

export type CallerVerifier = (authorization: string | null) => Promise<Caller>;

/** Checks `Authorization: Bearer <JWT>` and returns the caller it names, or throws UNAUTHENTICATED. */
export function callerVerifier(check: TokenCheck): CallerVerifier {
  const options: JWTVerifyOptions = {
    algorithms: ALGORITHMS[check.kind],
    issuer: check.issuer,
    audience: check.audience,
    requiredClaims: ['exp'],
  };
  const verify = jwtVerifierFor(check, options);
  return async (authorization) => {
    if (!authorization) throw unauthenticated('Send a bearer token: Authorization: Bearer <JWT>');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <JWT>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(match[1]));
    } catch (error) {
      throw unauthenticated(error instanceof joseErrors.JWTExpired ? 'The token has expired' : 'The token does not verify');
    }
    return callerFromClaims(payload);
  };
}

/** The claims the supergraph's tokens carry beside sub, iss, aud and exp: party, org and scope. */
function callerFromClaims(payload: JWTPayload): Caller {
  const { sub, party, org, scope } = payload;
  if (typeof sub !== 'string' || sub === '') throw unauthenticated('The token has no subject (sub claim)');
  if (typeof party !== 'string' || !(PARTY_KINDS as readonly string[]).includes(party)) {
    throw unauthenticated(`The token's party claim must be one of ${PARTY_KINDS.join(', ')}`);
  }
  if (typeof org !== 'string' || org === '') throw unauthenticated('The token has no organisation (org claim)');
  if (typeof scope !== 'string') throw unauthenticated('The token has no scope claim');
  return { party: party as PartyKind, orgId: org, scopes: scope.split(' ').filter(Boolean), subject: sub };
}
