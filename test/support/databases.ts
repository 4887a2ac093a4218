import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseConfigs, type DatabaseConfig, PARTIES, type Party } from '../../platform/config';
import { dumpDatabase } from '../../subgraphs/shared/database';
import { SUBGRAPHS } from '../../subgraphs/parties';

// Migrating four databases took 10–16 s of every test file's start, so each engine's databases are
// migrated once per run (jest's globalSetup: migrateTestDatabases) and every test file copies them.
// The setup tells the test workers where the migrated ones are through these variables.
/** PGlite: the folder holding each party's migrated database, dumped to `<party>.tar.gz`. */
const DUMPS = 'TEST_DATABASE_DUMPS';
/** DATABASE_URL's server: the name prefix of the migrated template databases, `<prefix>_<party>`. */
const TEMPLATES = 'TEST_DATABASE_TEMPLATES';

/** The server's own `postgres` database, where databases are created and dropped. */
async function onServer<T>(server: string, work: (client: Client) => Promise<T>): Promise<T> {
  const maintenance = new URL(server);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropDatabases(server: string, prefix: string): Promise<void> {
  await onServer(server, async (client) => {
    for (const party of PARTIES) await client.query(`DROP DATABASE IF EXISTS "${prefix}_${party}" WITH (FORCE)`);
  });
}

/** Migrates each party's database once for the whole run: jest's globalSetup. */
export async function migrateTestDatabases(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const folder = mkdtempSync(join(tmpdir(), 'pstest-dumps-'));
    await Promise.all(
      PARTIES.map(async (party) => {
        const database = await SUBGRAPHS[party].open({ engine: 'pglite', dataDir: null });
        try {
          const dump = await dumpDatabase(database);
          writeFileSync(join(folder, `${party}.tar.gz`), Buffer.from(await dump.arrayBuffer()));
        } finally {
          await database.close();
        }
      }),
    );
    process.env[DUMPS] = folder;
    return;
  }
  const prefix = `pstest_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  const configs = databaseConfigs({ DATABASE_URL: server, DATABASE_NAME_PREFIX: prefix });
  // Closed once migrated: PostgreSQL copies a template only while nobody is connected to it.
  await Promise.all(PARTIES.map(async (party) => (await SUBGRAPHS[party].open(configs[party])).close()));
  process.env[TEMPLATES] = prefix;
}

/** Removes what migrateTestDatabases made: jest's globalTeardown. */
export async function dropMigratedTestDatabases(): Promise<void> {
  const folder = process.env[DUMPS];
  if (folder) rmSync(folder, { recursive: true, force: true });
  const prefix = process.env[TEMPLATES];
  if (prefix && process.env.DATABASE_URL) await dropDatabases(process.env.DATABASE_URL, prefix);
}

/** The dumps are read once per worker; every PGlite opened from one gets its own copy in memory. */
let dumps: Record<Party, Blob> | null = null;

function migratedDumps(folder: string): Record<Party, Blob> {
  dumps ??= Object.fromEntries(PARTIES.map((party) => [party, new Blob([readFileSync(join(folder, `${party}.tar.gz`))])])) as Record<
    Party,
    Blob
  >;
  return dumps;
}

/**
 * The engine tests run on: in-memory PGlite by default; with DATABASE_URL set (CI's second pass),
 * fresh databases on that server, named uniquely so parallel test files never share one. Each starts
 * as a copy of the run's migrated database (see migrateTestDatabases), or migrates itself when the
 * run has none.
 */
export function testDatabaseConfigs(): { configs: Record<Party, DatabaseConfig>; drop(): Promise<void> } {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const configs = databaseConfigs({ DATA_DIR: ':memory:' });
    const folder = process.env[DUMPS];
    if (folder) {
      const migrated = migratedDumps(folder);
      for (const party of PARTIES) configs[party] = { engine: 'pglite', dataDir: null, dump: migrated[party] };
    }
    return { configs, drop: async () => {} };
  }
  const prefix = `pstest_${process.pid}_${randomBytes(3).toString('hex')}`;
  const configs = databaseConfigs({ DATABASE_URL: server, DATABASE_NAME_PREFIX: prefix });
  const templates = process.env[TEMPLATES];
  if (templates) {
    for (const party of PARTIES) {
      const config = configs[party];
      if (config.engine === 'postgres') config.template = `${templates}_${party}`;
    }
  }
  return { configs, drop: () => dropDatabases(server, prefix) };
}
