// Measures of CRO delivery, as DESIGN.md defines them. Pure functions over loaded rows; the
// handover overlap needs the predecessor row, so it is computed in SQL instead (see loaders.ts).

import { daysBetween } from '../shared/dates';

/** Monitoring follow-up letter lag: followUpLetterSentOn − visitedOn; null until it is sent. */
export function followUpLetterLagDays(visit: { visitedOn: string; followUpLetterSentOn: string | null }): number | null {
  return visit.followUpLetterSentOn === null ? null : daysBetween(visit.visitedOn, visit.followUpLetterSentOn);
}

/** CRA turnover at one site on one trial (the CraTurnover type). */
export interface CraTurnoverRow {
  siteId: string;
  trialId: string;
  assignments: number;
  endedBeforeClose: number;
  rate: number;
}

/** When a trial closed at a site, as its owner shows it to the caller; null when not closed (or not shown). */
export type TrialClosedOn = (siteId: string, trialId: string) => string | null;

/**
 * CRA turnover (DESIGN.md): CRA assignments ended before the trial closed ÷ CRA assignments, per
 * site and trial, ordered by site then trial. An assignment ended before the trial closed when it
 * has ended and the trial is not closed at that site or closed after its last day: leaving on the
 * closing day is the trial ending, not the monitor leaving.
 */
export function craTurnover(
  assignments: readonly { role: string; siteId: string; trialId: string; endedOn: string | null }[],
  closedOn: TrialClosedOn,
): CraTurnoverRow[] {
  const bySiteAndTrial = new Map<string, CraTurnoverRow>();
  for (const assignment of assignments) {
    if (assignment.role !== 'CLINICAL_RESEARCH_ASSOCIATE') continue;
    const key = `${assignment.siteId}\u0000${assignment.trialId}`;
    let row = bySiteAndTrial.get(key);
    if (!row) {
      row = { siteId: assignment.siteId, trialId: assignment.trialId, assignments: 0, endedBeforeClose: 0, rate: 0 };
      bySiteAndTrial.set(key, row);
    }
    row.assignments += 1;
    const closed = closedOn(assignment.siteId, assignment.trialId);
    if (assignment.endedOn !== null && (closed === null || assignment.endedOn < closed)) row.endedBeforeClose += 1;
  }
  return [...bySiteAndTrial.values()]
    .map((row) => ({ ...row, rate: row.endedBeforeClose / row.assignments }))
    .sort((a, b) => (a.siteId === b.siteId ? compare(a.trialId, b.trialId) : compare(a.siteId, b.siteId)));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
