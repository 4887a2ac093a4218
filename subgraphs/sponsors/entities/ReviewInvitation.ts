import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrialEntity } from './Trial';

/** A sponsor asking one advocacy group to review its trial's protocol: what shows the group the trial. */
@Entity({ name: 'review_invitations' })
export class ReviewInvitationEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'trial_id', type: 'text' })
  trialId: string;

  @ManyToOne(() => TrialEntity)
  @JoinColumn({ name: 'trial_id' })
  trial?: TrialEntity;

  /** An advocacy group id (the groups are the insights subgraph's): a reference, not a foreign key. */
  @Column({ name: 'advocacy_group_id', type: 'text' })
  advocacyGroupId: string;

  @Column({ name: 'invited_on', type: 'date' })
  invitedOn: string;
}
