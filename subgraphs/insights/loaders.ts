import { In, type DataSource } from 'typeorm';
import { listLoader, rowLoader } from '../shared/loaders';
import { AdvocateReviewEntity } from './entities';
import { tallyExperience } from './survey-aggregates';
import type { RequestContext } from '../shared/subgraph-service';

/** The insights subgraph's loaders, made afresh for every request. */
export function createInsightsLoaders(db: DataSource) {
  return {
    experienceByTrial: rowLoader(
      (trialIds: readonly string[]) => tallyExperience(db, 'trial_id', trialIds),
      (tally) => tally.key,
    ),
    experienceBySite: rowLoader(
      (siteIds: readonly string[]) => tallyExperience(db, 'site_id', siteIds),
      (tally) => tally.key,
    ),
    // Reviews and their findings in one statement (a LEFT JOIN).
    advocateReviewsByTrial: listLoader(
      (trialIds: readonly string[]) =>
        db.getRepository(AdvocateReviewEntity).find({
          where: { trialId: In([...trialIds]) },
          relations: { findings: true },
          order: { reviewedOn: 'ASC', id: 'ASC', findings: { id: 'ASC' } },
        }),
      (review) => review.trialId,
    ),
  };
}

export type InsightsLoaders = ReturnType<typeof createInsightsLoaders>;

export interface InsightsContext extends RequestContext {
  db: DataSource;
  loaders: InsightsLoaders;
  /** k: aggregates over fewer respondents are suppressed. */
  minRespondents: number;
}
