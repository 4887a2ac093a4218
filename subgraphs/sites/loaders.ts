import { In, type DataSource } from 'typeorm';
import { listLoader, rowLoader } from '../shared/loaders';
import { AssetEntity, BlackoutPeriodEntity, SiteEntity, StaffMemberEntity, TrainingEntity } from './entities';

/** The sites subgraph's loaders, made afresh for every request. */
export function createSitesLoaders(db: DataSource) {
  return {
    siteById: rowLoader(
      (ids: readonly string[]) => db.getRepository(SiteEntity).findBy({ id: In([...ids]) }),
      (site) => site.id,
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
