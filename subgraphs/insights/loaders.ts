import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { listLoader } from '../shared/loaders';
import { AdvocateReviewEntity } from './entities';
import type { ResponseScope } from './response-scope';
import { tallyExperience } from './survey-aggregates';
import type { ExperienceTally } from './suppression';
import type { RequestContext } from '../shared/subgraph-service';

/** The advocate reviews' order everywhere they are listed: as they happened, findings by id. */
export const REVIEW_ORDER = { reviewedOn: 'ASC', id: 'ASC', findings: { id: 'ASC' } } as const;

/** The insights subgraph's loaders, made afresh for every request. */
export function createInsightsLoaders(db: DataSource) {
  return {
    // Every aggregate a request asks for, narrowed or wide, for any trial or site: one statement.
    experience: new DataLoader<ResponseScope, ExperienceTally | null, string>(
      async (scopes) => {
        const tallies = new Map((await tallyExperience(db, scopes)).map((tally) => [tally.key, tally]));
        return scopes.map((scope) => tallies.get(scope.key) ?? null);
      },
      { cacheKeyFn: (scope) => scope.key },
    ),
    // Reviews and their findings in one statement (a LEFT JOIN).
    advocateReviewsByTrial: listLoader(
      (trialIds: readonly string[]) =>
        db.getRepository(AdvocateReviewEntity).find({
          where: { trialId: In([...trialIds]) },
          relations: { findings: true },
          order: REVIEW_ORDER,
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
