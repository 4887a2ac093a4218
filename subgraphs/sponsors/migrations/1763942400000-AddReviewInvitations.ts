import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sponsor decides which advocacy groups review its protocol: an invitation is what shows a
 * group the trial. Group ids are the insights subgraph's, so a reference, not a foreign key.
 */
export class AddReviewInvitations1763942400000 implements MigrationInterface {
  name = 'AddReviewInvitations1763942400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE review_invitations (
        id text PRIMARY KEY,
        trial_id text NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
        advocacy_group_id text NOT NULL CHECK (advocacy_group_id ~ '^[A-Za-z0-9_-]{1,64}$'),
        invited_on date NOT NULL,
        UNIQUE (trial_id, advocacy_group_id)
      );
      -- An advocate's trials are looked up by its group (the trial rule, in batches and in EXISTS).
      CREATE INDEX review_invitations_group_idx ON review_invitations (advocacy_group_id, trial_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE review_invitations');
  }
}
