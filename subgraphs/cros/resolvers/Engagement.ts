import type { EngagementActionEntity, EngagementEntity } from '../entities';
import type { CrosContext } from '../loaders';
import { inActivityOrder, responsibilityConflicts, responsibilityGaps } from '../raci';

type ActionStatus = 'OPEN' | 'RESOLVED';

const actionStatus = (action: EngagementActionEntity): ActionStatus => (action.resolvedAt === null ? 'OPEN' : 'RESOLVED');

export const Engagement = {
  cro: (engagement: EngagementEntity, _: unknown, { loaders }: CrosContext) => loaders.croById.load(engagement.croId),

  sponsor: (engagement: EngagementEntity) => ({ __typename: 'Sponsor', id: engagement.sponsorId }),

  trial: (engagement: EngagementEntity) => ({ __typename: 'Trial', id: engagement.trialId }),

  responsibilities: async (engagement: EngagementEntity, _: unknown, { loaders }: CrosContext) =>
    inActivityOrder(await loaders.responsibilitiesByEngagement.load(engagement.id)),

  responsibilityGaps: async (engagement: EngagementEntity, _: unknown, { loaders }: CrosContext) =>
    responsibilityGaps(engagement.servicesInScope, await loaders.responsibilitiesByEngagement.load(engagement.id)),

  responsibilityConflicts: async (engagement: EngagementEntity, _: unknown, { loaders }: CrosContext) =>
    responsibilityConflicts(await loaders.responsibilitiesByEngagement.load(engagement.id)),

  kpis: (engagement: EngagementEntity, _: unknown, { loaders }: CrosContext) => loaders.kpisByEngagement.load(engagement.id),

  communicationPlan: (engagement: EngagementEntity) =>
    engagement.communicationCadence === null
      ? null
      : {
          cadence: engagement.communicationCadence,
          languages: engagement.communicationLanguages ?? [],
          escalationPath: engagement.escalationPath ?? [],
        },

  actions: async (engagement: EngagementEntity, args: { status?: ActionStatus | null }, { loaders }: CrosContext) => {
    const actions = await loaders.actionsByEngagement.load(engagement.id);
    return args.status ? actions.filter((action) => actionStatus(action) === args.status) : actions;
  },

  monitoringVisits: (engagement: EngagementEntity, _: unknown, { loaders }: CrosContext) =>
    loaders.monitoringVisitsByEngagement.load(engagement.id),
};

export const EngagementAction = {
  status: actionStatus,
};
