import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SponsorEntity } from './Sponsor';
import type { RegistryDateType } from '../generated/resolvers';

/** A collaborator the registry names that is not a CRO. */
export interface Collaborator {
  name: string;
  /** The registry's class: INDUSTRY, OTHER, NIH, FED, OTHER_GOV, NETWORK, INDIV, UNKNOWN, … */
  registryClass: string;
}

/** Whether a registry date has happened or is expected (a CHECK constraint holds the column to these). */

/** ACTUAL or ESTIMATED, as the schema's RegistryDateType. */
export type RegistryDateKind = RegistryDateType;

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

  /** Null for a trial imported from the registry, which does not classify by area. */
  @Column({ name: 'therapeutic_area', type: 'text', nullable: true })
  therapeuticArea: string | null;

  @Column({ type: 'text', array: true })
  conditions: string[];

  @Column({ name: 'enrollment_target', type: 'integer', nullable: true })
  enrollmentTarget: number | null;

  @Column({ name: 'planned_start_on', type: 'date', nullable: true })
  plannedStartOn: string | null;

  @Column({ name: 'planned_end_on', type: 'date', nullable: true })
  plannedEndOn: string | null;

  @Column({ name: 'enrollment_actual', type: 'integer', nullable: true })
  enrollmentActual: number | null;

  // The registry's dates: yyyy, yyyy-MM or yyyy-MM-dd as it gives them, and ACTUAL or ESTIMATED.
  @Column({ name: 'start_date', type: 'text', nullable: true })
  startDate: string | null;

  @Column({ name: 'start_date_type', type: 'text', nullable: true })
  startDateType: RegistryDateKind | null;

  @Column({ name: 'primary_completion_date', type: 'text', nullable: true })
  primaryCompletionDate: string | null;

  @Column({ name: 'primary_completion_date_type', type: 'text', nullable: true })
  primaryCompletionDateType: RegistryDateKind | null;

  @Column({ name: 'completion_date', type: 'text', nullable: true })
  completionDate: string | null;

  @Column({ name: 'completion_date_type', type: 'text', nullable: true })
  completionDateType: RegistryDateKind | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  collaborators: Collaborator[];

  /** The registry's overall status of the record imported, as it gives it. */
  @Column({ name: 'registry_status', type: 'text', nullable: true })
  registryStatus: string | null;

  /** When the registry posted the record imported: a later one updates the trial, an earlier one does not. */
  @Column({ name: 'registry_updated_on', type: 'date', nullable: true })
  registryUpdatedOn: string | null;

  /** Moves on with every write, so a write made on a stale read is refused (CONFLICT). */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
