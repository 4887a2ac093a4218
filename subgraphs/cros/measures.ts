// Measures of CRO delivery, as DESIGN.md defines them. Pure functions over loaded rows; the
// handover overlap needs the predecessor row, so it is computed in SQL instead (see loaders.ts).

import { daysBetween } from '../shared/dates';

/** Monitoring follow-up letter lag: followUpLetterSentOn − visitedOn; null until it is sent. */
export function followUpLetterLagDays(visit: { visitedOn: string; followUpLetterSentOn: string | null }): number | null {
  return visit.followUpLetterSentOn === null ? null : daysBetween(visit.visitedOn, visit.followUpLetterSentOn);
}
