import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CroEntity } from './Cro';

@Entity({ name: 'engagements' })
export class EngagementEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'cro_id', type: 'text' })
  croId: string;

  /** Joined where a list serves engagements with their CRO in one statement. */
  @ManyToOne(() => CroEntity)
  @JoinColumn({ name: 'cro_id' })
  cro?: CroEntity;

  /** Sponsor and trial live in the sponsors subgraph: references, not foreign keys. */
  @Column({ name: 'sponsor_id', type: 'text' })
  sponsorId: string;

  @Column({ name: 'trial_id', type: 'text' })
  trialId: string;

  @Column({ name: 'services_in_scope', type: 'text', array: true })
  servicesInScope: string[];

  /** Null for an engagement imported from the registry, which does not say when the work began. */
  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  // The communication plan: all three set, or none (no plan agreed yet).
  @Column({ name: 'communication_cadence', type: 'text', nullable: true })
  communicationCadence: string | null;

  @Column({ name: 'communication_languages', type: 'text', array: true, nullable: true })
  communicationLanguages: string[] | null;

  @Column({ name: 'escalation_path', type: 'text', array: true, nullable: true })
  escalationPath: string[] | null;

  /** Moves on by one with every write: the caller's expectedVersion must match it. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}

/** The communication plan as the engagement's columns hold it (Engagement.communicationPlan). */
export interface CommunicationPlanColumns {
  cadence: string;
  languages: string[];
  escalationPath: string[];
}
