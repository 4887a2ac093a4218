import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AdvocateReviewEntity } from './AdvocateReview';
import type { SponsorDecision } from '../generated/resolvers';


export type { SponsorDecision };

@Entity({ name: 'review_findings' })
export class ReviewFindingEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'review_id', type: 'text' })
  reviewId: string;

  @ManyToOne(() => AdvocateReviewEntity, (review) => review.findings, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review: AdvocateReviewEntity;

  /** The part of the protocol the finding is about, in the advocates' words (e.g. "visit schedule"). */
  @Column({ type: 'text' })
  area: string;

  @Column({ type: 'text' })
  severity: 'LOW' | 'MEDIUM' | 'HIGH';

  @Column({ type: 'text' })
  recommendation: string;

  @Column({ name: 'sponsor_decision', type: 'text' })
  sponsorDecision: SponsorDecision;

  /** Moves on with every decision, so a sponsor deciding on what it read never overwrites another decision. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
