import { croOf, type EngagementLists } from '../loaders';
import { asksFor, type Selection } from '../../shared/selections';
import type { EngagementActionEntity } from '../entities';
import type { ActionStatus, EngagementActionResolvers, EngagementResolvers } from '../generated/resolvers';
import { inActivityOrder, responsibilityConflicts, responsibilityGaps } from '../raci';

/** Which of their lists a field serving engagements is asked for, to read with the engagements. */
export const engagementListsAsked = (engagements: Selection): EngagementLists => ({
  responsibilities: ['responsibilities', 'responsibilityGaps', 'responsibilityConflicts'].some((field) => asksFor(engagements, 'Engagement', field)),
  kpis: asksFor(engagements, 'Engagement', 'kpis'),
  actions: asksFor(engagements, 'Engagement', 'actions'),
});

const actionStatus = (action: EngagementActionEntity): ActionStatus => (action.resolvedAt === null ? 'OPEN' : 'RESOLVED');

export const Engagement: EngagementResolvers = {
  cro: (engagement, _, { loaders }) => croOf(loaders, engagement.croId),

  sponsor: (engagement) => ({ __typename: 'Sponsor', id: engagement.sponsorId }),

  trial: (engagement) => ({ __typename: 'Trial', id: engagement.trialId }),

  responsibilities: async (engagement, _, { loaders }) =>
    inActivityOrder(await loaders.responsibilitiesByEngagement.load(engagement.id)),

  responsibilityGaps: async (engagement, _, { loaders }) =>
    responsibilityGaps(engagement.servicesInScope, await loaders.responsibilitiesByEngagement.load(engagement.id)),

  responsibilityConflicts: async (engagement, _, { loaders }) =>
    responsibilityConflicts(await loaders.responsibilitiesByEngagement.load(engagement.id)),

  kpis: (engagement, _, { loaders }) => loaders.kpisByEngagement.load(engagement.id),

  communicationPlan: (engagement) =>
    engagement.communicationCadence === null
      ? null
      : {
          cadence: engagement.communicationCadence,
          languages: engagement.communicationLanguages ?? [],
          escalationPath: engagement.escalationPath ?? [],
        },

  actions: async (engagement, args, { loaders }) => {
    const actions = await loaders.actionsByEngagement.load(engagement.id);
    return args.status ? actions.filter((action) => actionStatus(action) === args.status) : actions;
  },

  monitoringVisits: (engagement, _, { loaders }) => loaders.monitoringVisitsByEngagement.load(engagement.id),
};

export const EngagementAction: EngagementActionResolvers = {
  status: actionStatus,
};
