import { PGlite, types, type Results } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';
import { PGliteDriver } from 'typeorm-pglite';

// typeorm-pglite's pool class, reached through its public driver: every method it has is overridden
// below, so its one shared instance (and the options its constructor records) is never used.
const PGlitePool = new PGliteDriver().driver.Pool;
type PGlitePool = InstanceType<typeof PGlitePool>;

type QueryCallback = (error: unknown, results: Results<unknown> | null) => void;
type ConnectCallback = (error: unknown, client: PGlitePool | null, release: () => void) => void;

/**
 * A TypeORM `driver` whose pool serves one given PGlite instance. typeorm-pglite keeps a single
 * instance per process, which would put all four subgraphs of `npm start` in one database; this
 * binds each data source to its own. PGlite has one session, so a connection is held exclusively
 * from `connect` to its release: a query runner, and so a transaction, never interleaves with
 * another request's statements.
 */
export function pgliteDriver(db: PGlite): { Pool: new () => PGlitePool } {
  const session = new Mutex();

  class BoundPGlitePool extends PGlitePool {
    override async connect(callback: ConnectCallback) {
      const release = await session.acquire();
      callback(null, this, release);
    }

    // TypeORM calls query(sql, params, callback) and pg-style query(sql, callback).
    override async query(sql: string, params?: unknown[] | QueryCallback, callback?: QueryCallback) {
      const done = typeof params === 'function' ? params : callback;
      const values = Array.isArray(params) ? params : [];
      try {
        // exec runs multi-statement strings (migrations); TypeORM wants the last statement's result.
        const result: Results<unknown> =
          values.length > 0
            ? await db.query(sql, values)
            : await db.exec(sql).then((all) => all[all.length - 1] ?? { rows: [], fields: [] });
        done?.(null, result);
        return result;
      } catch (error) {
        done?.(error, null);
        throw error;
      }
    }

    override end(callback: (error: unknown) => void): void {
      // The instance belongs to whoever created it; they close it.
      callback(null);
    }
  }
  return { Pool: BoundPGlitePool };
}

/** PGlite options that make it answer like `pg` configured by `database.ts`. */
export const PGLITE_OPTIONS = {
  // Calendar dates stay 'yyyy-MM-dd' strings: a JS Date would shift them by the time zone.
  parsers: { [types.DATE]: (value: string) => value },
  // PostgreSQL wants boolean literals; PGlite's default serializer sends 't'/'f'.
  serializers: { [types.BOOL]: (value: unknown) => (value ? 'TRUE' : 'FALSE') },
};
