// The measures DESIGN.md defines over a site's participation in trials and over protocol feedback,
// as pure functions of the stored figures and the day they are taken on ("today" for open-ended
// ones). Null wherever a measure is undefined: a missing date, a division by zero.

import { DAY_MS, daysBetween } from '../shared/dates';

export type IsoDate = string;
/** The mean Gregorian month: months are counted from days so they do not depend on the calendar. */
export const DAYS_PER_MONTH = 30.44;

export function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** What the site-level measures read from a site's participation in a trial. */
export interface Participation {
  /** Null where unknown, as for a site imported from ClinicalTrials.gov; so are the figures below. */
  selectedOn: IsoDate | null;
  activatedOn: IsoDate | null;
  firstPatientInOn: IsoDate | null;
  closedOn: IsoDate | null;
  enrollmentTarget: number | null;
  screened: number | null;
  enrolled: number | null;
  withdrawn: number | null;
}

/** activatedOn − selectedOn, days. */
export function activationCycleDays(p: Participation): number | null {
  return p.activatedOn === null || p.selectedOn === null ? null : daysBetween(p.selectedOn, p.activatedOn);
}

/** firstPatientInOn − activatedOn, days. */
export function timeToFirstPatientDays(p: Participation): number | null {
  return p.activatedOn === null || p.firstPatientInOn === null ? null : daysBetween(p.activatedOn, p.firstPatientInOn);
}

/** enrolled / active months, active months = (min(asOf, closedOn) − activatedOn) / 30.44. */
export function enrollmentRate(p: Participation, asOf: IsoDate): number | null {
  if (p.activatedOn === null || p.enrolled === null) return null;
  const end = p.closedOn !== null && p.closedOn < asOf ? p.closedOn : asOf;
  const activeMonths = daysBetween(p.activatedOn, end) / DAYS_PER_MONTH;
  return activeMonths > 0 ? p.enrolled / activeMonths : null;
}

/** enrolled / enrollmentTarget. */
export function enrollmentVsTarget(p: Participation): number | null {
  return p.enrollmentTarget && p.enrolled !== null ? p.enrolled / p.enrollmentTarget : null;
}

/** (screened − enrolled) / screened. */
export function screenFailureRate(p: Participation): number | null {
  return p.screened !== null && p.enrolled !== null && p.screened > 0 ? (p.screened - p.enrolled) / p.screened : null;
}

/** 1 − withdrawn / enrolled. */
export function retention(p: Participation): number | null {
  return p.enrolled !== null && p.withdrawn !== null && p.enrolled > 0 ? 1 - p.withdrawn / p.enrolled : null;
}

/**
 * Continuity of a partnership at one site: taking the shared trials in the order they were
 * selected, the longest wait between the latest end so far (closedOn, or asOf while still open)
 * and the next selection, in months to one decimal; 0 when every trial overlaps an earlier one,
 * null with fewer than two trials whose selection day is known.
 */
export function longestGapMonths(
  participations: readonly Pick<Participation, 'selectedOn' | 'closedOn'>[],
  asOf: IsoDate,
): number | null {
  const dated = participations.filter((p): p is Pick<Participation, 'closedOn'> & { selectedOn: IsoDate } => p.selectedOn !== null);
  if (dated.length < 2) return null;
  const ordered = [...dated].sort((a, b) => (a.selectedOn < b.selectedOn ? -1 : a.selectedOn > b.selectedOn ? 1 : 0));
  const endOf = (p: Pick<Participation, 'closedOn'>) => p.closedOn ?? asOf;
  let latestEnd = endOf(ordered[0]);
  let longestDays = 0;
  for (const next of ordered.slice(1)) {
    longestDays = Math.max(longestDays, daysBetween(latestEnd, next.selectedOn));
    if (endOf(next) > latestEnd) latestEnd = endOf(next);
  }
  return roundToTenth(longestDays / DAYS_PER_MONTH);
}

/** respondedAt − raisedAt in days, to one decimal; null while unanswered. */
export function responseDays(raisedAt: Date, respondedAt: Date | null): number | null {
  return respondedAt === null ? null : roundToTenth((respondedAt.getTime() - raisedAt.getTime()) / DAY_MS);
}
