import type { AdvocateReviewResolvers } from '../generated/resolvers';

// Findings come with the review (one LEFT JOIN); the trial is the sponsors subgraph's, by its key.
export const AdvocateReview: AdvocateReviewResolvers = {
  trial: (review) => ({ id: review.trialId }),
};
