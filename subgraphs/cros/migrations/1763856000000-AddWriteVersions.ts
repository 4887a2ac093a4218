import type { MigrationInterface, QueryRunner } from 'typeorm';

// The records CROs (and sponsors, for actions) now write: each carries the version its writer
// read, so two people editing the same record never silently overwrite each other.
const VERSIONED_TABLES = ['engagements', 'monitoring_visits', 'engagement_actions', 'staff_assignments'];

export class AddWriteVersions1763856000000 implements MigrationInterface {
  name = 'AddWriteVersions1763856000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN version`);
    }
  }
}
