// Checks on what a site writes about itself. Each check returns the value to store (trimmed,
// canonical) or throws BAD_USER_INPUT naming the field as the caller wrote it, e.g.
// input.blackoutPeriods[1].endsOn, with the reason in the message.
import { badUserInput } from '../../shared/errors';
import type { BlackoutPeriodInput } from '../generated/resolvers';

/** Longest single-line text we store (a name, a city, a reason). */
const MAX_TEXT_LENGTH = 200;
/** Most entries in one list: keeps one write one small transaction. */
const MAX_LIST_LENGTH = 100;

// Control characters have no place in a name, and PostgreSQL refuses NUL in text outright.
const CONTROL_CHARACTER = /\p{Cc}/u;

/** Non-blank single-line text, trimmed. */
export function requiredText(value: string, field: string): string {
  const text = value.trim();
  if (text === '') throw badUserInput(`${field} must not be blank`, field);
  if (text.length > MAX_TEXT_LENGTH) throw badUserInput(`${field} must be at most ${MAX_TEXT_LENGTH} characters, not ${text.length}`, field);
  if (CONTROL_CHARACTER.test(text)) throw badUserInput(`${field} must be one line of text without control characters`, field);
  return text;
}

/** Optional text: null or left out stores null; given, it must be non-blank. */
export function optionalText(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim() === '') throw badUserInput(`${field} must not be blank; send null (or leave it out) for none`, field);
  return requiredText(value, field);
}

/** A field of a partial update that may be left out but not cleared. */
export function notNull<T>(value: T | null, field: string): T {
  if (value === null) throw badUserInput(`${field} cannot be cleared; leave it out to keep the current value`, field);
  return value;
}

// CLDR region codes of two letters that are not countries.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'QO', 'UN', 'ZZ']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** ISO 3166-1 alpha-2, upper case, of a country ICU knows. */
export function countryCode(value: string, field: string): string {
  if (!/^[A-Z]{2}$/.test(value)) {
    throw badUserInput(`${field} must be an ISO 3166-1 alpha-2 code of two upper-case letters, e.g. ES; got ${JSON.stringify(value)}`, field);
  }
  if (NOT_COUNTRIES.has(value) || regionNames.of(value) === undefined) {
    throw badUserInput(`${field} ${value} is not an ISO 3166-1 country code`, field);
  }
  return value;
}

// ICU's list leaves out UTC itself (it lists only Area/Location names), so it is added here.
const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** An IANA time zone name, spelled as IANA spells it (Europe/Madrid). */
export function timeZone(value: string, field: string): string {
  if (TIME_ZONES.has(value)) return value;
  const spelled = [...TIME_ZONES].find((zone) => zone.toLowerCase() === value.toLowerCase());
  const hint = spelled ? `; did you mean ${spelled}?` : ', e.g. Europe/Madrid';
  throw badUserInput(`${field} must be an IANA time zone name${hint} (got ${JSON.stringify(value)})`, field);
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A BCP 47 tag in canonical form (EN-us → en-US): well formed by Intl.getCanonicalLocales, and of
 * a language ICU knows by name, so "english" (well formed, but no language) is refused.
 */
export function languageTag(value: string, field: string): string {
  let canonical: string;
  try {
    [canonical] = Intl.getCanonicalLocales(value);
  } catch {
    throw badUserInput(`${field} ${JSON.stringify(value)} is not a well-formed BCP 47 language tag, e.g. es or ca-valencia`, field);
  }
  if (languageNames.of(new Intl.Locale(canonical).language) === undefined) {
    throw badUserInput(`${field} ${JSON.stringify(value)} does not name a known language`, field);
  }
  return canonical;
}

/** A list of at most MAX_LIST_LENGTH entries, each checked, with no entry twice (after checking). */
export function distinctList<T>(values: readonly T[], field: string, check: (value: T, field: string) => string): string[] {
  if (values.length > MAX_LIST_LENGTH) throw badUserInput(`${field} may hold at most ${MAX_LIST_LENGTH} entries, not ${values.length}`, field);
  const seen = new Map<string, number>();
  return values.map((value, i) => {
    const entry = check(value, `${field}[${i}]`);
    const first = seen.get(entry);
    if (first !== undefined) throw badUserInput(`${field}[${i}] repeats ${field}[${first}] (${entry})`, `${field}[${i}]`);
    seen.set(entry, i);
    return entry;
  });
}

/** A therapeutic-area code as trials use them (ONCOLOGY, RARE_DISEASES), so filters match both. */
export function therapeuticArea(value: string, field: string): string {
  if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(value)) {
    throw badUserInput(`${field} must be a therapeutic-area code in upper case with underscores, e.g. ONCOLOGY or RARE_DISEASES; got ${JSON.stringify(value)}`, field);
  }
  return value;
}

export function nonNegativeInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0) throw badUserInput(`${field} must be a whole number, 0 or more; got ${value}`, field);
  return value;
}

export function nonNegativeNumber(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) throw badUserInput(`${field} must be 0 or more; got ${value}`, field);
  return value;
}

/** Full-time equivalent of one person: more than nothing, at most full time. */
export function staffFte(value: number, field: string): number {
  if (!(value > 0 && value <= 1)) throw badUserInput(`${field} must be more than 0 and at most 1 (full time); got ${value}`, field);
  return value;
}

export function latitude(value: number, field: string): number {
  if (!(value >= -90 && value <= 90)) throw badUserInput(`${field} must be between -90 and 90 degrees; got ${value}`, field);
  return value;
}

export function longitude(value: number, field: string): number {
  if (!(value >= -180 && value <= 180)) throw badUserInput(`${field} must be between -180 and 180 degrees; got ${value}`, field);
  return value;
}

/**
 * Blackout periods: each a real span of days (endsOn on or after startsOn, both inclusive), none
 * sharing a day with another. An overlap is reported on the later-starting period. The Date type
 * has already refused any day the calendar lacks.
 */
export function blackoutPeriods(periods: readonly BlackoutPeriodInput[], field: string) {
  if (periods.length > MAX_LIST_LENGTH) throw badUserInput(`${field} may hold at most ${MAX_LIST_LENGTH} periods, not ${periods.length}`, field);
  const checked = periods.map((period, i) => {
    const at = `${field}[${i}]`;
    const { startsOn, endsOn } = period;
    if (endsOn < startsOn) throw badUserInput(`${at}.endsOn ${endsOn} is before its startsOn ${startsOn}`, `${at}.endsOn`);
    return { index: i, startsOn, endsOn, reason: optionalText(period.reason, `${at}.reason`) };
  });
  const byStart = [...checked].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.index - b.index);
  for (let i = 1; i < byStart.length; i++) {
    const [earlier, later] = [byStart[i - 1], byStart[i]];
    if (later.startsOn <= earlier.endsOn) {
      throw badUserInput(
        `${field}[${later.index}] (${later.startsOn} to ${later.endsOn}) overlaps ${field}[${earlier.index}] (${earlier.startsOn} to ${earlier.endsOn})`,
        `${field}[${later.index}].startsOn`,
      );
    }
  }
  return checked.map(({ startsOn, endsOn, reason }) => ({ startsOn, endsOn, reason }));
}
