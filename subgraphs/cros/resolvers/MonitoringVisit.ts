import { existing } from '../../shared/loaders';
import type { MonitoringVisitResolvers } from '../generated/resolvers';
import { followUpLetterLagDays } from '../measures';

export const MonitoringVisit: MonitoringVisitResolvers = {
  // A site sees the visits made to it, not the contract between its CRO and sponsor behind them.
  engagement: async (visit, _, { access, loaders }) =>
    access.read('engagement', await existing(loaders.engagementById, visit.engagementId)),

  site: (visit) => ({ __typename: 'Site', id: visit.siteId }),

  followUpLetterLagDays: (visit) => followUpLetterLagDays(visit),
};
