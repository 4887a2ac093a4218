import type { InvestmentEntity, PartnershipEntity } from '../entities';
import type { SponsorsContext } from '../loaders';
import { longestGapMonths, roundToTenth } from '../measures';

// The trials and feedback of a partnership are those of the sponsor's trials at the site.
const atSite = (partnership: PartnershipEntity) => ({ sponsorId: partnership.sponsorId, siteId: partnership.siteId });

export const Partnership = {
  sponsor: (partnership: PartnershipEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.sponsorById.load(partnership.sponsorId),

  site: (partnership: PartnershipEntity) => ({ __typename: 'Site', id: partnership.siteId }),

  trialCount: async (partnership: PartnershipEntity, _: unknown, { loaders }: SponsorsContext) =>
    (await loaders.trialSitesBySponsorAtSite.load(atSite(partnership))).length,

  trials: (partnership: PartnershipEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.trialSitesBySponsorAtSite.load(atSite(partnership)),

  investments: (partnership: PartnershipEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.investmentsByPartnership.load(partnership.id),

  longestGapMonths: async (partnership: PartnershipEntity, _: unknown, { loaders, today }: SponsorsContext) =>
    longestGapMonths(await loaders.trialSitesBySponsorAtSite.load(atSite(partnership)), today),

  medianFeedbackResponseDays: async (partnership: PartnershipEntity, _: unknown, { loaders }: SponsorsContext) => {
    const median = await loaders.medianResponseDaysBySponsorAtSite.load(atSite(partnership));
    return median === null ? null : roundToTenth(median.days);
  },

  feedback: (partnership: PartnershipEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.feedbackBySponsorAtSite.load(atSite(partnership)),
};

export const Investment = {
  amount: (investment: InvestmentEntity) => ({ amount: investment.amount, currency: investment.currency }),
};
