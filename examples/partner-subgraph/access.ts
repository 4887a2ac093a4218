// The vendor's own rules. The gateway checks who is calling but decides nothing about what these
// fields may show: a site's EHR integration is the site's business, an EDC transfer the contracting
// sponsor's. Every refusal is FORBIDDEN naming its rule, and never reveals the refused value.
import { GraphQLError } from 'graphql';
import type { Caller } from './identity';
import type { EdcIntegrationRecord } from './store';

/** The rules, as `extensions.rule` carries them. */
export const RULES = {
  ehrIntegrationSiteOnly: 'ehr-integration-site-only',
  edcIntegrationSponsor: 'edc-integration-sponsor',
  ehrWritesOwnSite: 'ehr-writes-own-site',
  tokenScope: 'token-scope',
  /** In production, as at our subgraphs: `_service { sdl }` for platform admins only. */
  subgraphSchema: 'subgraph-schema-admins',
} as const;

export function forbidden(rule: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', rule } });
}

const describe = (caller: Caller) => `${caller.party} ${caller.orgId}`;
const isAdmin = (caller: Caller) => caller.party === 'PLATFORM_ADMIN';

/** Queries need the token's read scope, mutations its write scope, as at every door of the supergraph. */
export function requireScope(caller: Caller, scope: 'read' | 'write'): void {
  if (!caller.scopes.includes(scope)) {
    throw new GraphQLError(`This token lacks the "${scope}" scope`, {
      extensions: { code: 'FORBIDDEN', rule: RULES.tokenScope, http: { status: 403 } },
    });
  }
}

/**
 * A site's integration: the site itself (a SITE token whose org is the site's id) and platform
 * admins. Checked before anything is read, and whether or not there is a record: a refusal for some
 * sites and null for others would tell a stranger which sites are our customers.
 */
export function requireEhrIntegrationReader(caller: Caller, siteId: string): void {
  if (isAdmin(caller) || (caller.party === 'SITE' && caller.orgId === siteId)) return;
  throw forbidden(RULES.ehrIntegrationSiteOnly, `Only site ${siteId} itself and platform admins see its EHR integration; the caller is ${describe(caller)}`);
}

/**
 * A trial's EDC transfer: the sponsor our own contract names, and platform admins. We know a
 * trial's sponsor only from our contracts, so any other caller is refused, contract or none.
 */
export function readEdcIntegration(caller: Caller, trialId: string, record: EdcIntegrationRecord | null): EdcIntegrationRecord | null {
  if (isAdmin(caller)) return record;
  if (record && caller.party === 'SPONSOR' && caller.orgId === record.sponsorId) return record;
  throw forbidden(
    RULES.edcIntegrationSponsor,
    `Only the sponsor that contracted trial ${trialId}'s EDC integration and platform admins see it; the caller is ${describe(caller)}`,
  );
}

/** Only a site writes its own integration: platform admins do not write a site's data either. */
export function requireOwnSite(caller: Caller, siteId: string): void {
  if (caller.party !== 'SITE' || caller.orgId !== siteId) {
    throw forbidden(RULES.ehrWritesOwnSite, `Only site ${siteId} itself records its EHR integration; the caller is ${describe(caller)}`);
  }
}
