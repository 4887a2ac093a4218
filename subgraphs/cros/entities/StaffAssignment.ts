import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'staff_assignments' })
export class StaffAssignmentEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'cro_id', type: 'text' })
  croId: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'text' })
  pseudonym: string;

  /** Site and trial live in other subgraphs: references, not foreign keys. */
  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ name: 'trial_id', type: 'text' })
  trialId: string;

  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  /** Moves on by one with every write: the caller's expectedVersion must match it. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
