// The ownership rules of DESIGN.md ("Identity and ownership") and the README, written a second
// time as plain set logic over the generated dataset: what each caller may see. The leakage matrix
// compares every answer of the API with this, so a rule the subgraphs get wrong shows as a
// difference in ids, not as a missing error.
import type { DemoDataset, SiteRecord, TrialRecord } from '../../seed/model';
import type { PartyKind } from '../../platform/identity';

export interface TestCaller {
  party: PartyKind;
  orgId: string;
}

type Part = 'capacity' | 'staff' | 'assets';

export function visibilityOracle(dataset: DemoDataset) {
  const trialById = new Map(dataset.trials.map((trial) => [trial.id, trial]));
  const engagementById = new Map(dataset.engagements.map((engagement) => [engagement.id, engagement]));
  const runs = new Set(dataset.trialSites.map((row) => `${row.siteId}|${row.trialId}`));
  const engaged = new Set(dataset.engagements.map((engagement) => `${engagement.croId}|${engagement.trialId}`));
  const reviews = new Set(dataset.advocateReviews.map((review) => `${review.advocacyGroupId}|${review.trialId}`));
  const partners = new Set(dataset.partnerships.map((partnership) => `${partnership.sponsorId}|${partnership.siteId}`));
  const croAtSite = new Set([
    ...dataset.monitoringVisits.map((visit) => `${engagementById.get(visit.engagementId)!.croId}|${visit.siteId}`),
    ...dataset.staffAssignments.map((assignment) => `${assignment.croId}|${assignment.siteId}`),
  ]);

  // A response resubmitted under the same client id is stored once.
  const responses = [...new Map(dataset.surveyResponses.map((response) => [response.clientResponseId, response])).values()];

  const admin = (caller: TestCaller) => caller.party === 'PLATFORM_ADMIN';
  const is = (caller: TestCaller, party: PartyKind, orgId: string) => caller.party === party && caller.orgId === orgId;
  const ownsTrial = (caller: TestCaller, trialId: string) => is(caller, 'SPONSOR', trialById.get(trialId)!.sponsorId);
  const engagedOn = (caller: TestCaller, trialId: string) => caller.party === 'CRO' && engaged.has(`${caller.orgId}|${trialId}`);

  const oracle = {
    seesTrial(caller: TestCaller, trialId: string): boolean {
      if (admin(caller) || ownsTrial(caller, trialId) || engagedOn(caller, trialId)) return true;
      if (caller.party === 'SITE') return runs.has(`${caller.orgId}|${trialId}`);
      if (caller.party === 'PATIENT_ADVOCATE') return reviews.has(`${caller.orgId}|${trialId}`);
      return false;
    },

    /** A trial's site rows: all for its sponsor and engaged CROs, a site's own row for the site. */
    seesTrialSite(caller: TestCaller, row: { trialId: string; siteId: string }): boolean {
      if (!oracle.seesTrial(caller, row.trialId)) return false;
      return admin(caller) || ownsTrial(caller, row.trialId) || engagedOn(caller, row.trialId) || is(caller, 'SITE', row.siteId);
    },

    seesSitePart(caller: TestCaller, site: SiteRecord, part: Part): boolean {
      const audience = site.sharingPolicy[part];
      if (audience === 'ALL_AUTHENTICATED' || admin(caller) || is(caller, 'SITE', site.id)) return true;
      if (audience === 'SITE_ONLY') return false;
      if (caller.party === 'SPONSOR') return partners.has(`${caller.orgId}|${site.id}`);
      if (caller.party === 'CRO') return croAtSite.has(`${caller.orgId}|${site.id}`);
      return false;
    },

    seesPartnership: (caller: TestCaller, partnership: { sponsorId: string; siteId: string }) =>
      admin(caller) || is(caller, 'SPONSOR', partnership.sponsorId) || is(caller, 'SITE', partnership.siteId),

    /** Programmes a caller sees among those shared with a site, or among a sponsor's. */
    seesProgramme: (caller: TestCaller, programme: { sponsorId: string; sharedWithSiteIds: string[] }) =>
      admin(caller) || is(caller, 'SPONSOR', programme.sponsorId) || (caller.party === 'SITE' && programme.sharedWithSiteIds.includes(caller.orgId)),

    seesFeedback: (caller: TestCaller, feedback: { trialId: string; siteId: string }) =>
      admin(caller) || ownsTrial(caller, feedback.trialId) || is(caller, 'SITE', feedback.siteId),

    seesEngagement: (caller: TestCaller, engagement: { croId: string; sponsorId: string }) =>
      admin(caller) || is(caller, 'CRO', engagement.croId) || is(caller, 'SPONSOR', engagement.sponsorId),

    seesMonitoringVisit(caller: TestCaller, visit: { engagementId: string; siteId: string }): boolean {
      const engagement = engagementById.get(visit.engagementId)!;
      return admin(caller) || is(caller, 'SITE', visit.siteId) || oracle.seesEngagement(caller, engagement);
    },

    seesStaffAssignment: (caller: TestCaller, assignment: { croId: string; siteId: string; trialId: string }) =>
      admin(caller) || is(caller, 'SITE', assignment.siteId) || is(caller, 'CRO', assignment.croId) || ownsTrial(caller, assignment.trialId),

    seesAdvocateReview: (caller: TestCaller, review: { advocacyGroupId: string; trialId: string }) =>
      admin(caller) || is(caller, 'PATIENT_ADVOCATE', review.advocacyGroupId) || ownsTrial(caller, review.trialId),

    seesSponsorPrivate: (caller: TestCaller, sponsorId: string) => admin(caller) || is(caller, 'SPONSOR', sponsorId),

    /**
     * The survey responses a trial's aggregate is taken over for this caller, or null when the
     * caller may see no aggregate of the trial: all of them for advocates, admins and the trial's
     * sponsor, those at its own site for a site.
     */
    trialAggregateScope(caller: TestCaller, trial: TrialRecord): { siteId?: string } | null {
      if (admin(caller) || caller.party === 'PATIENT_ADVOCATE' || ownsTrial(caller, trial.id)) return {};
      if (caller.party === 'SITE') return { siteId: caller.orgId };
      return null;
    },

    /** Likewise for a site's aggregate: a sponsor's is narrowed to its own trials there. */
    siteAggregateScope(caller: TestCaller, siteId: string): { trialIds?: string[] } | null {
      if (admin(caller) || caller.party === 'PATIENT_ADVOCATE' || is(caller, 'SITE', siteId)) return {};
      if (caller.party === 'SPONSOR') {
        return {
          trialIds: dataset.trialSites
            .filter((row) => row.siteId === siteId && trialById.get(row.trialId)!.sponsorId === caller.orgId)
            .map((row) => row.trialId),
        };
      }
      return null;
    },

    respondents(filter: { trialId?: string; siteId?: string; trialIds?: string[] }): number {
      return responses.filter(
        (response) =>
          (filter.trialId === undefined || response.trialId === filter.trialId) &&
          (filter.siteId === undefined || response.siteId === filter.siteId) &&
          (filter.trialIds === undefined || filter.trialIds.includes(response.trialId)),
      ).length;
    },
  };
  return oracle;
}

export type VisibilityOracle = ReturnType<typeof visibilityOracle>;
