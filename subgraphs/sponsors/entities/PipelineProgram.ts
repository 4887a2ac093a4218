import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SponsorEntity } from './Sponsor';

@Entity({ name: 'pipeline_programs' })
export class PipelineProgramEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'sponsor_id', type: 'text' })
  sponsorId: string;

  @ManyToOne(() => SponsorEntity)
  @JoinColumn({ name: 'sponsor_id' })
  sponsor?: SponsorEntity;

  @Column({ type: 'text' })
  indication: string;

  @Column({ name: 'therapeutic_area', type: 'text' })
  therapeuticArea: string;

  @Column({ type: 'text' })
  phase: string;

  @Column({ name: 'planned_start_quarter', type: 'text' })
  plannedStartQuarter: string;

  @Column({ name: 'estimated_sites', type: 'integer' })
  estimatedSites: number;

  @Column({ type: 'text', array: true })
  countries: string[];

  /** Moves on with every write, so a write made on a stale read is refused (CONFLICT). */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
