import type { MigrationInterface, QueryRunner } from 'typeorm';

const PARTIAL_DATE = `'^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'`;
const DATE_TYPE = `IN ('ACTUAL', 'ESTIMATED')`;

/**
 * Trials imported from ClinicalTrials.gov. The registry's own dates are kept at the precision it
 * gives (yyyy, yyyy-MM or yyyy-MM-dd) beside whether each is actual or estimated; its statuses our
 * list lacked are added rather than bent onto wrong ones; what it does not say (therapeutic area, a
 * site's selection day and its screening figures) may now be unknown rather than invented.
 */
export class RegistryTrials1764028800000 implements MigrationInterface {
  name = 'RegistryTrials1764028800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE trials
        DROP CONSTRAINT trials_status_check,
        ADD CONSTRAINT trials_status_check CHECK (status IN ('PLANNED', 'STARTUP', 'ENROLLING', 'FOLLOW_UP', 'COMPLETED', 'TERMINATED', 'SUSPENDED', 'WITHDRAWN', 'UNKNOWN')),
        ALTER COLUMN therapeutic_area DROP NOT NULL,
        ADD COLUMN enrollment_actual integer CHECK (enrollment_actual >= 0),
        ADD COLUMN start_date text CHECK (start_date ~ ${PARTIAL_DATE}),
        ADD COLUMN start_date_type text CHECK (start_date_type ${DATE_TYPE}),
        ADD COLUMN primary_completion_date text CHECK (primary_completion_date ~ ${PARTIAL_DATE}),
        ADD COLUMN primary_completion_date_type text CHECK (primary_completion_date_type ${DATE_TYPE}),
        ADD COLUMN completion_date text CHECK (completion_date ~ ${PARTIAL_DATE}),
        ADD COLUMN completion_date_type text CHECK (completion_date_type ${DATE_TYPE}),
        -- Collaborators that are not CROs (CROs become engagements in the cros subgraph): name and registry class.
        ADD COLUMN collaborators jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(collaborators) = 'array'),
        -- The registry record the trial was last imported from: its overall status and update posting day.
        ADD COLUMN registry_status text,
        ADD COLUMN registry_updated_on date;

      -- The version of a protocol the import wrote (and may rewrite), as against one a sponsor published.
      ALTER TABLE protocol_versions ADD COLUMN from_registry boolean NOT NULL DEFAULT false;

      ALTER TABLE trial_sites
        ALTER COLUMN selected_on DROP NOT NULL,
        ALTER COLUMN screened DROP NOT NULL,
        ALTER COLUMN enrolled DROP NOT NULL,
        ALTER COLUMN withdrawn DROP NOT NULL,
        -- The location's recruitment status as the registry gives it.
        ADD COLUMN registry_status text;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE trial_sites DROP COLUMN registry_status;
      ALTER TABLE protocol_versions DROP COLUMN from_registry;
      ALTER TABLE trials
        DROP COLUMN registry_updated_on, DROP COLUMN registry_status, DROP COLUMN collaborators,
        DROP COLUMN completion_date_type, DROP COLUMN completion_date,
        DROP COLUMN primary_completion_date_type, DROP COLUMN primary_completion_date,
        DROP COLUMN start_date_type, DROP COLUMN start_date, DROP COLUMN enrollment_actual;
    `);
  }
}
