import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sites' own writes: version numbers for optimistic concurrency, and the audiences a policy may name. */
export class AddSiteWriteVersions1763856000000 implements MigrationInterface {
  name = 'AddSiteWriteVersions1763856000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- A write names the version it read; claimVersion moves it on by one or refuses with CONFLICT.
      ALTER TABLE sites ADD COLUMN version integer NOT NULL DEFAULT 1;
      ALTER TABLE site_staff ADD COLUMN version integer NOT NULL DEFAULT 1;

      -- The rules read these values; anything else would be a policy no rule understands.
      ALTER TABLE sites
        ADD CONSTRAINT sites_share_capacity_check CHECK (share_capacity IN ('SITE_ONLY', 'PARTNERS', 'ALL_AUTHENTICATED')),
        ADD CONSTRAINT sites_share_staff_check CHECK (share_staff IN ('SITE_ONLY', 'PARTNERS', 'ALL_AUTHENTICATED')),
        ADD CONSTRAINT sites_share_assets_check CHECK (share_assets IN ('SITE_ONLY', 'PARTNERS', 'ALL_AUTHENTICATED'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE sites
        DROP CONSTRAINT sites_share_capacity_check,
        DROP CONSTRAINT sites_share_staff_check,
        DROP CONSTRAINT sites_share_assets_check,
        DROP COLUMN version;
      ALTER TABLE site_staff DROP COLUMN version;
    `);
  }
}
