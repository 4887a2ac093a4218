// The variables of the five flagship operations, chosen from a generated dataset: the demo, the
// benchmark and the end-to-end tests all query the same records.

import { responsibilityConflicts, responsibilityGaps } from '../subgraphs/cros/raci';
import type { DemoDataset } from './model';

export interface FlagshipVariables {
  countryCode: string;
  nctId: string;
  siteId: string;
  croId: string;
  sponsorId: string;
  /** The advocacy group that reviewed the TrialOverview trial: the demo PATIENT_ADVOCATE organisation. */
  advocacyGroupId: string;
}

/**
 * Ids rich in data for the five flagship queries: each is the best-scoring record that has what its
 * query shows, ties broken by id so the choice is as stable as the dataset.
 */
export function flagshipVariables(dataset: DemoDataset): FlagshipVariables {
  const countBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
  };
  const best = <T extends { id: string }>(items: readonly T[], score: (item: T) => number): T => {
    let winner = items[0];
    let top = -Infinity;
    for (const item of items) {
      const value = score(item);
      if (value > top) {
        top = value;
        winner = item;
      }
    }
    return winner;
  };

  // Spain, for its Catalan, Valencian and Basque sites, when it fills more than a page of 20.
  const sitesPerCountry = countBy(dataset.sites, (site) => site.countryCode);
  const busiest = [...sitesPerCountry.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const countryCode = (sitesPerCountry.get('ES') ?? 0) > 20 ? 'ES' : busiest;

  const sitesPerTrial = countBy(dataset.trialSites, (trialSite) => trialSite.trialId);
  const engagementsPerTrial = countBy(dataset.engagements, (engagement) => engagement.trialId);
  const responsesPerTrial = countBy(dataset.surveyResponses, (response) => response.trialId);
  const reviewsPerTrial = countBy(dataset.advocateReviews, (review) => review.trialId);
  const trial = best(dataset.trials, (candidate) => {
    const sites = sitesPerTrial.get(candidate.id) ?? 0;
    const engagements = engagementsPerTrial.get(candidate.id) ?? 0;
    const responses = responsesPerTrial.get(candidate.id) ?? 0;
    const reviews = reviewsPerTrial.get(candidate.id) ?? 0;
    const complete = sites > 0 && engagements > 0 && responses >= 11 && reviews > 0;
    return (complete ? 1000 : 0) + Math.min(sites, 15) + 3 * Math.min(engagements, 2) + Math.min(responses, 200) / 20 + 2 * Math.min(reviews, 2);
  });

  const partnershipsPerSite = countBy(dataset.partnerships, (partnership) => partnership.siteId);
  const investmentsPerSite = new Map<string, number>();
  for (const partnership of dataset.partnerships) investmentsPerSite.set(partnership.siteId, (investmentsPerSite.get(partnership.siteId) ?? 0) + partnership.investments.length);
  const pipelinePerSite = new Map<string, number>();
  for (const programme of dataset.pipeline) for (const siteId of programme.sharedWithSiteIds) pipelinePerSite.set(siteId, (pipelinePerSite.get(siteId) ?? 0) + 1);
  const craPerSite = countBy(
    dataset.staffAssignments.filter((assignment) => assignment.role === 'CLINICAL_RESEARCH_ASSOCIATE'),
    (assignment) => assignment.siteId,
  );
  const site = best(dataset.sites, (candidate) => {
    const partnerships = partnershipsPerSite.get(candidate.id) ?? 0;
    const investments = investmentsPerSite.get(candidate.id) ?? 0;
    const pipeline = pipelinePerSite.get(candidate.id) ?? 0;
    const cras = craPerSite.get(candidate.id) ?? 0;
    const complete = partnerships >= 3 && investments > 0 && pipeline > 0 && cras >= 2;
    // Rich but readable: a page of partnerships, not the busiest site's hundreds of rows.
    return (complete ? 1000 : 0) + Math.min(partnerships, 8) + Math.min(investments, 6) + Math.min(pipeline, 6) + Math.min(cras, 12) / 2;
  });

  const croStats = new Map<string, { engagements: number; withOpenActions: number; gaps: number; conflicts: number }>();
  for (const engagement of dataset.engagements) {
    const stats = croStats.get(engagement.croId) ?? { engagements: 0, withOpenActions: 0, gaps: 0, conflicts: 0 };
    stats.engagements++;
    if (engagement.actions.some((action) => action.resolvedAt === null)) stats.withOpenActions++;
    stats.gaps += responsibilityGaps(engagement.servicesInScope, engagement.responsibilities).length;
    stats.conflicts += responsibilityConflicts(engagement.responsibilities).length;
    croStats.set(engagement.croId, stats);
  }
  const cro = best(dataset.cros, (candidate) => {
    const stats = croStats.get(candidate.id);
    if (!stats) return 0;
    const complete = stats.withOpenActions > 0 && stats.gaps > 0;
    return (complete ? 1000 : 0) + Math.min(stats.engagements, 20) + Math.min(stats.withOpenActions, 10) + 2 * Math.min(stats.gaps, 5) + Math.min(stats.conflicts, 3);
  });

  const pipelinePerSponsor = countBy(dataset.pipeline, (programme) => programme.sponsorId);
  const sponsorOfTrial = new Map(dataset.trials.map((candidate) => [candidate.id, candidate.sponsorId]));
  const answeredPerSponsor = countBy(
    dataset.feedback.filter((item) => item.respondedAt !== null),
    (item) => sponsorOfTrial.get(item.trialId)!,
  );
  const openPerSponsor = countBy(
    dataset.feedback.filter((item) => item.respondedAt === null),
    (item) => sponsorOfTrial.get(item.trialId)!,
  );
  const sponsor = best(dataset.sponsors, (candidate) => {
    const programmes = pipelinePerSponsor.get(candidate.id) ?? 0;
    const answered = answeredPerSponsor.get(candidate.id) ?? 0;
    const open = openPerSponsor.get(candidate.id) ?? 0;
    const complete = programmes > 0 && answered > 0;
    return (complete ? 1000 : 0) + Math.min(programmes, 5) + Math.min(answered, 20) / 2 + Math.min(open, 3);
  });

  const advocacyGroupId = dataset.advocateReviews.find((review) => review.trialId === trial.id)?.advocacyGroupId ?? dataset.advocacyGroups[0].id;
  return { countryCode, nctId: trial.nctId, siteId: site.id, croId: cro.id, sponsorId: sponsor.id, advocacyGroupId };
}
