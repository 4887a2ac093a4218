import { In, type DataSource } from 'typeorm';
import { listLoader, rowLoader } from '../shared/loaders';
import { entityColumns } from '../shared/raw-rows';
import { AssetEntity, BlackoutPeriodEntity, SiteEntity, StaffMemberEntity, TrainingEntity } from './entities';

/** The sites subgraph's loaders, made afresh for every request. */
export function createSitesLoaders(db: DataSource) {
  const site = entityColumns(db, SiteEntity, 'site');
  const staff = entityColumns(db, StaffMemberEntity, 'staff');
  const siteById = rowLoader(
    async (ids: readonly string[]) => (await db.query(`SELECT ${site.select} FROM ${site.from} WHERE site.id = ANY($1::text[])`, [ids])).map(site.read),
    (site: SiteEntity) => site.id,
  );
  const staffBySite = listLoader(
    (siteIds: readonly string[]) =>
      db.getRepository(StaffMemberEntity).find({
        where: { siteId: In([...siteIds]) },
        order: { startedOn: 'ASC', id: 'ASC' },
      }),
    (member) => member.siteId,
  );
  return {
    // Explicit SQL (see shared/raw-rows.ts): every entity fetch of sites reads it.
    siteById,
    staffBySite,
    /**
     * A site with its staff in one statement, for a caller who sees every part of it (the site
     * itself, platform admins) and asks for both: the site's own SitePartnerships page. The staff
     * come in staffBySite's order and are kept there; the site is kept in siteById.
     */
    siteWithStaffById: rowLoader(
      async (ids: readonly string[]) => {
        const rows: Record<string, unknown>[] = await db.query(
          `SELECT ${site.select},
             ${staff.jsonList({ where: 'staff.site_id = site.id', order: 'staff.started_on ASC, staff.id ASC' })} AS "site.staff"
           FROM ${site.from} WHERE site.id = ANY($1::text[])`,
          [ids],
        );
        return rows.map((row) => {
          const record = site.read(row);
          siteById.prime(record.id, record);
          staffBySite.prime(record.id, (row['site.staff'] as Record<string, unknown>[]).map(staff.readJson));
          return record;
        });
      },
      (site: SiteEntity) => site.id,
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
