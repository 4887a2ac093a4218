import type { MigrationInterface, QueryRunner } from 'typeorm';

const PHASES = `'EARLY_PHASE_1', 'PHASE_1', 'PHASE_1_2', 'PHASE_2', 'PHASE_2_3', 'PHASE_3', 'PHASE_4', 'NOT_APPLICABLE'`;

export class CreateSponsorsSchema1763769600000 implements MigrationInterface {
  name = 'CreateSponsorsSchema1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sponsors (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('INDUSTRY', 'ACADEMIC', 'GOVERNMENT', 'NONPROFIT', 'OTHER')),
        country_code char(2) CHECK (country_code ~ '^[A-Z]{2}$')
      );
      -- Root list ordered by (name, id) for keyset pages.
      CREATE INDEX sponsors_name_idx ON sponsors (name, id);

      CREATE TABLE trials (
        id text PRIMARY KEY,
        nct_id text NOT NULL UNIQUE CHECK (nct_id ~ '^NCT[0-9]{8}$'),
        sponsor_id text NOT NULL REFERENCES sponsors (id),
        title text NOT NULL,
        phase text NOT NULL CHECK (phase IN (${PHASES})),
        status text NOT NULL CHECK (status IN ('PLANNED', 'STARTUP', 'ENROLLING', 'FOLLOW_UP', 'COMPLETED', 'TERMINATED')),
        therapeutic_area text NOT NULL,
        conditions text[] NOT NULL DEFAULT '{}',
        enrollment_target integer CHECK (enrollment_target >= 0),
        planned_start_on date,
        planned_end_on date,
        CHECK (planned_end_on IS NULL OR planned_start_on IS NULL OR planned_end_on >= planned_start_on)
      );
      -- The root list and the (unique) nct_id key are ordered by (nct_id, id); a sponsor's trials too.
      CREATE INDEX trials_sponsor_idx ON trials (sponsor_id, nct_id);

      CREATE TABLE protocol_versions (
        trial_id text NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        effective_on date NOT NULL,
        amendment_reason text,
        visits jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(visits) = 'array'),
        procedures jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(procedures) = 'array'),
        inclusion_criteria_count integer CHECK (inclusion_criteria_count >= 0),
        exclusion_criteria_count integer CHECK (exclusion_criteria_count >= 0),
        primary_endpoints integer NOT NULL DEFAULT 0 CHECK (primary_endpoints >= 0),
        secondary_endpoints integer NOT NULL DEFAULT 0 CHECK (secondary_endpoints >= 0),
        other_endpoints integer NOT NULL DEFAULT 0 CHECK (other_endpoints >= 0),
        countries text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (trial_id, version)
      );

      CREATE TABLE trial_sites (
        id text PRIMARY KEY,
        trial_id text NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
        site_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('SELECTED', 'ACTIVATED', 'ENROLLING', 'CLOSED')),
        selected_on date NOT NULL,
        activated_on date,
        first_patient_in_on date,
        closed_on date,
        enrollment_target integer CHECK (enrollment_target >= 0),
        screened integer NOT NULL DEFAULT 0 CHECK (screened >= 0),
        enrolled integer NOT NULL DEFAULT 0 CHECK (enrolled >= 0 AND enrolled <= screened),
        withdrawn integer NOT NULL DEFAULT 0 CHECK (withdrawn >= 0 AND withdrawn <= enrolled),
        UNIQUE (trial_id, site_id),
        CHECK (activated_on IS NULL OR activated_on >= selected_on),
        CHECK (first_patient_in_on IS NULL OR (activated_on IS NOT NULL AND first_patient_in_on >= activated_on)),
        CHECK (closed_on IS NULL OR closed_on >= selected_on)
      );
      CREATE INDEX trial_sites_site_idx ON trial_sites (site_id, selected_on);

      CREATE TABLE partnerships (
        id text PRIMARY KEY,
        sponsor_id text NOT NULL REFERENCES sponsors (id),
        site_id text NOT NULL,
        since date NOT NULL,
        UNIQUE (sponsor_id, site_id)
      );
      CREATE INDEX partnerships_site_idx ON partnerships (site_id);

      CREATE TABLE investments (
        id text PRIMARY KEY,
        partnership_id text NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('TRAINING', 'EQUIPMENT', 'STAFFING', 'TECHNOLOGY')),
        description text NOT NULL,
        amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        reusable_beyond_trial boolean NOT NULL,
        invested_on date NOT NULL
      );
      CREATE INDEX investments_partnership_idx ON investments (partnership_id, invested_on);

      CREATE TABLE pipeline_programs (
        id text PRIMARY KEY,
        sponsor_id text NOT NULL REFERENCES sponsors (id),
        indication text NOT NULL,
        therapeutic_area text NOT NULL,
        phase text NOT NULL CHECK (phase IN (${PHASES})),
        planned_start_quarter text NOT NULL CHECK (planned_start_quarter ~ '^[0-9]{4}-Q[1-4]$'),
        estimated_sites integer NOT NULL CHECK (estimated_sites >= 0),
        countries text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX pipeline_programs_sponsor_idx ON pipeline_programs (sponsor_id, planned_start_quarter);

      CREATE TABLE pipeline_shares (
        program_id text NOT NULL REFERENCES pipeline_programs (id) ON DELETE CASCADE,
        site_id text NOT NULL,
        PRIMARY KEY (program_id, site_id)
      );
      CREATE INDEX pipeline_shares_site_idx ON pipeline_shares (site_id);

      CREATE TABLE protocol_feedback (
        id text PRIMARY KEY,
        trial_id text NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
        protocol_version integer NOT NULL CHECK (protocol_version >= 1),
        site_id text NOT NULL,
        topic text NOT NULL CHECK (topic IN ('FEASIBILITY', 'PATIENT_BURDEN', 'STAFFING', 'ELIGIBILITY', 'VISIT_SCHEDULE', 'LANGUAGE', 'OTHER')),
        body text NOT NULL,
        raised_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'ADOPTED', 'DECLINED')),
        response text,
        responded_at timestamptz CHECK (responded_at >= raised_at)
      );
      CREATE INDEX protocol_feedback_trial_idx ON protocol_feedback (trial_id, raised_at);
      CREATE INDEX protocol_feedback_site_idx ON protocol_feedback (site_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE protocol_feedback, pipeline_shares, pipeline_programs, investments, partnerships, trial_sites, protocol_versions, trials, sponsors`,
    );
  }
}
