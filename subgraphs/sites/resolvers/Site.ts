import type {
  SiteAssetResolvers,
  SiteCapacityResolvers,
  SiteResolvers,
  SiteStaffMemberResolvers,
} from '../generated/resolvers';

/** A site's capacity as the site stated it: the site row's capacity columns, once it has. */
export interface StatedCapacity {
  siteId: string;
  maxConcurrentTrials: number;
  coordinatorFte: number;
  weeklyVisitSlots: number;
}

export const Site: SiteResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.siteById.load(reference.id),

  address: (site) => ({
    city: site.city,
    region: site.region,
    postalCode: site.postalCode,
    countryCode: site.countryCode,
  }),

  geo: (site) => (site.lat === null || site.lon === null ? null : { lat: site.lat, lon: site.lon }),

  // Operational parts: the policy is asked before anything is read, so a refusal costs no SQL.
  staff: async (site, _, { access, loaders }) => {
    await access.read('staff', site);
    return loaders.staffBySite.load(site.id);
  },

  capacity: async (site, _, { access }) => {
    await access.read('capacity', site);
    return site.maxConcurrentTrials === null
      ? null
      : {
          siteId: site.id,
          maxConcurrentTrials: site.maxConcurrentTrials,
          coordinatorFte: site.coordinatorFte ?? 0,
          weeklyVisitSlots: site.weeklyVisitSlots ?? 0,
        };
  },

  assets: async (site, _, { access, loaders }) => {
    await access.read('assets', site);
    return loaders.assetsBySite.load(site.id);
  },

  // The version moves when any part changes: only who may read every part reads it.
  version: async (site, _, { access }) => (await access.read('version', site)).version,

  sharingPolicy: async (site, _, { access }) => {
    await access.read('sharingPolicy', site);
    return { capacity: site.shareCapacity, staff: site.shareStaff, assets: site.shareAssets };
  },
};

export const SiteCapacity: SiteCapacityResolvers = {
  blackoutPeriods: (capacity, _, { loaders }) => loaders.blackoutsBySite.load(capacity.siteId),
};

export const SiteStaffMember: SiteStaffMemberResolvers = {
  trainings: (member, _, { loaders }) => loaders.trainingsByStaffMember.load(member.id),
};

export const SiteAsset: SiteAssetResolvers = {
  fundedBy: (asset) => (asset.fundedBySponsorId ? { __typename: 'Sponsor', id: asset.fundedBySponsorId } : null),
};
