import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'sponsors' })
export class SponsorEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'country_code', type: 'char', length: 2, nullable: true })
  countryCode: string | null;
}
