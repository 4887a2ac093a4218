import { AdvocateReviewEntity } from './AdvocateReview';
import { ReviewFindingEntity } from './ReviewFinding';
import { SurveyResponseEntity, type DiscontinuationReason } from './SurveyResponse';

export { AdvocateReviewEntity, ReviewFindingEntity, SurveyResponseEntity, type DiscontinuationReason };
export const insightsEntities = [SurveyResponseEntity, AdvocateReviewEntity, ReviewFindingEntity];
