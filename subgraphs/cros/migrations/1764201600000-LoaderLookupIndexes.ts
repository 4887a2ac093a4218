import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind two loader lookups that had none (test/query-plans.test.ts finds such lookups):
 * a sponsor's engagements (its monitoring visits and its CROs' people on its trials are narrowed
 * by them; without it each request read every engagement), and a trial's staff assignments.
 */
export class LoaderLookupIndexes1764201600000 implements MigrationInterface {
  name = 'LoaderLookupIndexes1764201600000';

  async up(db: QueryRunner): Promise<void> {
    // sponsor_id first for the narrowing; trial and CRO after it for "a CRO this sponsor engaged on this trial".
    await db.query(`CREATE INDEX engagements_sponsor_idx ON engagements (sponsor_id, trial_id, cro_id)`);
    await db.query(`CREATE INDEX staff_assignments_trial_idx ON staff_assignments (trial_id, started_on, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX staff_assignments_trial_idx`);
    await db.query(`DROP INDEX engagements_sponsor_idx`);
  }
}
