// Checks on what a write is given, before anything is stored. Each names the input field at fault
// as the caller wrote it (input.protocol.visits[2].procedures[0]) and says why.
import { badUserInput } from '../../../shared/errors';
import type { ProtocolVersionEntity } from '../../entities';
import type { ProtocolVersionInput } from '../../generated/resolvers';

/** Trimmed text with something in it, at most `max` characters (as PostgreSQL counts them). */
export function text(value: string, field: string, max = 500): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badUserInput(`${field} must not be empty`, field);
  const length = [...trimmed].length;
  if (length > max) throw badUserInput(`${field} must be at most ${max} characters, got ${length}`, field);
  return trimmed;
}

export function notNegative(value: number, field: string): number {
  if (value < 0) throw badUserInput(`${field} must not be negative, got ${value}`, field);
  return value;
}

export function optionalNotNegative(value: number | null | undefined, field: string): number | null {
  return value == null ? null : notNegative(value, field);
}

/** Each value once: the first repeat is named by the field at its index. */
export function distinct<T>(values: readonly T[], fieldAt: (index: number) => string, what: string): T[] {
  const seen = new Set<T>();
  for (const [i, value] of values.entries()) {
    if (seen.has(value)) throw badUserInput(`${what} ${String(value)} is listed twice`, fieldAt(i));
    seen.add(value);
  }
  return [...values];
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** ISO 3166-1 alpha-2: two capitals that name a region (Intl answers an unknown code with itself). */
export function countries(codes: readonly string[], field: string): string[] {
  codes.forEach((code, i) => {
    if (!/^[A-Z]{2}$/.test(code) || regionNames.of(code) === code) {
      throw badUserInput(`${code} is not an ISO 3166-1 alpha-2 country code`, `${field}[${i}]`);
    }
  });
  return distinct(codes, (i) => `${field}[${i}]`, 'Country');
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217, as Intl knows it. */
export function currency(code: string, field: string): string {
  if (!CURRENCIES.has(code)) throw badUserInput(`${code} is not an ISO 4217 currency code`, field);
  return code;
}

/** The database keeps money as numeric(14, 2): whole cents below 10^12. */
export function money(amount: number, field: string): number {
  notNegative(amount, field);
  if (Math.round(amount * 100) / 100 !== amount) throw badUserInput(`${field} must be in whole cents, got ${amount}`, field);
  if (amount >= 1e12) throw badUserInput(`${field} must be less than 10^12, got ${amount}`, field);
  return amount;
}

export function quarter(value: string, field: string): string {
  if (!/^\d{4}-Q[1-4]$/.test(value)) throw badUserInput(`${field} must be a calendar quarter like 2027-Q2, got ${value}`, field);
  return value;
}

/** Throws unless `later` is on or after `earlier` (both 'yyyy-MM-dd', which order as strings). */
export function notBefore(later: string, earlier: string, field: string, earlierName: string): string {
  if (later < earlier) throw badUserInput(`${field} (${later}) must not be before ${earlierName} (${earlier})`, field);
  return later;
}

/** A protocol version's design as a write gives it (a trial's first version, or the next one). */
export type ProtocolDesignInput = Omit<ProtocolVersionInput, 'effectiveOn'>;

/** What a protocol version stores beside its trial, version number, dates and reason. */
export type ProtocolDesign = Omit<ProtocolVersionEntity, 'trialId' | 'version' | 'effectiveOn' | 'amendmentReason' | 'fromRegistry'>;

/**
 * A protocol version's design, checked: procedures named once, a schedule whose visits are
 * numbered once each and list only those procedures, counts that are not negative. `at` is where
 * the design sits in the input ('input' or 'input.protocol').
 */
export function protocolDesign(design: ProtocolDesignInput, at: string): ProtocolDesign {
  const procedures = design.procedures.map((procedure, i) => ({
    name: text(procedure.name, `${at}.procedures[${i}].name`, 200),
    invasive: procedure.invasive,
    patientReported: procedure.patientReported,
    durationMinutes: notNegative(procedure.durationMinutes, `${at}.procedures[${i}].durationMinutes`),
  }));
  const listed = new Set(distinct(procedures.map((procedure) => procedure.name), (i) => `${at}.procedures[${i}].name`, 'Procedure'));

  const visits = design.visits.map((visit, i) => {
    const field = `${at}.visits[${i}]`;
    if (visit.number < 1) throw badUserInput(`Visits are numbered from 1, got ${visit.number}`, `${field}.number`);
    visit.procedures.forEach((name, j) => {
      if (!listed.has(name)) {
        throw badUserInput(`Visit ${visit.number} lists ${name}, which is not among the protocol's procedures`, `${field}.procedures[${j}]`);
      }
    });
    return {
      number: visit.number,
      name: text(visit.name, `${field}.name`, 200),
      dayOffset: visit.dayOffset,
      durationMinutes: notNegative(visit.durationMinutes, `${field}.durationMinutes`),
      procedures: visit.procedures,
    };
  });
  distinct(visits.map((visit) => visit.number), (i) => `${at}.visits[${i}].number`, 'Visit number');

  const endpoints = { PRIMARY: 0, SECONDARY: 0, OTHER: 0 };
  const given = design.endpoints ?? [];
  distinct(given.map((endpoint) => endpoint.kind), (i) => `${at}.endpoints[${i}].kind`, 'Endpoint kind');
  given.forEach((endpoint, i) => {
    endpoints[endpoint.kind] = notNegative(endpoint.count, `${at}.endpoints[${i}].count`);
  });

  return {
    visits: visits.sort((a, b) => a.number - b.number),
    procedures,
    inclusionCriteriaCount: optionalNotNegative(design.inclusionCriteriaCount, `${at}.inclusionCriteriaCount`),
    exclusionCriteriaCount: optionalNotNegative(design.exclusionCriteriaCount, `${at}.exclusionCriteriaCount`),
    primaryEndpoints: endpoints.PRIMARY,
    secondaryEndpoints: endpoints.SECONDARY,
    otherEndpoints: endpoints.OTHER,
    countries: countries(design.countries, `${at}.countries`),
  };
}

const REFERENCE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An id of a record another party owns (an advocacy group's): letters, digits, '-' and '_', at most
 * 64, as every id issued in the partnership is. Taken as given, not trimmed: an id is not prose.
 */
export function referenceId(value: string, field: string, what: string): string {
  if (value.trim() === '') throw badUserInput(`${field} must name ${what}; it is blank`, field);
  if (!REFERENCE_ID.test(value)) {
    throw badUserInput(`${field} must be ${what}'s id: letters, digits, '-' and '_', at most 64 characters; got ${JSON.stringify(value)}`, field);
  }
  return value;
}
