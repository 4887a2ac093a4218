import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseConfigs, type DatabaseConfig, PARTIES, type Party } from '../../platform/config';

/**
 * The engine tests run on: in-memory PGlite by default; with DATABASE_URL set (CI's second pass),
 * fresh databases on that server, named uniquely so parallel test files never share one.
 */
export function testDatabaseConfigs(): { configs: Record<Party, DatabaseConfig>; drop(): Promise<void> } {
  const server = process.env.DATABASE_URL;
  if (!server) {
    return { configs: databaseConfigs({ DATA_DIR: ':memory:' }), drop: async () => {} };
  }
  const prefix = `pstest_${process.pid}_${randomBytes(3).toString('hex')}`;
  const configs = databaseConfigs({ DATABASE_URL: server, DATABASE_NAME_PREFIX: prefix });
  return {
    configs,
    async drop() {
      const maintenance = new URL(server);
      maintenance.pathname = '/postgres';
      const client = new Client({ connectionString: maintenance.toString() });
      await client.connect();
      try {
        for (const party of PARTIES) {
          await client.query(`DROP DATABASE IF EXISTS "${prefix}_${party}" WITH (FORCE)`);
        }
      } finally {
        await client.end();
      }
    },
  };
}
