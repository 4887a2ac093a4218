import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sites imported from ClinicalTrials.gov: the registry names a facility and where it is, not what
 * kind of site it is nor its time zone. Those stay unknown (null) until the site says.
 */
export class RegistrySites1764028800000 implements MigrationInterface {
  name = 'RegistrySites1764028800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE sites ALTER COLUMN kind DROP NOT NULL;
      ALTER TABLE sites ALTER COLUMN timezone DROP NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE sites ALTER COLUMN kind SET NOT NULL;
      ALTER TABLE sites ALTER COLUMN timezone SET NOT NULL;
    `);
  }
}
