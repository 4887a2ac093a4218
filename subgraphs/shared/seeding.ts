import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Rows per INSERT: large enough to be fast, small enough to stay under the parameter limit. */
const CHUNK = 500;

/** Multi-row INSERTs of many rows, a chunk at a time. */
export async function insertInChunks<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await tx.insert(entity, rows.slice(start, start + CHUNK));
  }
}

