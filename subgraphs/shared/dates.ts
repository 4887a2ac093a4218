// Calendar arithmetic on 'yyyy-MM-dd' dates, in UTC so no daylight-saving change shifts a count.

export const DAY_MS = 86_400_000;

/** Whole days from one calendar date to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today's calendar date in UTC, 'yyyy-MM-dd'. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
