// The demo callers npm start prints a token for, one per party kind, each with flagship variables
// that caller may see: the printed examples and the explorer's (gateway/explorer.ts) both come
// from here, so a newcomer's first query answers instead of being refused.
import type { PartyKind } from '../platform/identity';
import type { FlagshipVariables } from './flagship-variables';
import type { DemoDataset } from './model';

export interface DemoCaller {
  party: PartyKind;
  orgId: string;
  /** Variables of the five flagship operations, each naming a record this caller may see. */
  variables: FlagshipVariables;
  /** The flagship operations written for this kind of caller (their files' comments say whom), first in the explorer. */
  operations: string[];
}

/** Who each flagship operation is written for, from the comment at the top of its file. */
export const FLAGSHIP_READERS: Record<PartyKind, string[]> = {
  SITE: ['SitePartnerships'],
  SPONSOR: ['SponsorFeedback', 'TrialOverview'],
  CRO: ['CroPortfolio'],
  PATIENT_ADVOCATE: ['TrialOverview'],
  PLATFORM_ADMIN: ['SitesInCountry'],
};

/**
 * One caller of each kind on the demo dataset: the site of the README's example, the flagship
 * sponsor, CRO and advocacy group, and a platform admin. Each gets the flagship variables with what
 * it may not see replaced by what it may: the trials it runs, sponsors or reviewed, the sponsors
 * and CROs it works with (docs/access.md), the busiest candidate first, ties by id.
 */
export function demoCallers(dataset: DemoDataset, flagship: FlagshipVariables, siteId: string): DemoCaller[] {
  const trialOf = new Map(dataset.trials.map((trial) => [trial.id, trial]));
  const countryOf = new Map(dataset.sites.map((site) => [site.id, site.countryCode]));
  /** The value seen most often (ties by value), or the fallback when there is none. */
  const mostFrequent = (values: string[], fallback: string): string => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? fallback;
  };
  const staffPolicyOf = new Map(dataset.sites.map((site) => [site.id, site.sharingPolicy.staff]));
  /** Of these sites, those whose staff the caller may see when there are any: SitePartnerships asks for it. */
  const sharingStaff = (siteIds: string[], policies: string[]) => {
    const sharing = siteIds.filter((id) => policies.includes(staffPolicyOf.get(id)!));
    return sharing.length > 0 ? sharing : siteIds;
  };
  const accepted = dataset.trialSites.filter((trialSite) => trialSite.siteResponse === 'ACCEPTED');
  const nctIdOf = (trialId: string) => trialOf.get(trialId)!.nctId;

  // A site: its own records, the trials it accepted, its sponsor partners and the CROs working there.
  const siteTrials = accepted.filter((trialSite) => trialSite.siteId === siteId).map((trialSite) => trialSite.trialId);
  const siteCros = [
    ...dataset.staffAssignments.filter((assignment) => assignment.siteId === siteId).map((assignment) => assignment.croId),
    ...dataset.engagements.filter((engagement) => siteTrials.includes(engagement.trialId)).map((engagement) => engagement.croId),
  ];
  const site: FlagshipVariables = {
    ...flagship,
    siteId,
    countryCode: countryOf.get(siteId) ?? flagship.countryCode,
    nctId: nctIdOf(mostFrequent(siteTrials, trialIdOf(dataset, flagship.nctId))),
    sponsorId: mostFrequent(siteTrials.map((trialId) => trialOf.get(trialId)!.sponsorId), flagship.sponsorId),
    croId: mostFrequent(siteCros, flagship.croId),
  };

  // A sponsor: its own trials, the sites it partners, the CROs it engaged.
  const sponsorTrials = dataset.trials.filter((trial) => trial.sponsorId === flagship.sponsorId).map((trial) => trial.id);
  const sponsorSites = accepted.filter((trialSite) => sponsorTrials.includes(trialSite.trialId));
  const sponsorSiteId = mostFrequent(sharingStaff(sponsorSites.map((trialSite) => trialSite.siteId), ['PARTNERS', 'ALL_AUTHENTICATED']), flagship.siteId);
  const sponsor: FlagshipVariables = {
    ...flagship,
    nctId: nctIdOf(mostFrequent(sponsorSites.map((trialSite) => trialSite.trialId), sponsorTrials[0] ?? trialIdOf(dataset, flagship.nctId))),
    siteId: sponsorSiteId,
    countryCode: countryOf.get(sponsorSiteId) ?? flagship.countryCode,
    croId: mostFrequent(dataset.engagements.filter((engagement) => engagement.sponsorId === flagship.sponsorId).map((engagement) => engagement.croId), flagship.croId),
  };

  // A CRO: the trials it is engaged on, their sponsors, the sites it monitors or staffs.
  const croEngagements = dataset.engagements.filter((engagement) => engagement.croId === flagship.croId);
  const croSiteId = mostFrequent(
    sharingStaff(dataset.staffAssignments.filter((assignment) => assignment.croId === flagship.croId).map((assignment) => assignment.siteId), ['PARTNERS', 'ALL_AUTHENTICATED']),
    flagship.siteId,
  );
  const cro: FlagshipVariables = {
    ...flagship,
    nctId: nctIdOf(mostFrequent(croEngagements.map((engagement) => engagement.trialId), trialIdOf(dataset, flagship.nctId))),
    sponsorId: mostFrequent(croEngagements.map((engagement) => engagement.sponsorId), flagship.sponsorId),
    siteId: croSiteId,
    countryCode: countryOf.get(croSiteId) ?? flagship.countryCode,
  };

  // An advocacy group: the trial it reviewed (the flagship trial's group is the demo one), and that trial's parties.
  const reviewed = dataset.advocateReviews.filter((review) => review.advocacyGroupId === flagship.advocacyGroupId).map((review) => review.trialId);
  const reviewedTrialId = mostFrequent(reviewed, trialIdOf(dataset, flagship.nctId));
  const reviewedSiteId = mostFrequent(
    sharingStaff(accepted.filter((trialSite) => trialSite.trialId === reviewedTrialId).map((trialSite) => trialSite.siteId), ['ALL_AUTHENTICATED']),
    flagship.siteId,
  );
  const advocate: FlagshipVariables = {
    ...flagship,
    nctId: nctIdOf(reviewedTrialId),
    sponsorId: trialOf.get(reviewedTrialId)!.sponsorId,
    siteId: reviewedSiteId,
    countryCode: countryOf.get(reviewedSiteId) ?? flagship.countryCode,
    croId: mostFrequent(dataset.engagements.filter((engagement) => engagement.trialId === reviewedTrialId).map((engagement) => engagement.croId), flagship.croId),
  };

  return [
    caller('SITE', siteId, site),
    caller('SPONSOR', flagship.sponsorId, sponsor),
    caller('CRO', flagship.croId, cro),
    caller('PATIENT_ADVOCATE', flagship.advocacyGroupId, advocate),
    caller('PLATFORM_ADMIN', 'platform', flagship),
  ];
}

/**
 * One caller of each kind on imported data: the stored variables already name one trial, its
 * sponsor, a CRO engaged on it and its busiest site, so each caller may see them all.
 */
export function storedCallers(stored: FlagshipVariables): DemoCaller[] {
  return [
    caller('SITE', stored.siteId, stored),
    caller('SPONSOR', stored.sponsorId, stored),
    caller('CRO', stored.croId, stored),
    caller('PATIENT_ADVOCATE', stored.advocacyGroupId, stored),
    caller('PLATFORM_ADMIN', 'platform', stored),
  ];
}

const caller = (party: PartyKind, orgId: string, variables: FlagshipVariables): DemoCaller => ({ party, orgId, variables, operations: FLAGSHIP_READERS[party] });

function trialIdOf(dataset: DemoDataset, nctId: string): string {
  return dataset.trials.find((trial) => trial.nctId === nctId)!.id;
}
