import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One activity's RACI row within an engagement; each list holds parties (SPONSOR, CRO, SITE). */
@Entity({ name: 'engagement_responsibilities' })
export class ResponsibilityEntity {
  @PrimaryColumn({ name: 'engagement_id', type: 'text' })
  engagementId: string;

  @PrimaryColumn({ type: 'text' })
  activity: string;

  @Column({ type: 'text', array: true })
  responsible: string[];

  @Column({ type: 'text', array: true })
  accountable: string[];

  @Column({ type: 'text', array: true })
  consulted: string[];

  @Column({ type: 'text', array: true })
  informed: string[];
}
