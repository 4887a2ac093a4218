import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'investments' })
export class InvestmentEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'partnership_id', type: 'text' })
  partnershipId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  description: string;

  /** numeric keeps cents exact in the database; both drivers hand it over as a string. */
  @Column({
    type: 'numeric',
    precision: 14,
    scale: 2,
    transformer: { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) },
  })
  amount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'reusable_beyond_trial', type: 'boolean' })
  reusableBeyondTrial: boolean;

  @Column({ name: 'invested_on', type: 'date' })
  investedOn: string;
}
