// Measures of CRO delivery, as DESIGN.md defines them. Pure functions over loaded rows; the
// handover overlap is computed in SQL instead (see loaders.ts), over the rows of its window.

const DAY_MS = 86_400_000;

/** Whole days from one 'yyyy-MM-dd' date to another (both parsed as UTC, so no DST drift). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** Monitoring follow-up letter lag: followUpLetterSentOn − visitedOn; null until it is sent. */
export function followUpLetterLagDays(visit: { visitedOn: string; followUpLetterSentOn: string | null }): number | null {
  return visit.followUpLetterSentOn === null ? null : daysBetween(visit.visitedOn, visit.followUpLetterSentOn);
}
