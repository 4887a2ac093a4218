import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'staff_trainings' })
export class TrainingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'staff_member_id', type: 'text' })
  staffMemberId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'completed_on', type: 'date' })
  completedOn: string;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;
}
