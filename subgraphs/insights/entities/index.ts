import { AdvocateReviewEntity } from './AdvocateReview';
import { ReviewFindingEntity, type SponsorDecision } from './ReviewFinding';
import { SurveyResponseEntity, type DiscontinuationReason } from './SurveyResponse';

export { AdvocateReviewEntity, ReviewFindingEntity, SurveyResponseEntity, type DiscontinuationReason, type SponsorDecision };
export const insightsEntities = [SurveyResponseEntity, AdvocateReviewEntity, ReviewFindingEntity];
