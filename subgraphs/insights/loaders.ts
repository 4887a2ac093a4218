import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { listLoader } from '../shared/loaders';
import type { RequestContext } from '../shared/subgraph-service';
import type { InsightsAccess } from './access';
import { AdvocateReviewEntity } from './entities';
import type { ResponseScope } from './response-scope';
import { tallyExperience, tallyView } from './survey-aggregates';
import { withheldFigures, type ExperienceTally, type ViewTable } from './suppression';

/** The caller's table and the figures of it to withhold, decided once for the request. */
export interface ViewSuppression {
  table: ViewTable;
  withheld: Set<string>;
}

/** The advocate reviews' order everywhere they are listed: as they happened, findings by id. */
export const REVIEW_ORDER = { reviewedOn: 'ASC', id: 'ASC', findings: { id: 'ASC' } } as const;

/** Reviews with their findings (one LEFT JOIN), in REVIEW_ORDER, for the policy to narrow. */
export const reviewsQuery = (db: DataSource | EntityManager) =>
  db
    .getRepository(AdvocateReviewEntity)
    .createQueryBuilder('review')
    .leftJoinAndSelect('review.findings', 'finding')
    .orderBy('review.reviewedOn', 'ASC')
    .addOrderBy('review.id', 'ASC')
    .addOrderBy('finding.id', 'ASC');

/** The insights subgraph's loaders, made afresh for every request; lists are narrowed by the request's policy. */
export function createInsightsLoaders(db: DataSource, access: InsightsAccess) {
  return {
    // Every aggregate a request asks for, narrowed or wide, for any trial or site: one statement.
    experience: new DataLoader<ResponseScope, ExperienceTally | null, string>(
      async (scopes) => {
        const tallies = new Map((await tallyExperience(db, scopes)).map((tally) => [tally.key, tally]));
        return scopes.map((scope) => tallies.get(scope.key) ?? null);
      },
      { cacheKeyFn: (scope) => scope.key },
    ),
    // The caller's whole table, tallied once per request and suppressed as a whole (keyed by k).
    viewSuppression: new DataLoader<number, ViewSuppression>(async (ks) => {
      const view = await access.aggregateView();
      const table = { cells: await tallyView(db, view), siteTotals: view.siteTotals, trialTotals: view.trialTotals };
      return ks.map((k) => ({ table, withheld: withheldFigures(table, k) }));
    }),
    // Reviews and their findings of every trial asked about, in one statement; none when the policy says so.
    advocateReviewsByTrial: listLoader(
      async (trialIds: readonly string[]) => {
        const query = await access.narrow('reviewsOfTrials', reviewsQuery(db).where('review.trialId IN (:...trialIds)', { trialIds }));
        return query === null ? [] : query.getMany();
      },
      (review) => review.trialId,
    ),
  };
}

export type InsightsLoaders = ReturnType<typeof createInsightsLoaders>;

export interface InsightsContext extends RequestContext {
  db: DataSource;
  loaders: InsightsLoaders;
  /** The request's read rules (access.ts): every resolver and loader asks it, and nothing else. */
  access: InsightsAccess;
  /** k: aggregates over fewer respondents are suppressed. */
  minRespondents: number;
}
