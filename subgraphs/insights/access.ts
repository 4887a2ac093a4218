// Who sees what the insights subgraph holds, as one policy object per request (createInsightsAccess,
// built in the context factory). Patients' answers are only ever served as aggregates; these rules
// decide whether the caller may read an aggregate, which responses it covers for the caller, and
// which wider aggregates the same caller sees around it (for complementary suppression). Whether a
// sponsor sponsors a trial, which of its trials run at a site, whether it invited an advocacy group
// to review a trial, and which trials a site runs, is the sponsors subgraph's to say: it is asked as
// the caller, memoised for the request and forgotten after a write.
import DataLoader from 'dataloader';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { accessPolicy, describeCaller, isPlatformAdmin, type AccessPolicy } from '../shared/access';
import { forbidden } from '../shared/errors';
import type { PeerClient } from '../shared/peers';
import type { Caller } from '../../platform/identity';
import type { AdvocateReviewEntity } from './entities';
import type { ViewFigure } from './suppression';
import {
  trialAtSite,
  trialsAtSite,
  wholeSite,
  wholeTrial,
  wholeTrials,
  type ResponseScope,
} from './response-scope';

export const RULES = {
  /** Patient-experience aggregates: advocates and admins all; a site its own patients; a sponsor its own trials; CROs none. */
  aggregates: 'patient-aggregate-scope',
  /** An advocate review: the group that ran it, the trial's sponsor, platform admins. */
  reviews: 'advocate-review-parties',
  /** submitSurveyResponses: sites, for their own patients. */
  surveySubmitter: 'survey-submitter',
  /** recordAdvocateReview: patient advocates, for their own group, of trials the sponsor invited the group to review. */
  reviewAuthor: 'advocate-review-author',
  /** decideOnFinding: the sponsor of the trial the finding is about. */
  findingDecision: 'finding-decision',
} as const;

/** Trial.patientExperience(siteId): the trial, or one site's patients in it. */
export interface TrialAggregate {
  trialId: string;
  siteId: string | null;
}

/** Site.patientExperience(trialId): the site, or its patients in one trial. */
export interface SiteAggregate {
  siteId: string;
  trialId: string | null;
}

/** What the insights rules decide on, and the shape each check needs. */
export type InsightsRecords = {
  review: Pick<AdvocateReviewEntity, 'trialId' | 'advocacyGroupId'>;
  trialAggregate: TrialAggregate;
  siteAggregate: SiteAggregate;
};

/**
 * The lists narrowed in SQL: `advocateReviews` is Query.advocateReviews (one trial's when the query
 * carries a `:trialId` parameter); `reviewsOfTrials` is the batch behind Trial.advocateReviews.
 */
export type InsightsLists = 'advocateReviews' | 'reviewsOfTrials';

type AggregateKind = 'trialAggregate' | 'siteAggregate';

/**
 * The responses an aggregate covers, the wider aggregates the same caller sees that contain them,
 * and which figure of the caller's table (AggregateView) it is.
 */
export interface AggregatePlan {
  scope: ResponseScope;
  wider: ResponseScope[];
  figure: ViewFigure;
}

/**
 * Every aggregate the caller may ask for, as a table: its cells are the responses matching
 * `everyResponse`, `trialIds` or `siteIds`, tallied per trial × site; its totals are the sites'
 * (rows) and trials' (columns) it may ask for. An advocate or admin: all sites × all trials; a
 * sponsor: its trials × the sites they ran at; a site: its own row.
 */
export interface AggregateView {
  everyResponse: boolean;
  trialIds: string[];
  siteIds: string[];
  siteTotals: boolean;
  trialTotals: boolean;
}

/**
 * The shared policy, plus what only this subgraph asks of its rules: the scopes of an aggregate the
 * caller may read, and the relationships its writes are checked against (asked before their
 * transaction, as the write path requires).
 */
export interface InsightsAccess extends AccessPolicy<InsightsRecords, InsightsLists> {
  /** Which responses an aggregate covers for the caller; ask only once `mayRead` said yes. */
  coverage<K extends AggregateKind>(what: K, aggregate: InsightsRecords[K]): Promise<AggregatePlan>;
  /** The table of every aggregate the caller may ask for, suppression is decided over (memoised). */
  aggregateView(): Promise<AggregateView>;
  /** True when the sponsors subgraph, asked as the caller, says the caller sponsors the trial. */
  sponsorsTrial(trialId: string): Promise<boolean>;
  /**
   * True when the sponsors subgraph shows the trial to the calling advocacy group: it does so only
   * when the trial's sponsor invited the group to review it.
   */
  invitedToReview(trialId: string): Promise<boolean>;
  /** True when the sponsors subgraph shows the trial to the calling site: it shows a site only the trials it runs. */
  runsTrial(trialId: string): Promise<boolean>;
}

/**
 * How the sponsors subgraph shows a trial (who sponsors it), a site (the trials at it) or the
 * calling sponsor (its trials) to the caller.
 */
interface SponsorsView {
  sponsor?: { id: string } | null;
  trials?: ({ trial: { id: string; sponsor: { id: string } | null } | null } | null)[] | null;
  sponsoredTrials?: { id: string }[] | null;
}

interface SponsorsViewKey {
  typename: 'Trial' | 'Site' | 'Sponsor';
  id: string;
}

// Trials, sites and the calling sponsor in one call: every aggregate of a request then waits for
// the same answer, their tallies still go to the database together, and the sponsors subgraph is
// asked once per request.
const SPONSORS_VIEW = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Trial { sponsor { id } }
  ... on Site { trials { trial { id sponsor { id } } } }
  ... on Sponsor { sponsoredTrials: trials { id } } } }`;

/** Everyone the aggregates are for sees them all: the patients' own advocates, and platform admins. */
const seesAllAggregates = (caller: Caller) => isPlatformAdmin(caller) || caller.party === 'PATIENT_ADVOCATE';

/** The insights rules for one request's caller. */
export function createInsightsAccess(caller: Caller, peers: PeerClient): InsightsAccess {
  // Asked of the sponsors subgraph with the caller's own token: null where it does not show the entity.
  const sponsorsView = new DataLoader<SponsorsViewKey, SponsorsView | null, string>(
    async (keys) => {
      const { _entities } = await peers.query<{ _entities: (SponsorsView | null)[] }>('sponsors', SPONSORS_VIEW, {
        representations: keys.map(({ typename, id }) => ({ __typename: typename, id })),
      });
      return keys.map((_, i) => _entities[i] ?? null);
    },
    { cacheKeyFn: ({ typename, id }) => `${typename}\u0000${id}` },
  );

  // The answers the rules derive from the sponsors' view, kept as promises: a rule asked twice in
  // a request (mayRead, then coverage) gets the same settled answer without waiting for the
  // loader's next batch, so every aggregate's tally still reaches the experience loader together.
  const sponsored = new Map<string, Promise<boolean>>();
  const ownTrialsAtSite = new Map<string, Promise<string[]>>();

  /**
   * The calling sponsor's trials (the rows of its aggregate table), asked in the same call as the
   * first trial or site a rule asks about: a request that asks one nearly always needs the other.
   */
  function sponsoredTrialIds(): Promise<string[]> {
    return sponsorsView
      .load({ typename: 'Sponsor', id: caller.orgId })
      .then((sponsor) => (sponsor?.sponsoredTrials ?? []).map((trial) => trial.id));
  }
  const askSponsoredTrialsToo = () => void sponsoredTrialIds().catch(() => {}); // its own asker sees any failure

  function sponsorsTrial(trialId: string): Promise<boolean> {
    if (caller.party !== 'SPONSOR') return Promise.resolve(false);
    let answer = sponsored.get(trialId);
    if (!answer) {
      askSponsoredTrialsToo();
      answer = sponsorsView.load({ typename: 'Trial', id: trialId }).then((trial) => trial?.sponsor?.id === caller.orgId);
      sponsored.set(trialId, answer);
    }
    return answer;
  }

  /**
   * The caller's own trials at a site, as the sponsors subgraph shows the site's trials to it. The
   * sponsor of each row is asked for too, so another sponsor's trial never counts as the caller's.
   */
  function sponsorTrialsAtSite(siteId: string): Promise<string[]> {
    if (caller.party !== 'SPONSOR') return Promise.resolve([]);
    let answer = ownTrialsAtSite.get(siteId);
    if (!answer) {
      askSponsoredTrialsToo();
      answer = sponsorsView.load({ typename: 'Site', id: siteId }).then((site) => {
        const own = (site?.trials ?? []).flatMap((row) => (row?.trial?.sponsor?.id === caller.orgId ? [row.trial.id] : []));
        return [...new Set(own)].sort();
      });
      ownTrialsAtSite.set(siteId, answer);
    }
    return answer;
  }

  const readable: { [K in keyof InsightsRecords]: (record: InsightsRecords[K]) => Promise<boolean> } = {
    async review(review) {
      if (isPlatformAdmin(caller)) return true;
      if (caller.party === 'PATIENT_ADVOCATE') return review.advocacyGroupId === caller.orgId;
      return sponsorsTrial(review.trialId);
    },
    async trialAggregate({ trialId, siteId }) {
      if (seesAllAggregates(caller)) return true;
      // A site's view of any trial is its own patients in it, a part of its whole-site aggregate.
      if (caller.party === 'SITE') return siteId === null || siteId === caller.orgId;
      if (caller.party !== 'SPONSOR') return false;
      // The sponsor's trials at the site are asked in the same call to the sponsors subgraph; coverage needs them.
      const [sponsored] = await Promise.all([sponsorsTrial(trialId), siteId === null ? [] : sponsorTrialsAtSite(siteId)]);
      return sponsored;
    },
    async siteAggregate({ siteId, trialId }) {
      if (seesAllAggregates(caller)) return true;
      if (caller.party === 'SITE') return siteId === caller.orgId;
      if (caller.party !== 'SPONSOR') return false;
      const trialsHere = await sponsorTrialsAtSite(siteId);
      return trialId === null || trialsHere.includes(trialId);
    },
  };

  const aggregatesRefused = () =>
    forbidden(
      RULES.aggregates,
      `Patient experience is for the trial's sponsor, the sites where patients answered, patient advocates and platform admins; ${describeCaller(caller)} is none of them`,
    );

  const refusals: { [K in keyof InsightsRecords]: (record: InsightsRecords[K]) => ReturnType<typeof forbidden> } = {
    review: () =>
      forbidden(
        RULES.reviews,
        `An advocate review is for the group that ran it, the trial's sponsor and platform admins; ${describeCaller(caller)} is none of them`,
      ),
    trialAggregate: ({ siteId }) => {
      if (caller.party === 'SITE') {
        return forbidden(RULES.aggregates, `${describeCaller(caller)} sees only what its own patients answered; it cannot narrow to site ${siteId}`);
      }
      if (caller.party === 'SPONSOR') {
        return forbidden(RULES.aggregates, `A trial's patient experience is for its sponsor; ${describeCaller(caller)} does not sponsor this one`);
      }
      return aggregatesRefused();
    },
    siteAggregate: ({ siteId }) => {
      if (caller.party === 'SITE') {
        return forbidden(RULES.aggregates, `${describeCaller(caller)} sees only what its own patients answered; site ${siteId} is another site`);
      }
      if (caller.party === 'SPONSOR') {
        return forbidden(
          RULES.aggregates,
          `${describeCaller(caller)} sees patient experience at site ${siteId} only for its own trials there; this trial is not one of them`,
        );
      }
      return aggregatesRefused();
    },
  };

  const coverages: { [K in AggregateKind]: (aggregate: InsightsRecords[K]) => Promise<AggregatePlan> } = {
    async trialAggregate({ trialId, siteId }) {
      const figure = { trialId, siteId };
      if (seesAllAggregates(caller)) {
        if (siteId === null) return { scope: wholeTrial(trialId), wider: [], figure };
        return { scope: trialAtSite(trialId, siteId), wider: [wholeTrial(trialId), wholeSite(siteId)], figure };
      }
      if (caller.party === 'SITE') {
        // A site's view of a trial is its own row's cell: the trial's column is not in its table.
        return { scope: trialAtSite(trialId, caller.orgId), wider: [wholeSite(caller.orgId)], figure: { trialId, siteId: caller.orgId } };
      }
      if (siteId === null) return { scope: wholeTrial(trialId), wider: [], figure };
      // The sponsor also sees this site for all its trials there: that aggregate contains this one too.
      const trialsHere = await sponsorTrialsAtSite(siteId);
      const wider = [wholeTrial(trialId)];
      if (trialsHere.includes(trialId)) wider.push(trialsAtSite(trialsHere, siteId));
      return { scope: trialAtSite(trialId, siteId), wider, figure };
    },
    async siteAggregate({ siteId, trialId }) {
      const figure = { trialId, siteId };
      if (seesAllAggregates(caller)) {
        if (trialId === null) return { scope: wholeSite(siteId), wider: [], figure };
        return { scope: trialAtSite(trialId, siteId), wider: [wholeSite(siteId), wholeTrial(trialId)], figure };
      }
      if (caller.party === 'SITE') {
        if (trialId === null) return { scope: wholeSite(siteId), wider: [], figure };
        return { scope: trialAtSite(trialId, siteId), wider: [wholeSite(siteId)], figure };
      }
      const trialsHere = await sponsorTrialsAtSite(siteId);
      // The sponsor's own trials at the site: a part of those trials' whole aggregates, which it sees too.
      if (trialId === null) return { scope: trialsAtSite(trialsHere, siteId), wider: [wholeTrials(trialsHere)], figure };
      return { scope: trialAtSite(trialId, siteId), wider: [trialsAtSite(trialsHere, siteId), wholeTrial(trialId)], figure };
    },
  };

  let view: Promise<AggregateView> | undefined;
  /** The caller's table; a sponsor's trials are asked of the sponsors subgraph, as the sponsor, once. */
  function aggregateView(): Promise<AggregateView> {
    view ??= (async () => {
      if (seesAllAggregates(caller)) return { everyResponse: true, trialIds: [], siteIds: [], siteTotals: true, trialTotals: true };
      if (caller.party === 'SITE') return { everyResponse: false, trialIds: [], siteIds: [caller.orgId], siteTotals: true, trialTotals: false };
      if (caller.party !== 'SPONSOR') return { everyResponse: false, trialIds: [], siteIds: [], siteTotals: false, trialTotals: false };
      const trialIds = [...new Set(await sponsoredTrialIds())].sort();
      return { everyResponse: false, trialIds, siteIds: [], siteTotals: true, trialTotals: true };
    })();
    return view;
  }

  /**
   * Query.advocateReviews: an advocate its group's, admins all, a sponsor those of its trials (from
   * the sponsors subgraph, asked as the sponsor), anyone else none.
   */
  async function narrowAdvocateReviews<T extends ObjectLiteral>(query: SelectQueryBuilder<T>) {
    const trialId: unknown = query.getParameters().trialId;
    if (isPlatformAdmin(caller)) return query;
    if (caller.party === 'PATIENT_ADVOCATE') return query.andWhere(`${query.alias}.advocacyGroupId = :advocacyGroupId`, { advocacyGroupId: caller.orgId });
    if (caller.party !== 'SPONSOR') return null;
    if (typeof trialId === 'string') return (await sponsorsTrial(trialId)) ? query : null;
    const trialIds = await sponsoredTrialIds();
    return trialIds.length > 0 ? query.andWhere(`${query.alias}.trialId IN (:...sponsoredTrialIds)`, { sponsoredTrialIds: trialIds }) : null;
  }

  /**
   * Trial.advocateReviews: none for sites and CROs (no statement), the group's own for an advocate.
   * A sponsor's are every review of the trials it sponsors: the sponsors subgraph is asked only when
   * there is something to show, so `mayRead('review')` leaves the others out after the statement.
   */
  async function narrowReviewsOfTrials<T extends ObjectLiteral>(query: SelectQueryBuilder<T>) {
    if (caller.party === 'SITE' || caller.party === 'CRO') return null;
    if (caller.party === 'PATIENT_ADVOCATE') return query.andWhere(`${query.alias}.advocacyGroupId = :advocacyGroupId`, { advocacyGroupId: caller.orgId });
    return query;
  }

  return {
    ...accessPolicy<InsightsRecords, InsightsLists>({
      caller,
      rules: RULES,
      mayRead: (what, record) => readable[what](record),
      refusal: (what, record) => refusals[what](record),
      narrow: (list, query) => (list === 'advocateReviews' ? narrowAdvocateReviews(query) : narrowReviewsOfTrials(query)),
      forget: () => {
        sponsorsView.clearAll();
        sponsored.clear();
        ownTrialsAtSite.clear();
        view = undefined;
      },
    }),
    coverage: (what, aggregate) => coverages[what](aggregate),
    aggregateView,
    sponsorsTrial,
    invitedToReview: async (trialId) =>
      caller.party === 'PATIENT_ADVOCATE' && (await sponsorsView.load({ typename: 'Trial', id: trialId })) !== null,
    runsTrial: async (trialId) =>
      caller.party === 'SITE' && (await peers.entities<{ id: string }>('sponsors', 'Trial', 'id').load(trialId)) !== null,
  };
}
