import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { listLoader } from '../shared/loaders';
import type { RequestContext } from '../shared/subgraph-service';
import type { InsightsAccess } from './access';
import { AdvocateReviewEntity } from './entities';
import type { ResponseScope } from './response-scope';
import { tallyExperience } from './survey-aggregates';
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

/** What a request tallies: the figures of a scope, or (TABLE) the caller's whole table and what of it to withhold. */
const TABLE = 'table';
type TallyKey = ResponseScope | typeof TABLE;

/** The insights subgraph's loaders, made afresh for every request; lists are narrowed by the request's policy. */
export function createInsightsLoaders(db: DataSource, access: InsightsAccess, k: number) {
  // Every aggregate a request asks for, narrowed or wide, for any trial or site, and the caller's
  // table they are suppressed over (tallied once per request, suppressed as a whole): asked
  // together, they are one statement. The figures then wait for the caller's view, which costs no
  // round trip: the read checks before them waited for the sponsors subgraph's answer it comes from
  // (access.ts asks for the sponsor's trials in the same call). A scope's key starts with '[', so none is TABLE.
  const tallies = new DataLoader<TallyKey, ExperienceTally | ViewSuppression | null, string>(
    async (keys) => {
      const scopes = keys.filter((key): key is ResponseScope => key !== TABLE);
      const view = keys.includes(TABLE) ? await access.aggregateView() : null;
      const tallied = await tallyExperience(db, scopes, view);
      const figures = new Map(tallied.figures.map((tally) => [tally.key, tally]));
      const table = view && { cells: tallied.table, siteTotals: view.siteTotals, trialTotals: view.trialTotals };
      const suppression = table && { table, withheld: withheldFigures(table, k) };
      return keys.map((key) => (key === TABLE ? suppression : (figures.get(key.key) ?? null)));
    },
    { cacheKeyFn: (key) => (key === TABLE ? TABLE : key.key) },
  );
  return {
    // Here so that a write's forgetRequestState clears it with the other loaders.
    tallies,
    /** A scope's tally, null when no response falls in it. */
    experience: (scope: ResponseScope) => tallies.load(scope) as Promise<ExperienceTally | null>,
    /** The caller's table and the figures of it to withhold, decided once for the request. */
    viewSuppression: () => tallies.load(TABLE) as Promise<ViewSuppression>,
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
