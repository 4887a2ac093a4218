import type { InvestmentResolvers, PartnershipResolvers } from '../generated/resolvers';
import type { PartnershipEntity } from '../entities';
import { existing } from '../../shared/loaders';
import { longestGapMonths, roundToTenth } from '../measures';

// The trials and feedback of a partnership are those of the sponsor's trials at the site.
const atSite = (partnership: PartnershipEntity) => ({ sponsorId: partnership.sponsorId, siteId: partnership.siteId });

export const Partnership: PartnershipResolvers = {
  sponsor: (partnership, _, { loaders }) =>
    existing(loaders.sponsorById, partnership.sponsorId),

  site: (partnership) => ({ __typename: 'Site', id: partnership.siteId }),

  trialCount: async (partnership, _, { loaders }) =>
    (await loaders.trialSitesBySponsorAtSite.load(atSite(partnership))).length,

  trials: (partnership, _, { loaders }) =>
    loaders.trialSitesBySponsorAtSite.load(atSite(partnership)),

  investments: (partnership, _, { loaders }) =>
    loaders.investmentsByPartnership.load(partnership.id),

  longestGapMonths: async (partnership, _, { loaders, today }) =>
    longestGapMonths(await loaders.trialSitesBySponsorAtSite.load(atSite(partnership)), today),

  medianFeedbackResponseDays: async (partnership, _, { loaders }) => {
    const median = await loaders.medianResponseDaysBySponsorAtSite.load(atSite(partnership));
    return median === null ? null : roundToTenth(median.days);
  },

  feedback: (partnership, _, { loaders }) =>
    loaders.feedbackBySponsorAtSite.load(atSite(partnership)),
};

export const Investment: InvestmentResolvers = {
  amount: (investment) => ({ amount: investment.amount, currency: investment.currency }),
};
