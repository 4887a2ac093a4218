import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The records sponsors and sites edit carry a version, so a write made on a stale read is refused. */
const VERSIONED_TABLES = ['trials', 'trial_sites', 'pipeline_programs', 'protocol_feedback'];

export class AddWriteVersions1763856000000 implements MigrationInterface {
  name = 'AddWriteVersions1763856000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      // Existing rows (and the demo seeding, which does not know the column) start at version 1.
      await db.query(`ALTER TABLE ${table} ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) await db.query(`ALTER TABLE ${table} DROP COLUMN version`);
  }
}
