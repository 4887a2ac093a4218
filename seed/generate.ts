// The deterministic demo dataset: one seeded faker drives every random choice, and "today" is the
// reference date, so a seed gives the same dataset byte for byte on any machine, in any timezone,
// on any day. Records are built party by party in a fixed order; each step only reads what the
// steps before it made, and every step is linear in the number of records.
//
// The steps live with their party (sites.ts, sponsors.ts, cros.ts, insights.ts) and share one
// SeedContext (context.ts). They all draw from the same random stream, so the order of the calls
// below is part of the dataset: moving one step changes every record made after it.

import { SeedContext } from './context';
import { buildAdvocateReviews, buildSurveyResponses } from './insights';
import { buildCros, buildEngagements, buildMonitoringAndStaffing } from './cros';
import type { DemoDataset } from './model';
import { ADVOCACY_GROUPS } from './reference-data';
import { buildSites } from './sites';
import { buildFeedback, buildPartnerships, buildPipeline, buildProtocols, buildSponsors, buildTrialSites, buildTrials } from './sponsors';

export interface GenerateOptions {
  /** Seeds the one random source; default 42. */
  seed?: number;
  /** Multiplies every count; 0.1 to 100, default 1 (about 200 sites, 40 sponsors, 20 CROs, 300 trials). */
  scale?: number;
  /** The dataset's "today", 'yyyy-MM-dd'; nothing happens after it. Default '2026-11-01'. */
  referenceDate?: string;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_REFERENCE_DATE = '2026-11-01';

/**
 * A relationship takes both sides: a partnership (with the equipment it paid for and the pipeline
 * shared through it), a CRO's visits and its staff at a site exist only where the site accepted a
 * selection (of the sponsor's; for the engagement's trial). Applied once
 * everything is drawn, so the draws, and every other record, stay what they were before sites
 * answered their selections.
 */
function keepWhatSitesAccepted(context: SeedContext): void {
  const sponsorOf = new Map(context.trials.map((trial) => [trial.id, trial.sponsorId]));
  const accepted = context.trialSites.filter((row) => row.siteResponse === 'ACCEPTED');
  const runs = new Set(accepted.map((row) => `${row.trialId}|${row.siteId}`));
  const partners = new Set(accepted.map((row) => `${sponsorOf.get(row.trialId)}|${row.siteId}`));
  const trialOf = new Map(context.engagements.map((engagement) => [engagement.id, engagement.trialId]));
  const keep = <T>(records: T[], kept: (record: T) => boolean) => {
    let length = 0;
    for (const record of records) if (kept(record)) records[length++] = record;
    records.length = length;
  };
  keep(context.partnerships, (partnership) => partners.has(`${partnership.sponsorId}|${partnership.siteId}`));
  // What hung off a partnership that no longer is: equipment it paid for, pipeline shared through it.
  for (const site of context.sites) keep(site.assets, (asset) => asset.fundedBySponsorId === null || partners.has(`${asset.fundedBySponsorId}|${site.id}`));
  for (const program of context.pipeline) keep(program.sharedWithSiteIds, (siteId) => partners.has(`${program.sponsorId}|${siteId}`));
  keep(context.monitoringVisits, (visit) => runs.has(`${trialOf.get(visit.engagementId)}|${visit.siteId}`));
  keep(context.staffAssignments, (assignment) => runs.has(`${assignment.trialId}|${assignment.siteId}`));
}

export function generateDemoDataset(options: GenerateOptions = {}): DemoDataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(scale >= 0.1 && scale <= 100)) throw new RangeError(`scale must be between 0.1 and 100, got ${scale}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || Number.isNaN(Date.parse(`${referenceDate}T00:00:00Z`))) {
    throw new RangeError(`referenceDate must be 'yyyy-MM-dd', got ${referenceDate}`);
  }

  const context = new SeedContext(seed, scale, referenceDate);
  buildSites(context);
  buildSponsors(context);
  buildCros(context);
  buildTrials(context);
  buildTrialSites(context);
  buildProtocols(context);
  buildPartnerships(context);
  buildPipeline(context);
  buildFeedback(context);
  buildEngagements(context);
  buildMonitoringAndStaffing(context);
  buildSurveyResponses(context);
  buildAdvocateReviews(context);
  keepWhatSitesAccepted(context);

  return {
    seed,
    scale,
    sites: context.sites,
    sponsors: context.sponsors,
    trials: context.trials,
    trialSites: context.trialSites,
    partnerships: context.partnerships,
    pipeline: context.pipeline,
    feedback: context.feedback,
    cros: context.cros,
    engagements: context.engagements,
    monitoringVisits: context.monitoringVisits,
    staffAssignments: context.staffAssignments,
    surveyResponses: context.surveyResponses,
    advocacyGroups: ADVOCACY_GROUPS.map((group) => ({ ...group })),
    advocateReviews: context.advocateReviews,
  };
}
