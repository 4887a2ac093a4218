// Hive Gateway in front of our four subgraphs, in place of our own gateway: the committed
// schema/supergraph.graphql as it is, with what our gateway does for every request configured here.
// gateway.config.ts (beside this file) is what `hive-gateway supergraph` loads; the test
// test/hive-gateway.test.ts runs this same configuration against the running subgraphs.
import {
  createInlineSigningKeyProvider,
  createRemoteJwksSigningKeyProvider,
  type GatewayCLISupergraphConfig,
  type GatewayCLIBuiltinPluginConfig,
  type GatewayPlugin,
  type JWTAuthPluginOptions,
} from '@graphql-hive/gateway';
import { existsSync } from 'node:fs';
import { MANIFEST_FILE, readManifest } from '../../gateway/operation-manifest';
import { gatewayConfig, type GatewayConfig, isProduction, PARTIES, type Env } from '../../platform/config';
import { identityConfig } from '../../platform/identity';
import { fetchRequestId, REQUEST_ID_HEADER, requestIdFrom } from '../../platform/request-id';

/** What the `hive-gateway supergraph` command takes beside the supergraph (no usage reporting: we send none). */
export type HiveGatewayConfig = Omit<GatewayCLISupergraphConfig, 'supergraph' | 'reporting'> & GatewayCLIBuiltinPluginConfig;

/**
 * The token check at the edge, with the keys our services use (platform/identity.ts): the identity
 * provider's JWKS with its issuer and audience in production, else the shared HS256 secret. The
 * subgraphs check the token again on every call; this only turns a bad token away sooner.
 */
export function edgeTokenCheck(env: Env): JWTAuthPluginOptions {
  const identity = identityConfig(env);
  if (identity.kind === 'jwks') {
    return {
      signingKeyProviders: [createRemoteJwksSigningKeyProvider({ jwksUri: identity.jwksUrl })],
      // Hive checks tokens with jsonwebtoken, which has no EdDSA; our services also take EdDSA tokens.
      tokenVerification: { algorithms: ['RS256', 'PS256', 'ES256'], issuer: identity.issuer, audience: identity.audience },
      reject: { missingToken: true, invalidToken: true },
    };
  }
  return {
    signingKeyProviders: [createInlineSigningKeyProvider(new TextDecoder().decode(identity.secret))],
    tokenVerification: { algorithms: ['HS256'], issuer: identity.issuer, audience: identity.audience },
    reject: { missingToken: true, invalidToken: true },
  };
}

/**
 * What our gateway sends subgraphs as x-request-id (platform/request-id.ts): the caller's id (or the
 * one Hive made up and echoes to the caller) and a part unique to this request, the same on every
 * fetch of the request. Sent as it came, a caller repeating an id would share a subgraph's loaders
 * with its earlier request (subgraphs/shared/request-contexts.ts) and could be given older rows.
 * Hive's own request-id feature (on by default) sets the header on each fetch first; this runs after it.
 */
export function subgraphRequestIds(): GatewayPlugin {
  const byRequest = new WeakMap<Request, string>();
  return {
    onFetch({ context, options, setOptions }) {
      // The gateway's own fetches (none with a supergraph read from a file) have no client request.
      if (!('request' in context)) return;
      const headers = (options.headers ?? {}) as Record<string, string>;
      let id = byRequest.get(context.request);
      if (!id) {
        id = fetchRequestId(requestIdFrom(headers[REQUEST_ID_HEADER] ?? context.request.headers.get(REQUEST_ID_HEADER) ?? undefined));
        byRequest.set(context.request, id);
      }
      setOptions({ ...options, headers: { ...headers, [REQUEST_ID_HEADER]: id } });
    },
  };
}

/**
 * The trusted documents of our gateway's manifest (operations/manifest.json, or
 * TRUSTED_DOCUMENTS_MANIFEST), looked up by the id a client sends (`documentId`, or Apollo's
 * `extensions.persistedQuery.sha256Hash`); with TRUSTED_DOCUMENTS_ONLY (production's default) no
 * other document runs. Unlike ours, Hive then refuses an operation's text even when it is in the manifest.
 */
export function manifestDocuments(settings: GatewayConfig['trustedDocuments']): HiveGatewayConfig['persistedDocuments'] {
  const file = settings.manifest ?? MANIFEST_FILE;
  if (!existsSync(file)) {
    if (settings.only) throw new Error(`Trusted documents only, and there is no manifest at ${file}: run npm run operations`);
    return undefined;
  }
  const bodies = new Map(readManifest(file).operations.map((operation) => [operation.id, operation.body]));
  return {
    getPersistedOperation: (id: string) => bodies.get(id.replace(/^sha256:/, '')) ?? null,
    allowArbitraryDocuments: !settings.only,
  };
}

/**
 * Hive Gateway configured as our gateway is, from the same environment variables: SITES_URL,
 * SPONSORS_URL, CROS_URL, INSIGHTS_URL (else localhost on the default ports), SUBGRAPH_TIMEOUT_MS,
 * OPERATION_MAX_*, TRUSTED_DOCUMENTS_* and AUTH_* for the token check (docs/configuration.md).
 */
export function hiveGatewayConfig(env: Env = process.env): HiveGatewayConfig {
  const ours = gatewayConfig(env);
  return {
    // Each subgraph where it runs, whatever routing_url the committed supergraph names.
    transportEntries: Object.fromEntries(PARTIES.map((party) => [party, { location: ours.subgraphUrls[party] }])),
    // The caller's token goes to every subgraph, which checks it and answers as that caller.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
    plugins: () => [subgraphRequestIds()],
    jwt: edgeTokenCheck(env),
    upstreamTimeout: ours.subgraphTimeoutMs,
    // The same limits as ours, where Hive has one (docs/production.md says which it has not).
    maxTokens: ours.limits.maxTokens,
    maxDepth: ours.limits.maxDepth,
    demandControl: { maxCost: ours.limits.maxCost, listSize: ours.limits.defaultListSize },
    persistedDocuments: manifestDocuments(ours.trustedDocuments),
    // As our gateway in production (NODE_ENV=production): no schema to strangers.
    ...(isProduction(env) ? { disableIntrospection: {}, blockFieldSuggestions: true } : {}),
  };
}
