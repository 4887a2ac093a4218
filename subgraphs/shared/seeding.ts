import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
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

/**
 * Every bulk load goes through here (the demo seed of each subgraph, the registry import): `load`
 * writes, in one transaction or in batches of them, then each database it wrote to is ANALYZEd.
 * Without statistics the planner guesses at every table's size and chose sequential scans of
 * hundreds of thousands of rows; PGlite has no autovacuum to gather them, and a server's runs only
 * a minute or so later. ANALYZE samples a bounded number of rows per table, so it costs well under
 * a second at the benchmark's largest scale.
 */
export async function bulkLoad<T>(databases: DataSource | readonly DataSource[], load: () => Promise<T>): Promise<T> {
  const result = await load();
  for (const db of Array.isArray(databases) ? databases : [databases as DataSource]) await db.query('ANALYZE');
  return result;
}
