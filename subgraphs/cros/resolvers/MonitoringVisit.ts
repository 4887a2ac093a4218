import type { MonitoringVisitEntity } from '../entities';
import type { CrosContext } from '../loaders';
import { followUpLetterLagDays } from '../measures';

export const MonitoringVisit = {
  engagement: (visit: MonitoringVisitEntity, _: unknown, { loaders }: CrosContext) =>
    loaders.engagementById.load(visit.engagementId),

  site: (visit: MonitoringVisitEntity) => ({ __typename: 'Site', id: visit.siteId }),

  followUpLetterLagDays: (visit: MonitoringVisitEntity) => followUpLetterLagDays(visit),
};
