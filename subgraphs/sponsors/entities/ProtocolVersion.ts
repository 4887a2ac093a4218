import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ScheduledVisit {
  number: number;
  name: string;
  dayOffset: number;
  durationMinutes: number;
  /** Names of procedures listed in the version's `procedures`. */
  procedures: string[];
}

export interface ProtocolProcedure {
  name: string;
  invasive: boolean;
  patientReported: boolean;
  durationMinutes: number;
}

@Entity({ name: 'protocol_versions' })
export class ProtocolVersionEntity {
  @PrimaryColumn({ name: 'trial_id', type: 'text' })
  trialId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ name: 'amendment_reason', type: 'text', nullable: true })
  amendmentReason: string | null;

  /** The schedule is read and written whole with its version, so it is kept as a document. */
  @Column({ type: 'jsonb' })
  visits: ScheduledVisit[];

  @Column({ type: 'jsonb' })
  procedures: ProtocolProcedure[];

  @Column({ name: 'inclusion_criteria_count', type: 'integer', nullable: true })
  inclusionCriteriaCount: number | null;

  @Column({ name: 'exclusion_criteria_count', type: 'integer', nullable: true })
  exclusionCriteriaCount: number | null;

  @Column({ name: 'primary_endpoints', type: 'integer' })
  primaryEndpoints: number;

  @Column({ name: 'secondary_endpoints', type: 'integer' })
  secondaryEndpoints: number;

  @Column({ name: 'other_endpoints', type: 'integer' })
  otherEndpoints: number;

  @Column({ type: 'text', array: true })
  countries: string[];

  /** Written by the registry import, which may rewrite it; a sponsor's own versions it never touches. */
  @Column({ name: 'from_registry', type: 'boolean', default: false })
  fromRegistry: boolean;
}
