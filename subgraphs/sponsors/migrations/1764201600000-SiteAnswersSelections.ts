import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A selection takes both sides: the sponsor selects a site, the site accepts or declines. Until it
 * accepts, the sponsor is not its partner. Rows already stored whose site went on to be activated
 * (the sponsor recorded the site's activation, its enrollment or its closing) are taken as accepted
 * on the day they were selected; every other selection waits for the site's answer.
 */
export class SiteAnswersSelections1764201600000 implements MigrationInterface {
  name = 'SiteAnswersSelections1764201600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE trial_sites
        ADD COLUMN site_response text NOT NULL DEFAULT 'PENDING' CHECK (site_response IN ('PENDING', 'ACCEPTED', 'DECLINED')),
        ADD COLUMN responded_on date,
        ADD CONSTRAINT trial_sites_responded_check CHECK ((site_response = 'PENDING') = (responded_on IS NULL));

      UPDATE trial_sites SET site_response = 'ACCEPTED', responded_on = coalesce(selected_on, activated_on, closed_on, CURRENT_DATE)
        WHERE activated_on IS NOT NULL OR status IN ('ACTIVATED', 'ENROLLING');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE trial_sites DROP CONSTRAINT trial_sites_responded_check, DROP COLUMN responded_on, DROP COLUMN site_response;
    `);
  }
}
