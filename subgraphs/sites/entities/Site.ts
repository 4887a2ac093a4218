import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ShareAudience, SiteKind } from '../generated/resolvers';

@Entity({ name: 'sites' })
export class SiteEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Null for a site imported from the registry, which does not say. */
  @Column({ type: 'text', nullable: true })
  kind: SiteKind | null;

  @Column({ type: 'text' })
  city: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ name: 'country_code', type: 'char', length: 2 })
  countryCode: string;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lon: number | null;

  /** Null for a site imported from the registry, which does not say. */
  @Column({ type: 'text', nullable: true })
  timezone: string | null;

  @Column({ type: 'text', array: true })
  languages: string[];

  @Column({ name: 'therapeutic_areas', type: 'text', array: true })
  therapeuticAreas: string[];

  @Column({ name: 'communities_served', type: 'text', array: true })
  communitiesServed: string[];

  @Column({ name: 'max_concurrent_trials', type: 'integer', nullable: true })
  maxConcurrentTrials: number | null;

  @Column({ name: 'coordinator_fte', type: 'double precision', nullable: true })
  coordinatorFte: number | null;

  @Column({ name: 'weekly_visit_slots', type: 'integer', nullable: true })
  weeklyVisitSlots: number | null;

  @Column({ name: 'share_capacity', type: 'text' })
  shareCapacity: ShareAudience;

  @Column({ name: 'share_staff', type: 'text' })
  shareStaff: ShareAudience;

  @Column({ name: 'share_assets', type: 'text' })
  shareAssets: ShareAudience;

  /** Optimistic concurrency: every write to the row names the version it read and moves it on by one. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
