import { canSeeEngagement, engagementForbidden } from '../access';
import type { MonitoringVisitEntity } from '../entities';
import type { CrosContext } from '../loaders';
import { followUpLetterLagDays } from '../measures';

export const MonitoringVisit = {
  // A site sees the visits made to it, not the contract between its CRO and sponsor behind them.
  engagement: async (visit: MonitoringVisitEntity, _: unknown, { caller, loaders }: CrosContext) => {
    const engagement = await loaders.engagementById.load(visit.engagementId);
    if (engagement && !canSeeEngagement(caller, engagement)) throw engagementForbidden(caller, engagement);
    return engagement;
  },

  site: (visit: MonitoringVisitEntity) => ({ __typename: 'Site', id: visit.siteId }),

  followUpLetterLagDays: (visit: MonitoringVisitEntity) => followUpLetterLagDays(visit),
};
