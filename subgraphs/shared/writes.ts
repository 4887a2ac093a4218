// The one write path every subgraph's mutations take (`mutation` below): the kind of caller, the
// input, one transaction in which the record is read, its owner checked and its version claimed,
// the write, and then the request's loaders cleared so every field answered after it reads what
// was stored. Optimistic concurrency by a version number the caller read means two people editing
// the same record never overwrite each other.
import type { DataSource, EntityManager } from 'typeorm';
import type { PartyKind } from '../../platform/identity';
import { requireParty } from './access';
import { badUserInput, conflict, forbidden } from './errors';
import type { RequestContext } from './subgraph-service';

/** What a write needs of its request. */
export interface WriteContext extends RequestContext {
  db: DataSource;
  /** The request's DataLoaders: each one is cleared after a write. */
  loaders: object;
  /** The request's access policy: what it learnt of relationships is forgotten after a write. */
  access: { forget(): void };
}

/** A table whose rows carry a `version`, and how a write names its id in refusals. */
export interface VersionedTable {
  table: string;
  /** The record in words: "Engagement". */
  what: string;
  /** The input field that names the record: "input.engagementId". */
  idField: string;
}

/** One mutation's steps, run by `mutation` in this order. */
export interface WriteSteps<TContext extends WriteContext, TInput, TRecord, TResult, TChecked = void> {
  /** Names the write in refusals: "set an engagement's RACI". */
  what: string;
  /** The kinds of party that make this write; any other kind is refused with `rule`, first of all. */
  parties: readonly PartyKind[];
  rule: string;
  /**
   * Checks made before the transaction: the input on its own (BAD_USER_INPUT naming the field),
   * and whatever must be asked of another subgraph, since peers are never asked inside one. What
   * it answers (the input's values as they will be stored, say) is handed to `record` and `write`.
   */
  check?(input: TInput, context: TContext): TChecked | Promise<TChecked>;
  /**
   * Inside the transaction, through its manager only: reads the record the write is about, checks
   * that the caller may write it (`writableRecord`: FORBIDDEN, alike when there is no such record)
   * and checks the input against it. A write that creates a record answers what the creation hangs off.
   */
  record(manager: EntityManager, input: TInput, context: TContext, checked: TChecked): Promise<TRecord>;
  /** The version the caller read, claimed before `write`: CONFLICT when the record has moved on. */
  version?: VersionedTable & { id(record: TRecord): string; expected(input: TInput): number };
  /** The write itself, in the same transaction; answers what the mutation returns. */
  write(manager: EntityManager, record: TRecord, input: TInput, context: TContext, checked: TChecked): Promise<TResult>;
}

/**
 * How a write refuses the private record its input names by id (an engagement, a trial by its
 * internal id, a staff member: anything but the public directory of sites, sponsors and CROs).
 * The words are true whether or not the id names a record at all, so the refusal of an id that
 * names nothing and of another party's record are the same, word for word: no write tells its
 * caller which ids exist.
 */
export interface PrivateRecordRefusal {
  /** The rule that keeps the record to those who write it: the rule that refuses another party. */
  rule: string;
  /** The input field that names the record: "input.trialId". */
  field: string;
  /** Who may write such records, as the rule says it: "Only its sponsor may publish its protocol". */
  writer: string;
  /** The records the caller may write, naming the caller: "trial of SPONSOR sponsor-018", "trial SITE site-0001 takes part in". */
  record: string;
}

/**
 * The private record a write names, when the caller may write it; otherwise FORBIDDEN with the
 * rule and the field, the same for no record and for another party's: "Only its sponsor may
 * publish its protocol; input.trialId names no trial of SPONSOR sponsor-018". The id is never
 * echoed. Any other check on the record (its state, the input against it) comes after this one.
 */
export async function writableRecord<T>(
  record: T | null | undefined,
  mayWrite: (record: T) => boolean | Promise<boolean>,
  refusal: PrivateRecordRefusal,
): Promise<T> {
  if (record != null && (await mayWrite(record))) return record;
  throw forbidden(refusal.rule, `${refusal.writer}; ${refusal.field} names no ${refusal.record}`, refusal.field);
}

/** Empties every per-request cache, so what is answered next is read from the database again. */
export function forgetRequestState(context: WriteContext): void {
  for (const loader of Object.values(context.loaders)) {
    if (loader && typeof (loader as { clearAll?: unknown }).clearAll === 'function') (loader as { clearAll(): void }).clearAll();
  }
  context.access.forget();
  context.peers.forget();
}

/** A mutation resolver that takes `input` and runs the steps of one write (see WriteSteps). */
export function mutation<TContext extends WriteContext, TInput, TRecord, TResult, TChecked = void>(
  steps: WriteSteps<TContext, TInput, TRecord, TResult, TChecked>,
): (parent: unknown, args: { input: TInput }, context: TContext) => Promise<TResult> {
  return async (_parent, { input }, context) => {
    requireParty(context.caller, steps.parties, steps.rule, steps.what);
    // Without a `check` there is nothing to hand on: TChecked is then void.
    const checked = (await steps.check?.(input, context)) as TChecked;
    try {
      return await inTransaction(context.db, async (manager) => {
        const record = await steps.record(manager, input, context, checked);
        if (steps.version) await claimVersion(manager, steps.version, steps.version.id(record), steps.version.expected(input));
        return steps.write(manager, record, input, context, checked);
      });
    } finally {
      // Also after a failed write: a refusal may come after a loader cached what the write read.
      forgetRequestState(context);
    }
  };
}

/**
 * Runs a write in one transaction: all of it is stored or none of it. Inside, use only the
 * manager it is given: on embedded PGlite the transaction holds the one connection, so a query
 * through the data source (or a loader) would wait for it forever.
 */
export function inTransaction<T>(db: DataSource, write: (manager: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(write);
}

/**
 * Moves a row from the version the caller read to the next one, inside the write's transaction.
 * Throws `CONFLICT` when the row has moved on, and `BAD_USER_INPUT` naming `idField` when there is
 * no such row. The row stays locked until the transaction ends, so a concurrent write waits and
 * then finds the new version. "There is no" tells nothing here: a private record was found and
 * found writable (`writableRecord`) before its version is claimed, and a public one (a site) is
 * listed to every caller anyway.
 */
export async function claimVersion(
  manager: EntityManager,
  target: VersionedTable,
  id: string,
  expectedVersion: number,
): Promise<number> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
  const claimed: { version: number }[] = await manager.query(
    `WITH claimed AS (UPDATE "${target.table}" SET version = version + 1 WHERE id = $1 AND version = $2 RETURNING version)
     SELECT version FROM claimed`,
    [id, expectedVersion],
  );
  if (claimed.length === 1) return claimed[0].version;
  const [current] = await manager.query(`SELECT version FROM "${target.table}" WHERE id = $1`, [id]);
  if (!current) throw badUserInput(`There is no ${target.what} ${id}`, target.idField);
  throw conflict(target.what, id, expectedVersion, current.version);
}
