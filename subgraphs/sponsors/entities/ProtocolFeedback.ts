import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrialEntity } from './Trial';

@Entity({ name: 'protocol_feedback' })
export class ProtocolFeedbackEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'trial_id', type: 'text' })
  trialId: string;

  @ManyToOne(() => TrialEntity)
  @JoinColumn({ name: 'trial_id' })
  trial?: TrialEntity;

  @Column({ name: 'protocol_version', type: 'integer' })
  protocolVersion: number;

  /** A site id (sites subgraph): a reference, not a foreign key. */
  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  /** Moves on with every write, so a write made on a stale read is refused (CONFLICT). */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
