import { In, type DataSource } from 'typeorm';
import { listLoader, rowLoader } from '../shared/loaders';
import { entityColumns } from '../shared/raw-rows';
import { AssetEntity, BlackoutPeriodEntity, SiteEntity, StaffMemberEntity, TrainingEntity } from './entities';

/** The sites subgraph's loaders, made afresh for every request. */
export function createSitesLoaders(db: DataSource) {
  const site = entityColumns(db, SiteEntity, 'site');
  return {
    // Explicit SQL (see shared/raw-rows.ts): every entity fetch of sites reads it.
    siteById: rowLoader(
      async (ids: readonly string[]) =>
        (await db.query(`SELECT ${site.select} FROM ${site.from} WHERE site.id = ANY($1::text[])`, [ids])).map(site.read),
      (site: SiteEntity) => site.id,
    ),
    staffBySite: listLoader(
      (siteIds: readonly string[]) =>
        db.getRepository(StaffMemberEntity).find({
          where: { siteId: In([...siteIds]) },
          order: { startedOn: 'ASC', id: 'ASC' },
        }),
      (member) => member.siteId,
    ),
    trainingsByStaffMember: listLoader(
      (memberIds: readonly string[]) =>
        db.getRepository(TrainingEntity).find({
          where: { staffMemberId: In([...memberIds]) },
          order: { completedOn: 'ASC', id: 'ASC' },
        }),
      (training) => training.staffMemberId,
    ),
    blackoutsBySite: listLoader(
      (siteIds: readonly string[]) =>
        db.getRepository(BlackoutPeriodEntity).find({
          where: { siteId: In([...siteIds]) },
          order: { startsOn: 'ASC', id: 'ASC' },
        }),
      (period) => period.siteId,
    ),
    assetsBySite: listLoader(
      (siteIds: readonly string[]) =>
        db.getRepository(AssetEntity).find({ where: { siteId: In([...siteIds]) }, order: { id: 'ASC' } }),
      (asset) => asset.siteId,
    ),
  };
}

export type SitesLoaders = ReturnType<typeof createSitesLoaders>;
