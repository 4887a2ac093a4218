import type { ProtocolFeedbackResolvers } from '../generated/resolvers';
import { existing } from '../../shared/loaders';
import { responseDays } from '../measures';

export const ProtocolFeedback: ProtocolFeedbackResolvers = {
  trial: (feedback, _, { loaders }) =>
    existing(loaders.trialById, feedback.trialId),

  site: (feedback) => ({ __typename: 'Site', id: feedback.siteId }),

  responseDays: (feedback) => responseDays(feedback.raisedAt, feedback.respondedAt),
};
