// The patient insights' records: survey responses from patients at sites past their first patient,
// their lived burden following the protocol's schedule, and advocacy groups' reviews of protocol versions.

import { isoDate, toDay } from './dates';
import { clamp, pad } from './numbers';
import type { SeedContext } from './context';
import { ADVOCACY_GROUPS, ADVOCATE_FINDINGS } from './reference-data';

export function buildSurveyResponses(context: SeedContext): void {
  const { dice, today } = context;
  context.trials.forEach((trial, trialIndex) => {
    const plan = context.plans[trialIndex];
    // Patient surveys run on a minority of trials, where the sponsor deployed the eCOA app.
    if (plan.planned || !dice.chance(0.42)) return;
    const visits = trial.protocolVersions[trial.protocolVersions.length - 1].visits;
    const visitCount = visits.length;
    // Designed burden drives lived burden: 1 for a short schedule, about 4 for thirty visits.
    const burdenBase = 1 + 3 * clamp((visitCount - 5) / 25, 0, 1);
    for (const index of plan.trialSites) {
      const trialSite = context.trialSites[index];
      const facts = context.trialSiteFacts[index];
      if (facts.firstPatient === null) continue;
      const count = Math.round(trialSite.enrolled * dice.real(0.2, 1.2));
      if (count === 0) continue;
      const site = context.sites[facts.site];
      const travel = site.kind === 'COMMUNITY_CLINIC' ? -0.7 : site.kind === 'ACADEMIC_MEDICAL_CENTER' ? 0.4 : 0;
      const firstPatient = facts.firstPatient;
      const until = Math.min(facts.closed ?? today, today);
      for (let k = 0; k < count; k++) {
        const score = (shift: number) => clamp(Math.round(burdenBase + shift + dice.real(-1.2, 1.2)), 1, 5);
        const burden = { travel: score(travel), visitLength: score(0.2), procedures: score(0), scheduling: score(-0.3), cost: score(-1) };
        const meanBurden = (burden.travel + burden.visitLength + burden.procedures + burden.scheduling + burden.cost) / 5;
        const day = firstPatient + Math.floor((until - firstPatient + 1) * dice.real());
        const discontinued = dice.chance(0.06 + 0.03 * (meanBurden - 1));
        context.surveyResponses.push({
          clientResponseId: dice.uuid(),
          trialId: trial.id,
          siteId: site.id,
          visitNumber: dice.int(Math.min(2, visitCount), visitCount),
          submittedMonth: isoDate(Math.min(day, until)).slice(0, 7),
          burden,
          understanding: clamp(Math.round(4.3 - (burdenBase - 1) * 0.4 + dice.real(-1.3, 1)), 1, 5),
          wouldRecommend: dice.chance(clamp(0.95 - (meanBurden - 1) * 0.18, 0.1, 0.95)),
          discontinuationReason: discontinued
            ? dice.weighted([['BURDEN', 2 + meanBurden], ['ADVERSE_EVENT', 3], ['TRAVEL', 1 + burden.travel / 2], ['LACK_OF_EFFECT', 2], ['PERSONAL', 2], ['OTHER', 1]] as const)
            : null,
        });
      }
    }
  });
}

export function buildAdvocateReviews(context: SeedContext): void {
  const { dice, today } = context;
  let findingCounter = 0;
  for (const trial of context.trials) {
    if (!dice.chance(0.3)) continue;
    const versions = dice.sample(trial.protocolVersions, dice.chance(0.85) ? 1 : 2).sort((a, b) => a.version - b.version);
    for (const version of versions) {
      // Reviewed as a draft before it took effect, or while running.
      const reviewedOn = Math.min(toDay(version.effectiveOn) + dice.int(-60, 120), today);
      const recent = today - reviewedOn < 45;
      const findings = dice.sample(ADVOCATE_FINDINGS, dice.int(1, 5)).map((finding) => ({
        id: `finding-${pad(++findingCounter, 5)}`,
        area: finding.area,
        severity: dice.weighted([['LOW', 35], ['MEDIUM', 45], ['HIGH', 20]] as const),
        recommendation: dice.pick(finding.recommendations),
        sponsorDecision: recent && dice.chance(0.6) ? ('PENDING' as const) : dice.weighted([['ADOPTED', 40], ['PARTIALLY_ADOPTED', 25], ['DECLINED', 20], ['PENDING', 15]] as const),
      }));
      // Groups take reviews in turn: no draw from the dice, so the rest of the dataset is unchanged.
      const group = ADVOCACY_GROUPS[context.advocateReviews.length % ADVOCACY_GROUPS.length];
      context.advocateReviews.push({
        id: `review-${pad(context.advocateReviews.length + 1, 4)}`,
        advocacyGroupId: group.id,
        trialId: trial.id,
        protocolVersion: version.version,
        format: dice.weighted([['SITE_RUN_THROUGH', 30], ['PANEL', 45], ['SURVEY', 25]] as const),
        reviewedOn: isoDate(reviewedOn),
        findings,
      });
    }
  }
}
