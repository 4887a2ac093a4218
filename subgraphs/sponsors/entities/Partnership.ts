import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SponsorEntity } from './Sponsor';

@Entity({ name: 'partnerships' })
export class PartnershipEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'sponsor_id', type: 'text' })
  sponsorId: string;

  @ManyToOne(() => SponsorEntity)
  @JoinColumn({ name: 'sponsor_id' })
  sponsor?: SponsorEntity;

  /** A site id (sites subgraph): a reference, not a foreign key. */
  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ type: 'date' })
  since: string;
}
