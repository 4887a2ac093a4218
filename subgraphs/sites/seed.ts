import type { DataSource } from 'typeorm';
import type { DemoDataset } from '../../seed/model';
import { bulkLoad, insertInChunks } from '../shared/seeding';
import { AssetEntity, BlackoutPeriodEntity, SiteEntity, StaffMemberEntity, TrainingEntity } from './entities';

/** Stores the sites' slice of a demo dataset, all or nothing. */
export async function seedSites(db: DataSource, dataset: Pick<DemoDataset, 'sites'>): Promise<void> {
  await bulkLoad(db, () =>
    db.transaction(async (tx) => {
      await insertInChunks(
        tx,
        SiteEntity,
        dataset.sites.map((site) => ({
          id: site.id,
          name: site.name,
          kind: site.kind,
          city: site.city,
          region: site.region,
          postalCode: site.postalCode,
          countryCode: site.countryCode,
          lat: site.lat,
          lon: site.lon,
          timezone: site.timezone,
          languages: site.languages,
          therapeuticAreas: site.therapeuticAreas,
          communitiesServed: site.communitiesServed,
          maxConcurrentTrials: site.capacity.maxConcurrentTrials,
          coordinatorFte: site.capacity.coordinatorFte,
          weeklyVisitSlots: site.capacity.weeklyVisitSlots,
          shareCapacity: site.sharingPolicy.capacity,
          shareStaff: site.sharingPolicy.staff,
          shareAssets: site.sharingPolicy.assets,
        })),
      );
      await insertInChunks(
        tx,
        BlackoutPeriodEntity,
        dataset.sites.flatMap((site) => site.capacity.blackoutPeriods.map((period) => ({ siteId: site.id, ...period }))),
      );
      await insertInChunks(
        tx,
        StaffMemberEntity,
        dataset.sites.flatMap((site) =>
          site.staff.map(({ trainings: _trainings, ...member }) => ({ ...member, siteId: site.id })),
        ),
      );
      await insertInChunks(
        tx,
        TrainingEntity,
        dataset.sites.flatMap((site) =>
          site.staff.flatMap((member) => member.trainings.map((training) => ({ staffMemberId: member.id, ...training }))),
        ),
      );
      await insertInChunks(
        tx,
        AssetEntity,
        dataset.sites.flatMap((site) => site.assets.map((asset) => ({ ...asset, siteId: site.id }))),
      );
    }),
  );
}
