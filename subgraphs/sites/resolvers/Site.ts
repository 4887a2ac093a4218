import type { SiteEntity, StaffMemberEntity } from '../entities';
import type { SitesContext } from '../loaders';
import { requireSharedWithCaller, requireSiteOrAdmin } from '../sharing-policy';

export const Site = {
  __resolveReference: (reference: { id: string }, { loaders }: SitesContext) => loaders.siteById.load(reference.id),

  address: (site: SiteEntity) => ({
    city: site.city,
    region: site.region,
    postalCode: site.postalCode,
    countryCode: site.countryCode,
  }),

  geo: (site: SiteEntity) => (site.lat === null || site.lon === null ? null : { lat: site.lat, lon: site.lon }),

  // Operational parts: the policy is checked before anything is read, so a refusal costs no SQL.
  staff: async (site: SiteEntity, _: unknown, context: SitesContext) => {
    await requireSharedWithCaller(site, 'staff', context);
    return context.loaders.staffBySite.load(site.id);
  },

  capacity: async (site: SiteEntity, _: unknown, context: SitesContext) => {
    await requireSharedWithCaller(site, 'capacity', context);
    return site.maxConcurrentTrials === null
      ? null
      : {
          siteId: site.id,
          maxConcurrentTrials: site.maxConcurrentTrials,
          coordinatorFte: site.coordinatorFte ?? 0,
          weeklyVisitSlots: site.weeklyVisitSlots ?? 0,
        };
  },

  assets: async (site: SiteEntity, _: unknown, context: SitesContext) => {
    await requireSharedWithCaller(site, 'assets', context);
    return context.loaders.assetsBySite.load(site.id);
  },

  sharingPolicy: (site: SiteEntity, _: unknown, { caller }: SitesContext) => {
    requireSiteOrAdmin(site, 'sharing policy', caller);
    return { capacity: site.shareCapacity, staff: site.shareStaff, assets: site.shareAssets };
  },
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
