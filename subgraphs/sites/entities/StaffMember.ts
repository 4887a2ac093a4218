import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StaffRole } from '../generated/resolvers';

@Entity({ name: 'site_staff' })
export class StaffMemberEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ type: 'text' })
  role: StaffRole;

  @Column({ type: 'double precision' })
  fte: number;

  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  /** Optimistic concurrency, as on the site. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
