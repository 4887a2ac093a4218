// Who sees what the insights subgraph holds. Patients' answers are only ever served as aggregates;
// these rules decide which responses an aggregate may cover for the caller, and which wider
// aggregates the same caller sees around it (for complementary suppression). Whether a sponsor
// sponsors a trial, which of its trials run at a site, and whether it invited an advocacy group to
// review a trial, is the sponsors subgraph's to say: it is asked as the caller, before anything is
// tallied or stored.
import { In, type FindOptionsWhere } from 'typeorm';
import { describeCaller, isPlatformAdmin } from '../shared/access';
import { forbidden } from '../shared/errors';
import type { Caller } from '../../platform/identity';
import type { AdvocateReviewEntity } from './entities';
import type { InsightsContext } from './loaders';
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

/** The responses an aggregate covers, and the wider aggregates the same caller sees that contain them. */
export interface AggregatePlan {
  scope: ResponseScope;
  wider: ResponseScope[];
}

/** Everyone the aggregates are for sees them all: the patients' own advocates, and platform admins. */
const seesAllAggregates = (caller: Caller) => isPlatformAdmin(caller) || caller.party === 'PATIENT_ADVOCATE';

function croRefused(caller: Caller) {
  return forbidden(
    RULES.aggregates,
    `Patient experience is for the trial's sponsor, the sites where patients answered, patient advocates and platform admins; ${describeCaller(caller)} is none of them`,
  );
}

function otherSiteRefused(caller: Caller, siteId: string) {
  return forbidden(
    RULES.aggregates,
    `${describeCaller(caller)} sees only what its own patients answered; site ${siteId} is another site`,
  );
}

/** True when the sponsors subgraph, asked as the caller, says the caller sponsors the trial. */
export async function sponsorsTrial({ caller, loaders }: InsightsContext, trialId: string): Promise<boolean> {
  if (caller.party !== 'SPONSOR') return false;
  const trial = await loaders.sponsorsView.load({ typename: 'Trial', id: trialId });
  return trial?.sponsor?.id === caller.orgId;
}

/**
 * True when the sponsors subgraph, asked as the caller, shows the trial to the calling advocacy
 * group: it does so only when the trial's sponsor invited the group to review it.
 */
export async function advocateInvited({ caller, loaders }: InsightsContext, trialId: string): Promise<boolean> {
  if (caller.party !== 'PATIENT_ADVOCATE') return false;
  return (await loaders.sponsorsView.load({ typename: 'Trial', id: trialId })) !== null;
}

/**
 * The caller's own trials at a site, as the sponsors subgraph shows the site's trials to it. The
 * sponsor of each row is asked for too, so another sponsor's trial never counts as the caller's.
 */
export async function sponsorTrialsAtSite({ caller, loaders }: InsightsContext, siteId: string): Promise<string[]> {
  if (caller.party !== 'SPONSOR') return [];
  const site = await loaders.sponsorsView.load({ typename: 'Site', id: siteId });
  const own = (site?.trials ?? []).flatMap((row) => (row?.trial?.sponsor?.id === caller.orgId ? [row.trial.id] : []));
  return [...new Set(own)].sort();
}

/** Trial.patientExperience(siteId): the trial, or one site's patients in it. */
export async function trialExperiencePlan(context: InsightsContext, trialId: string, siteId: string | null): Promise<AggregatePlan> {
  const { caller } = context;
  if (seesAllAggregates(caller)) {
    if (siteId === null) return { scope: wholeTrial(trialId), wider: [] };
    return { scope: trialAtSite(trialId, siteId), wider: [wholeTrial(trialId), wholeSite(siteId)] };
  }
  if (caller.party === 'SITE') {
    // A site's view of any trial is its own patients in it, a part of its whole-site aggregate.
    if (siteId !== null && siteId !== caller.orgId) {
      throw forbidden(RULES.aggregates, `${describeCaller(caller)} sees only what its own patients answered; it cannot narrow to site ${siteId}`);
    }
    return { scope: trialAtSite(trialId, caller.orgId), wider: [wholeSite(caller.orgId)] };
  }
  if (caller.party === 'SPONSOR') {
    const [sponsored, trialsHere] = await Promise.all([
      sponsorsTrial(context, trialId),
      siteId === null ? Promise.resolve([]) : sponsorTrialsAtSite(context, siteId),
    ]);
    if (!sponsored) {
      throw forbidden(RULES.aggregates, `Trial ${trialId}'s patient experience is for its sponsor; ${describeCaller(caller)} does not sponsor it`);
    }
    if (siteId === null) return { scope: wholeTrial(trialId), wider: [] };
    // The sponsor also sees this site for all its trials there: that aggregate contains this one too.
    const wider = [wholeTrial(trialId)];
    if (trialsHere.includes(trialId)) wider.push(trialsAtSite(trialsHere, siteId));
    return { scope: trialAtSite(trialId, siteId), wider };
  }
  throw croRefused(caller);
}

/** Site.patientExperience(trialId): the site, or its patients in one trial. */
export async function siteExperiencePlan(context: InsightsContext, siteId: string, trialId: string | null): Promise<AggregatePlan> {
  const { caller } = context;
  if (seesAllAggregates(caller)) {
    if (trialId === null) return { scope: wholeSite(siteId), wider: [] };
    return { scope: trialAtSite(trialId, siteId), wider: [wholeSite(siteId), wholeTrial(trialId)] };
  }
  if (caller.party === 'SITE') {
    if (siteId !== caller.orgId) throw otherSiteRefused(caller, siteId);
    if (trialId === null) return { scope: wholeSite(siteId), wider: [] };
    return { scope: trialAtSite(trialId, siteId), wider: [wholeSite(siteId)] };
  }
  if (caller.party === 'SPONSOR') {
    const trialsHere = await sponsorTrialsAtSite(context, siteId);
    // The sponsor's own trials at the site: a part of those trials' whole aggregates, which it sees too.
    if (trialId === null) return { scope: trialsAtSite(trialsHere, siteId), wider: [wholeTrials(trialsHere)] };
    if (!trialsHere.includes(trialId)) {
      throw forbidden(
        RULES.aggregates,
        `${describeCaller(caller)} sees patient experience at site ${siteId} only for its own trials there; trial ${trialId} is not one of them`,
      );
    }
    return { scope: trialAtSite(trialId, siteId), wider: [trialsAtSite(trialsHere, siteId), wholeTrial(trialId)] };
  }
  throw croRefused(caller);
}

/**
 * Trial.advocateReviews: the group's own for an advocate, all of them for the trial's sponsor and
 * admins, none for sites and CROs. The sponsors subgraph is asked only when there is something to show.
 */
export async function visibleTrialReviews(context: InsightsContext, trialId: string): Promise<AdvocateReviewEntity[]> {
  const { caller, loaders } = context;
  if (caller.party === 'SITE' || caller.party === 'CRO') return [];
  const reviews = await loaders.advocateReviewsByTrial.load(trialId);
  if (isPlatformAdmin(caller)) return reviews;
  if (caller.party === 'PATIENT_ADVOCATE') return reviews.filter((review) => review.advocacyGroupId === caller.orgId);
  return reviews.length > 0 && (await sponsorsTrial(context, trialId)) ? reviews : [];
}

/**
 * Query.advocateReviews: which reviews the caller may list, as a condition on the table, or null
 * when it may list none. A sponsor's trials come from the sponsors subgraph, asked as the sponsor.
 */
export async function listableReviews(
  context: InsightsContext,
  trialId: string | null,
): Promise<FindOptionsWhere<AdvocateReviewEntity> | null> {
  const { caller, peers } = context;
  const ofTrial = trialId === null ? {} : { trialId };
  if (isPlatformAdmin(caller)) return ofTrial;
  if (caller.party === 'PATIENT_ADVOCATE') return { ...ofTrial, advocacyGroupId: caller.orgId };
  if (caller.party !== 'SPONSOR') return null;
  if (trialId !== null) return (await sponsorsTrial(context, trialId)) ? ofTrial : null;
  const { sponsor } = await peers.query<{ sponsor: { trials: { id: string }[] | null } | null }>(
    'sponsors',
    'query ($id: ID!) { sponsor(id: $id) { trials { id } } }',
    { id: caller.orgId },
  );
  const trialIds = (sponsor?.trials ?? []).map((trial) => trial.id);
  return trialIds.length > 0 ? { trialId: In(trialIds) } : null;
}
