import type { DataSource } from 'typeorm';
import type { DemoDataset, SurveyResponseRecord } from '../../seed/model';
import { bulkLoad, insertInChunks } from '../shared/seeding';
import { AdvocateReviewEntity, ReviewFindingEntity, SurveyResponseEntity } from './entities';
import { surveyResponseRow } from './resolvers/survey-submission';

/** A resubmission (same site, same client response id) is the response already received: keep the first. */
function firstSubmissions(responses: readonly SurveyResponseRecord[]): SurveyResponseRecord[] {
  const seen = new Set<string>();
  return responses.filter((response) => {
    const key = `${response.siteId}\u0000${response.clientResponseId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Stores the insights' slice of a demo dataset, all or nothing. */
export async function seedInsights(
  db: DataSource,
  dataset: Pick<DemoDataset, 'surveyResponses' | 'advocateReviews'>,
): Promise<void> {
  await bulkLoad(db, () =>
    db.transaction(async (tx) => {
      await insertInChunks(
        tx,
        SurveyResponseEntity,
        firstSubmissions(dataset.surveyResponses).map(surveyResponseRow),
      );
      await insertInChunks(
        tx,
        AdvocateReviewEntity,
        dataset.advocateReviews.map((review) => ({
          id: review.id,
          advocacyGroupId: review.advocacyGroupId,
          trialId: review.trialId,
          protocolVersion: review.protocolVersion,
          format: review.format,
          reviewedOn: review.reviewedOn,
        })),
      );
      await insertInChunks(
        tx,
        ReviewFindingEntity,
        dataset.advocateReviews.flatMap((review) => review.findings.map((finding) => ({ ...finding, reviewId: review.id }))),
      );
    }),
  );
}
