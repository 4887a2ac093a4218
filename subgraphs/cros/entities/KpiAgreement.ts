import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'kpi_agreements' })
export class KpiAgreementEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'engagement_id', type: 'text' })
  engagementId: string;

  @Column({ type: 'text' })
  kpi: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'double precision' })
  target: number;

  @Column({ type: 'double precision', nullable: true })
  actual: number | null;

  @Column({ type: 'text' })
  status: string;
}
