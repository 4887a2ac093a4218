import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { ReviewFindingEntity } from './ReviewFinding';

/** A patient advocates' review of one protocol version of a trial. */
@Entity({ name: 'advocate_reviews' })
export class AdvocateReviewEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  /** The advocacy group that ran the review: a PATIENT_ADVOCATE caller's organisation. */
  @Column({ name: 'advocacy_group_id', type: 'text' })
  advocacyGroupId: string;

  /** A trial id, owned by the sponsors subgraph. */
  @Column({ name: 'trial_id', type: 'text' })
  trialId: string;

  @Column({ name: 'protocol_version', type: 'integer' })
  protocolVersion: number;

  @Column({ type: 'text' })
  format: 'SITE_RUN_THROUGH' | 'PANEL' | 'SURVEY';

  @Column({ name: 'reviewed_on', type: 'date' })
  reviewedOn: string;

  @OneToMany(() => ReviewFindingEntity, (finding) => finding.review)
  findings: ReviewFindingEntity[];
}
