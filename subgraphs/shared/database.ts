import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { GraphQLError } from 'graphql';
import { Client, type Pool, type PoolClient, types as pgTypes } from 'pg';
import { DataSource, type Logger, type MixedList, type EntitySchema } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { DatabaseConfig } from '../../platform/config';
import { logger } from '../../platform/logger';
import { pgliteDriver, PGLITE_OPTIONS } from './pglite-pool';

// Calendar dates stay 'yyyy-MM-dd' strings on pg too (see PGLITE_OPTIONS).
pgTypes.setTypeParser(pgTypes.builtins.DATE, (value) => value);

/** A statement as a data source sent it. */
export interface SentStatement {
  query: string;
  parameters: unknown[];
}

/**
 * Counts the SQL statements a data source sends, so tests and the benchmark can assert batching;
 * while `recorded` is a list, keeps each one with its parameters too (the query-plan test EXPLAINs them).
 */
export class SqlStatementCounter implements Logger {
  count = 0;
  recorded: SentStatement[] | null = null;

  constructor(private readonly name: string) {}

  logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    this.recorded?.push({ query, parameters: parameters ?? [] });
    logger.trace({ subgraph: this.name, sql: query }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    logger.warn({ subgraph: this.name, sql: query, err: error }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    logger.info({ subgraph: this.name, sql: query, ms: time }, 'slow sql');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    logger.debug({ subgraph: this.name }, message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    logger[level === 'log' ? 'debug' : level]({ subgraph: this.name }, String(message));
  }
}

export interface Database {
  dataSource: DataSource;
  statements: SqlStatementCounter;
  engine: DatabaseConfig['engine'];
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** The owning subgraph, for logs. */
  name: string;
  config: DatabaseConfig;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
}

/** The PGlite instance under each embedded database, for dumpDatabase. */
const embedded = new WeakMap<Database, PGlite>();

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates the server-side database if it does not exist yet (one database per subgraph), as a copy
 * of `template` when one is given (tests copy a database migrated once per run).
 */
async function ensureDatabaseExists(url: string, template?: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      const copy = template ? ` TEMPLATE ${quoted(template)}` : '';
      await client.query(`CREATE DATABASE ${quoted(name)}${copy}`).catch((error) => {
        // Another service creating it at the same moment is fine.
        if ((error as { code?: string }).code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Keeps a cut connection (the server restarted or failed over, an operator's pg_terminate_backend)
 * from taking the process down. pg-pool hands a new connection to TypeORM from inside the socket
 * callback that finished connecting it, with its own 'error' listener already removed; TypeORM adds
 * one a microtask later. When the server's "terminating connection" arrives in the same network chunk
 * as "ready for query", the client emits 'error' in between, to no listener: Node's unhandled 'error'
 * event ends the process (57P01: every run of test/database-faults.test.ts hit it before this). A
 * listener added on first acquire, which pg-pool announces before it removes its own, closes the gap. A client that failed is no longer queryable: the
 * request using it fails with DATABASE_UNAVAILABLE (see databaseUnavailable) and the pool drops it
 * on release and connects afresh for the next one.
 */
function guardConnections(pool: Pool, subgraph: string): void {
  const guarded = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', (error) => logger.warn({ subgraph, err: error }, 'database connection lost'));
  });
}

/** The pg error classes of a server that went away: 08 connection exception, 57P operator intervention. */
const UNAVAILABLE_SQLSTATE = /^(08|57P)/;
/** What pg and pg-pool say when the connection under a query is gone or cannot be made. */
const UNAVAILABLE_MESSAGE = /Connection terminated|not queryable|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET/;

/**
 * A DATABASE_UNAVAILABLE error in place of a failure that says the database, not the request, is at
 * fault (a cut connection, a server restarting); null for anything else. The driver's words, which
 * may name hosts or SQL, are logged, not sent: the caller learns only that a retry may succeed.
 */
export function databaseUnavailable(error: unknown): GraphQLError | null {
  for (let cause = error as { code?: unknown; message?: unknown; driverError?: unknown; originalError?: unknown; cause?: unknown } | undefined; cause; ) {
    if ((typeof cause.code === 'string' && UNAVAILABLE_SQLSTATE.test(cause.code)) || UNAVAILABLE_MESSAGE.test(String(cause.message))) {
      return new GraphQLError('The database of this subgraph is unavailable for the moment; retrying may succeed', {
        extensions: { code: 'DATABASE_UNAVAILABLE' },
      });
    }
    cause = (cause.driverError ?? cause.originalError ?? cause.cause) as typeof cause;
  }
  return null;
}

/** Opens a subgraph's database and brings its schema up to date with the subgraph's migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = new SqlStatementCounter(options.name);
  const common = {
    type: 'postgres' as const,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logger: statements,
    maxQueryExecutionTime: 1000,
  };
  let pglite: PGlite | null = null;
  let dataSource: DataSource;
  if (options.config.engine === 'pglite') {
    const { dataDir } = options.config;
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create(dataDir ?? undefined, { ...PGLITE_OPTIONS, loadDataDir: options.config.dump });
    dataSource = new DataSource({ ...common, driver: pgliteDriver(pglite) });
  } else {
    await ensureDatabaseExists(options.config.url, options.config.template);
    dataSource = new DataSource({
      ...common,
      url: options.config.url,
      poolSize: 10,
      // An idle connection cut by the server: pg-pool has already dropped it.
      poolErrorHandler: (error: Error) => logger.warn({ subgraph: options.name, err: error }, 'idle database connection lost'),
    });
  }
  await dataSource.initialize();
  if (options.config.engine === 'postgres') guardConnections((dataSource.driver as PostgresDriver).master as Pool, options.name);
  await dataSource.runMigrations({ transaction: 'each' });
  const database: Database = {
    dataSource,
    statements,
    engine: options.config.engine,
    async close() {
      await dataSource.destroy();
      await pglite?.close();
    },
  };
  if (pglite) embedded.set(database, pglite);
  return database;
}

/**
 * An embedded database's whole data directory as a gzipped tarball: a PGlite config with it as its
 * `dump` opens already migrated and filled. Gzipped: a tenth of the size (4.5 MB, not 40 MB), and
 * loading it measured no slower than loading the uncompressed tarball.
 */
/** True when none of the subgraph's tables holds a row (migrations ran, nothing stored yet). */
export async function isEmptyDatabase(database: Database): Promise<boolean> {
  const tables = database.dataSource.entityMetadatas.map((entity) => `SELECT 1 FROM "${entity.tableName}"`);
  const [{ stored }] = await database.dataSource.query(`SELECT EXISTS (${tables.join(' UNION ALL ')}) AS stored`);
  return !stored;
}

export async function dumpDatabase(database: Database): Promise<Blob> {
  const pglite = embedded.get(database);
  if (!pglite) throw new Error(`only an embedded (PGlite) database can be dumped, not a ${database.engine} one`);
  return pglite.dumpDataDir('gzip');
}
