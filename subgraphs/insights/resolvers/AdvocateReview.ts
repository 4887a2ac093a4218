import type { AdvocateReviewEntity } from '../entities';

// Findings come with the review (one LEFT JOIN); the trial is the sponsors subgraph's, by its key.
export const AdvocateReview = {
  trial: (review: AdvocateReviewEntity) => ({ id: review.trialId }),
};
