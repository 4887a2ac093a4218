// Calendar arithmetic on 'yyyy-MM-dd' dates, in UTC so no daylight-saving change shifts a count.
import { badUserInput } from './errors';

export const DAY_MS = 86_400_000;

/** Whole days from one calendar date to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today's calendar date in UTC, 'yyyy-MM-dd'. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

// The Earth's easternmost time zone (Kiribati, UTC+14) is the first to reach a new day: a date is
// in the future only after today there, so nobody is told their own today is still to come.
const EASTERNMOST_OFFSET_MS = 14 * 60 * 60 * 1000;

/** Today's date where it is latest, 'yyyy-MM-dd'. */
export function latestToday(now: Date = new Date()): string {
  return new Date(now.getTime() + EASTERNMOST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date as given, or a BAD_USER_INPUT naming `field` when it is after today everywhere: what is recorded has happened. */
export function notInFuture(value: string, field: string): string {
  const latest = latestToday();
  if (value > latest) throw badUserInput(`${field} ${value} is in the future; it must be on or before ${latest}`, field);
  return value;
}
