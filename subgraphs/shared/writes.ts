// What every write path shares: one transaction per mutation, and optimistic concurrency by a
// version number the caller read, so two people editing the same record never overwrite each other.
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { badUserInput } from './errors';

/**
 * A `CONFLICT` error: the record changed since the caller read it; nothing was written. Every
 * mutation takes its arguments as `input`, so the field at fault is `input.expectedVersion`.
 */
export function conflict(what: string, id: string, expectedVersion: number, currentVersion: number): GraphQLError {
  return new GraphQLError(
    `${what} ${id} is at version ${currentVersion}, not ${expectedVersion}: someone changed it since you read it. Read it again and retry.`,
    { extensions: { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion } },
  );
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
 * then finds the new version.
 */
export async function claimVersion(
  manager: EntityManager,
  target: { table: string; what: string; idField: string },
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
