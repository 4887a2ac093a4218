import type { ProtocolFeedbackEntity } from '../entities';
import type { SponsorsContext } from '../loaders';
import { responseDays } from '../measures';

export const ProtocolFeedback = {
  trial: (feedback: ProtocolFeedbackEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.trialById.load(feedback.trialId),

  site: (feedback: ProtocolFeedbackEntity) => ({ __typename: 'Site', id: feedback.siteId }),

  responseDays: (feedback: ProtocolFeedbackEntity) => responseDays(feedback.raisedAt, feedback.respondedAt),
};
