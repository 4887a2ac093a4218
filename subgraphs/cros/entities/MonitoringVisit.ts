import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'monitoring_visits' })
export class MonitoringVisitEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'engagement_id', type: 'text' })
  engagementId: string;

  /** The site lives in the sites subgraph: a reference, not a foreign key. */
  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'visited_on', type: 'date' })
  visitedOn: string;

  @Column({ type: 'integer' })
  findings: number;

  @Column({ name: 'follow_up_letter_sent_on', type: 'date', nullable: true })
  followUpLetterSentOn: string | null;

  /** Moves on by one with every write: the caller's expectedVersion must match it. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
