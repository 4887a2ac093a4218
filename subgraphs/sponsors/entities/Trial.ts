import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SponsorEntity } from './Sponsor';

@Entity({ name: 'trials' })
export class TrialEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'nct_id', type: 'text' })
  nctId: string;

  @Column({ name: 'sponsor_id', type: 'text' })
  sponsorId: string;

  /** Joined only where a list serves trials with their sponsor in one statement. */
  @ManyToOne(() => SponsorEntity)
  @JoinColumn({ name: 'sponsor_id' })
  sponsor?: SponsorEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  phase: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'therapeutic_area', type: 'text' })
  therapeuticArea: string;

  @Column({ type: 'text', array: true })
  conditions: string[];

  @Column({ name: 'enrollment_target', type: 'integer', nullable: true })
  enrollmentTarget: number | null;

  @Column({ name: 'planned_start_on', type: 'date', nullable: true })
  plannedStartOn: string | null;

  @Column({ name: 'planned_end_on', type: 'date', nullable: true })
  plannedEndOn: string | null;

  /** Moves on with every write, so a write made on a stale read is refused (CONFLICT). */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
