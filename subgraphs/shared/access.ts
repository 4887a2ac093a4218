// What a caller may see and do. Every subgraph states its rules in its own access.ts as one policy
// object per request, built in the context factory, with the interface below: a newcomer who knows
// one subgraph's policy knows where the others' rules are. The checks they are made of are here too.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { GraphQLError } from 'graphql';
import type { Caller, PartyKind } from '../../platform/identity';
import { forbidden } from './errors';

/**
 * One subgraph's read rules for one request's caller.
 *
 * - `Records` maps what can be read (an entity, or a part of one such as a site's `capacity`) to
 *   the shape the check needs, e.g. `{ trial: Pick<TrialEntity, 'id' | 'sponsorId'> }`.
 * - `Lists` names the lists whose SQL the policy narrows, e.g. `'trials' | 'trialSitesOfSite'`.
 * - `Named` names the private records a caller can ask for by their id or key (sponsors: `trial`,
 *   by id or NCT id): those are read with `readNamed`, which refuses an id that names nothing as it
 *   refuses another party's record, so no caller learns which ids exist by reading them.
 *
 * Rules that depend on a relationship another party owns ask that owner (through `peers`, as the
 * caller), memoised for the request; `forget()` drops what was learnt, after a write.
 */
export interface AccessPolicy<
  Records extends Record<string, unknown>,
  Lists extends string = never,
  Named extends keyof Records & string = never,
> {
  readonly caller: Caller;
  /** The names of this subgraph's rules, as `extensions.rule` carries them and docs/access.md lists them. */
  readonly rules: Readonly<Record<string, string>>;
  /** Whether the caller may read this record (or this part of it). */
  mayRead<K extends keyof Records & string>(what: K, record: Records[K]): Promise<boolean>;
  /** The refusal of `what`: FORBIDDEN naming the rule and the caller, never the refused value. */
  refusal<K extends keyof Records & string>(what: K, record: Records[K]): GraphQLError;
  /** The record (one that is there) when the caller may read it, its refusal thrown when not. */
  read<K extends keyof Records & string, T extends Records[K]>(what: K, record: T): Promise<T>;
  /**
   * A private record the caller asked for by its id or key, `null` when no record has it: the
   * record when the caller may read it; otherwise `unseen[what]`, the same refusal whether the id
   * names another party's record or nothing at all. Platform admins, who read every record, get
   * null for an id that names nothing.
   */
  readNamed<K extends Named, T extends Records[K]>(what: K, record: T | null): Promise<T | null>;
  /**
   * Narrows a list's query to the rows the caller may see, in SQL so pages and totals agree; `null`
   * when the caller may see none of it, so the loader runs no statement.
   */
  narrow<T extends ObjectLiteral>(list: Lists, query: SelectQueryBuilder<T>): Promise<SelectQueryBuilder<T> | null>;
  /** Drops what this request learnt of relationships: called after every write. */
  forget(): void;
}

/**
 * What a subgraph writes of its policy; `read` and `readNamed` follow from `mayRead`, `refusal`
 * and `unseen`: for each `Named` record, its refusal when asked for by id, which takes nothing from
 * the record (there may be none) and so reads the same, word for word, in both cases. It must be
 * true either way: "...; SPONSOR sponsor-018 is not its sponsor".
 */
export type PolicyDefinition<
  Records extends Record<string, unknown>,
  Lists extends string = never,
  Named extends keyof Records & string = never,
> = Omit<AccessPolicy<Records, Lists, Named>, 'read' | 'readNamed'> &
  ([Named] extends [never] ? { unseen?: never } : { unseen: Unseen<Named> });

/** The refusal of each record a caller can name by id, one per kind (see PolicyDefinition). */
type Unseen<Named extends string> = { readonly [K in Named]: () => GraphQLError };

/** Completes a subgraph's rules into its policy object. */
export function accessPolicy<
  Records extends Record<string, unknown>,
  Lists extends string = never,
  Named extends keyof Records & string = never,
>(definition: PolicyDefinition<Records, Lists, Named>): AccessPolicy<Records, Lists, Named> {
  const { unseen, ...rules } = definition as Omit<AccessPolicy<Records, Lists, Named>, 'read' | 'readNamed'> & { unseen?: Unseen<Named> };
  return {
    ...rules,
    async read(what, record) {
      if (await definition.mayRead(what, record)) return record;
      throw definition.refusal(what, record);
    },
    async readNamed(what, record) {
      if (record === null ? isPlatformAdmin(definition.caller) : await definition.mayRead(what, record)) return record;
      throw unseen![what]();
    },
  };
}

/** Rules every subgraph applies the same way, named as `extensions.rule` carries them. */
export const SHARED_RULES = {
  /** In production a subgraph's schema (`_service { sdl }`, introspection) is for platform admins only. */
  subgraphSchema: 'subgraph-schema-admins',
} as const;

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
