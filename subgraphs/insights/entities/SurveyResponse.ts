import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DiscontinuationReason } from '../generated/resolvers';

export type { DiscontinuationReason };

/**
 * One de-identified survey answer. Never served as such: resolvers only see aggregates of these
 * rows (see survey-aggregates.ts).
 */
@Entity({ name: 'survey_responses' })
@Unique('survey_responses_site_client_response_key', ['siteId', 'clientResponseId'])
export class SurveyResponseEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** The submitting site's id for it: a resubmission from the same site with the same id is the same response. */
  @Column({ name: 'client_response_id', type: 'text' })
  clientResponseId: string;

  /** A trial id: trials live in the sponsors subgraph, so this is a reference, not a foreign key. */
  @Column({ name: 'trial_id', type: 'text' })
  trialId: string;

  /** A site id, owned by the sites subgraph. */
  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ name: 'visit_number', type: 'integer' })
  visitNumber: number;

  /** 'yyyy-MM': a month, never a day, so a response cannot be tied to a visit date. */
  @Column({ name: 'submitted_month', type: 'char', length: 7 })
  submittedMonth: string;

  @Column({ name: 'burden_travel', type: 'smallint' })
  burdenTravel: number;

  @Column({ name: 'burden_visit_length', type: 'smallint' })
  burdenVisitLength: number;

  @Column({ name: 'burden_procedures', type: 'smallint' })
  burdenProcedures: number;

  @Column({ name: 'burden_scheduling', type: 'smallint' })
  burdenScheduling: number;

  @Column({ name: 'burden_cost', type: 'smallint' })
  burdenCost: number;

  /** Agreement with "I know why each procedure is done", 1 to 5. */
  @Column({ type: 'smallint' })
  understanding: number;

  @Column({ name: 'would_recommend', type: 'boolean' })
  wouldRecommend: boolean;

  /** Null when the respondent did not stop taking part. */
  @Column({ name: 'discontinuation_reason', type: 'text', nullable: true })
  discontinuationReason: DiscontinuationReason | null;
}
