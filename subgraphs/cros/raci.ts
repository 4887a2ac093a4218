// Who does what between sponsor, CRO and site: the RACI rules behind Engagement.responsibilityGaps
// and Engagement.responsibilityConflicts. Pure functions over rows already loaded.

import type { Activity } from './generated/resolvers';

/** The Activity enum, in the order the contract declares it: lists of activities follow it. */
export const ACTIVITIES: readonly Activity[] = [
  'PROTOCOL_DESIGN',
  'SITE_FEASIBILITY',
  'SITE_SELECTION',
  'REGULATORY_SUBMISSION',
  'SITE_CONTRACTS',
  'SITE_PAYMENTS',
  'SITE_TRAINING',
  'PATIENT_RECRUITMENT',
  'SITE_MONITORING',
  'DATA_MANAGEMENT',
  'SAFETY_REPORTING',
  'TRANSLATION',
];

export interface RaciRow {
  activity: string;
  responsible: readonly string[];
  accountable: readonly string[];
}

const rank = new Map<string, number>(ACTIVITIES.map((activity, i) => [activity, i]));

/** Rows sorted in Activity enum order. */
export function inActivityOrder<T extends { activity: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (rank.get(a.activity) ?? ACTIVITIES.length) - (rank.get(b.activity) ?? ACTIVITIES.length));
}

/**
 * Activities in scope that nobody does or nobody answers for: no RACI row at all, or a row with
 * no responsible party, or one with no accountable party.
 */
export function responsibilityGaps(servicesInScope: readonly string[], responsibilities: readonly RaciRow[]): Activity[] {
  const inScope = new Set(servicesInScope);
  const byActivity = new Map(responsibilities.map((row) => [row.activity, row]));
  return ACTIVITIES.filter((activity) => {
    if (!inScope.has(activity)) return false;
    const row = byActivity.get(activity);
    return !row || row.responsible.length === 0 || row.accountable.length === 0;
  });
}

/**
 * Activities more than one party answers for: RACI allows exactly one accountable, and two are
 * where sponsor and CRO end up duplicating work or each assuming the other decided.
 */
export function responsibilityConflicts(responsibilities: readonly RaciRow[]): Activity[] {
  const conflicted = new Set(
    responsibilities.filter((row) => new Set(row.accountable).size > 1).map((row) => row.activity),
  );
  return ACTIVITIES.filter((activity) => conflicted.has(activity));
}
