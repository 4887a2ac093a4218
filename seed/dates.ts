// Dates as whole days since 1970-01-01 (UTC), formatted once per day: the generator compares and adds
// day numbers, and turns them into text only when it writes a record.

import type { IsoDate } from './model';

const DAY_MS = 86_400_000;
const isoDates = new Map<number, string>();

const dayNumbers = new Map<IsoDate, number>();

export function toDay(date: IsoDate): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    dayNumbers.set(date, day);
  }
  return day;
}

export function isoDate(day: number): IsoDate {
  let text = isoDates.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDates.set(day, text);
  }
  return text;
}

export const isoInstant = (day: number, minuteOfDay: number): string => new Date(day * DAY_MS + minuteOfDay * 60_000).toISOString();

/** The first day on or after `from` that falls on month/day. */
export function nextAnniversary(from: number, month: number, dayOfMonth: number): number {
  const year = new Date(from * DAY_MS).getUTCFullYear();
  const thisYear = Math.round(Date.UTC(year, month - 1, dayOfMonth) / DAY_MS);
  return thisYear >= from ? thisYear : Math.round(Date.UTC(year + 1, month - 1, dayOfMonth) / DAY_MS);
}

export function quarterOf(day: number): { year: number; quarter: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), quarter: Math.floor(date.getUTCMonth() / 3) + 1 };
}
