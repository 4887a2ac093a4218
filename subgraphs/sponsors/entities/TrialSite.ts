import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrialEntity } from './Trial';

@Entity({ name: 'trial_sites' })
export class TrialSiteEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'trial_id', type: 'text' })
  trialId: string;

  /** Joined where a list serves each participation with its trial in the same statement. */
  @ManyToOne(() => TrialEntity)
  @JoinColumn({ name: 'trial_id' })
  trial?: TrialEntity;

  /** A site id: the site lives in the sites subgraph, so this is a reference, not a foreign key. */
  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ type: 'text' })
  status: string;

  /** Null for a site imported from the registry, which does not say when it was selected. */
  @Column({ name: 'selected_on', type: 'date', nullable: true })
  selectedOn: string | null;

  @Column({ name: 'activated_on', type: 'date', nullable: true })
  activatedOn: string | null;

  @Column({ name: 'first_patient_in_on', type: 'date', nullable: true })
  firstPatientInOn: string | null;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ name: 'enrollment_target', type: 'integer', nullable: true })
  enrollmentTarget: number | null;

  // The site's figures: null where unknown (the registry gives them per trial, not per site).
  @Column({ type: 'integer', nullable: true })
  screened: number | null;

  @Column({ type: 'integer', nullable: true })
  enrolled: number | null;

  @Column({ type: 'integer', nullable: true })
  withdrawn: number | null;

  /** The location's recruitment status as the registry gives it; null when it gives none. */
  @Column({ name: 'registry_status', type: 'text', nullable: true })
  registryStatus: string | null;

  /**
   * The site's answer to its selection: PENDING until the site accepts or declines it. Only an
   * accepted selection makes the sponsor the site's partner (and lets a CRO work there).
   */
  @Column({ name: 'site_response', type: 'text', default: 'PENDING' })
  siteResponse: string;

  @Column({ name: 'responded_on', type: 'date', nullable: true })
  respondedOn: string | null;

  /** Moves on with every write, so a write made on a stale read is refused (CONFLICT). */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
