import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AdvocacyGroupsAndFindingVersions1763856000000 implements MigrationInterface {
  name = 'AdvocacyGroupsAndFindingVersions1763856000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Who ran a review decides who sees it (the group, the trial's sponsor, admins). Reviews stored
      -- before groups were recorded cannot be attributed: they are marked so, and no group sees them.
      ALTER TABLE advocate_reviews ADD COLUMN advocacy_group_id text;
      UPDATE advocate_reviews SET advocacy_group_id = 'unattributed' WHERE advocacy_group_id IS NULL;
      ALTER TABLE advocate_reviews ALTER COLUMN advocacy_group_id SET NOT NULL;
      -- Query.advocateReviews for an advocate: its group's reviews in the order they happened.
      CREATE INDEX advocate_reviews_group_idx ON advocate_reviews (advocacy_group_id, reviewed_on, id);

      -- A sponsor decides on findings: the version it read guards against overwriting another decision.
      ALTER TABLE review_findings ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);

      -- Client response ids are made by each site's own system: two sites may pick the same one, and
      -- one site must not be able to turn another's submission into a "duplicate". Idempotency is per site.
      ALTER TABLE survey_responses DROP CONSTRAINT survey_responses_client_response_id_key;
      ALTER TABLE survey_responses ADD CONSTRAINT survey_responses_site_client_response_key UNIQUE (site_id, client_response_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE survey_responses DROP CONSTRAINT survey_responses_site_client_response_key;
      ALTER TABLE survey_responses ADD CONSTRAINT survey_responses_client_response_id_key UNIQUE (client_response_id);
      ALTER TABLE review_findings DROP COLUMN version;
      DROP INDEX advocate_reviews_group_idx;
      ALTER TABLE advocate_reviews DROP COLUMN advocacy_group_id;
    `);
  }
}
