import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssetKind } from '../generated/resolvers';

@Entity({ name: 'site_assets' })
export class AssetEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ type: 'text' })
  kind: AssetKind;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'integer' })
  quantity: number;

  /** A sponsor id: the sponsor lives in another subgraph, so this is a reference, not a foreign key. */
  @Column({ name: 'funded_by_sponsor_id', type: 'text', nullable: true })
  fundedBySponsorId: string | null;

  @Column({ type: 'boolean' })
  reusable: boolean;
}
