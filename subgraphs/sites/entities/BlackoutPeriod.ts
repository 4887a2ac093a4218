import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'site_blackout_periods' })
export class BlackoutPeriodEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
