import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Client, types as pgTypes } from 'pg';
import { DataSource, type Logger, type MixedList, type EntitySchema } from 'typeorm';
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
    dataSource = new DataSource({ ...common, url: options.config.url, poolSize: 10 });
  }
  await dataSource.initialize();
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
export async function dumpDatabase(database: Database): Promise<Blob> {
  const pglite = embedded.get(database);
  if (!pglite) throw new Error(`only an embedded (PGlite) database can be dumped, not a ${database.engine} one`);
  return pglite.dumpDataDir('gzip');
}
