import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Engagements imported from ClinicalTrials.gov: the registry names a CRO as a trial's
 * collaborator, not when its work began nor what is in scope, so the start may be unknown.
 */
export class RegistryEngagements1764028800000 implements MigrationInterface {
  name = 'RegistryEngagements1764028800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE engagements ALTER COLUMN starts_on DROP NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE engagements ALTER COLUMN starts_on SET NOT NULL`);
  }
}
