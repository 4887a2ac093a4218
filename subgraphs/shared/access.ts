// What a caller may see and do: the error a refusal carries, and the checks every subgraph shares.
// Each subgraph's own rules (who sees a trial, a site's capacity, an aggregate) live beside its
// resolvers; these are the pieces they are made of.
import { GraphQLError } from 'graphql';
import type { Caller, PartyKind } from '../../platform/identity';

/**
 * A `FORBIDDEN` error on the path of what the caller may not see or do. `rule` names the rule that
 * applied, so a caller (and a test) can tell which one refused it; the message says why in words.
 */
export function forbidden(rule: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', rule } });
}

export const isPlatformAdmin = (caller: Caller) => caller.party === 'PLATFORM_ADMIN';

/** True when the caller acts for this organisation as this kind of party. */
export const actsFor = (caller: Caller, party: PartyKind, orgId: string | null | undefined) =>
  caller.party === party && caller.orgId === orgId;

/** How a caller is named in a refusal: "SPONSOR sponsor-03". */
export const describeCaller = (caller: Caller) => `${caller.party} ${caller.orgId}`;

/** Throws unless the caller is one of the kinds of party a write is for (platform admins never write others' data). */
export function requireParty(caller: Caller, allowed: readonly PartyKind[], rule: string, what: string): void {
  if (!allowed.includes(caller.party)) {
    throw forbidden(rule, `Only ${allowed.join(' or ')} callers may ${what}; the caller is ${describeCaller(caller)}`);
  }
}
