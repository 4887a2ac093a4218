import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'engagement_actions' })
export class EngagementActionEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'engagement_id', type: 'text' })
  engagementId: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'raised_by', type: 'text' })
  raisedBy: string;

  @Column({ type: 'text' })
  severity: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  /** Null while the action is open. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** Moves on by one with every write: the caller's expectedVersion must match it. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
