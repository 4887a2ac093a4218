import type { SiteEntity, StaffMemberEntity } from '../entities';
import type { SitesContext } from '../loaders';

export const Site = {
  __resolveReference: (reference: { id: string }, { loaders }: SitesContext) => loaders.siteById.load(reference.id),

  address: (site: SiteEntity) => ({
    city: site.city,
    region: site.region,
    postalCode: site.postalCode,
    countryCode: site.countryCode,
  }),

  geo: (site: SiteEntity) => (site.lat === null || site.lon === null ? null : { lat: site.lat, lon: site.lon }),

  staff: (site: SiteEntity, _: unknown, { loaders }: SitesContext) => loaders.staffBySite.load(site.id),

  capacity: (site: SiteEntity) =>
    site.maxConcurrentTrials === null
      ? null
      : {
          siteId: site.id,
          maxConcurrentTrials: site.maxConcurrentTrials,
          coordinatorFte: site.coordinatorFte ?? 0,
          weeklyVisitSlots: site.weeklyVisitSlots ?? 0,
        },

  assets: (site: SiteEntity, _: unknown, { loaders }: SitesContext) => loaders.assetsBySite.load(site.id),

  sharingPolicy: (site: SiteEntity) => ({
    capacity: site.shareCapacity,
    staff: site.shareStaff,
    assets: site.shareAssets,
  }),
};

export const SiteCapacity = {
  blackoutPeriods: (capacity: { siteId: string }, _: unknown, { loaders }: SitesContext) =>
    loaders.blackoutsBySite.load(capacity.siteId),
};

export const SiteStaffMember = {
  trainings: (member: StaffMemberEntity, _: unknown, { loaders }: SitesContext) =>
    loaders.trainingsByStaffMember.load(member.id),
};

export const SiteAsset = {
  fundedBy: (asset: { fundedBySponsorId: string | null }) =>
    asset.fundedBySponsorId ? { __typename: 'Sponsor', id: asset.fundedBySponsorId } : null,
};
