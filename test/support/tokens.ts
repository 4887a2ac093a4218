// Tokens for tests, signed with a fixed test secret the test stacks and subgraphs are configured with.
import { identityConfig, identityVerifier, type PartyKind, signDevelopmentToken, type TokenRequest } from '../../platform/identity';
import type { SubgraphAccess } from '../../subgraphs/shared/subgraph-service';

export const TEST_ENV = { AUTH_JWT_SECRET: 'test-secret-for-the-partnership-supergraph-0001' };
export const TEST_IDENTITY = identityConfig(TEST_ENV);

/** A signed token for a caller of this kind and organisation (scopes read and write unless given). */
export function tokenFor(party: PartyKind, orgId: string, options: Omit<TokenRequest, 'party' | 'orgId'> = {}): Promise<string> {
  return signDevelopmentToken(TEST_IDENTITY, { party, orgId, ...options });
}

/** Request headers that authenticate as this caller. */
export async function as(party: PartyKind, orgId: string, options: Omit<TokenRequest, 'party' | 'orgId'> = {}) {
  return { authorization: `Bearer ${await tokenFor(party, orgId, options)}` };
}

/** A platform admin sees everything: the caller for tests about data, not about access. */
export const asAdmin = () => as('PLATFORM_ADMIN', 'platform');

/** How a subgraph under test checks tokens, and where it asks its peers (none unless given). */
export function testAccess(peers: SubgraphAccess['peers'] = {}): SubgraphAccess {
  return { identity: identityVerifier(TEST_IDENTITY), peers };
}
