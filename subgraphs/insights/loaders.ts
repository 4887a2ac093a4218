import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { listLoader } from '../shared/loaders';
import type { PeerClient } from '../shared/peers';
import type { RequestContext } from '../shared/subgraph-service';
import { AdvocateReviewEntity } from './entities';
import type { ResponseScope } from './response-scope';
import { tallyExperience } from './survey-aggregates';
import type { ExperienceTally } from './suppression';

/** The advocate reviews' order everywhere they are listed: as they happened, findings by id. */
export const REVIEW_ORDER = { reviewedOn: 'ASC', id: 'ASC', findings: { id: 'ASC' } } as const;

/** How the sponsors subgraph shows a trial (who sponsors it) or a site (the trials at it) to the caller. */
export interface SponsorsView {
  sponsor?: { id: string } | null;
  trials?: ({ trial: { id: string; sponsor: { id: string } | null } | null } | null)[] | null;
}

interface SponsorsViewKey {
  typename: 'Trial' | 'Site';
  id: string;
}

// Trials and sites in one call: every aggregate of a request then waits for the same answer, and
// their tallies still go to the database together.
const SPONSORS_VIEW = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Trial { sponsor { id } }
  ... on Site { trials { trial { id sponsor { id } } } } } }`;

/** The insights subgraph's loaders, made afresh for every request. */
export function createInsightsLoaders(db: DataSource, peers: PeerClient) {
  return {
    // Asked of the sponsors subgraph with the caller's own token: null where it does not show the entity.
    sponsorsView: new DataLoader<SponsorsViewKey, SponsorsView | null, string>(
      async (keys) => {
        const { _entities } = await peers.query<{ _entities: (SponsorsView | null)[] }>('sponsors', SPONSORS_VIEW, {
          representations: keys.map(({ typename, id }) => ({ __typename: typename, id })),
        });
        return keys.map((_, i) => _entities[i] ?? null);
      },
      { cacheKeyFn: ({ typename, id }) => `${typename}\u0000${id}` },
    ),
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
