import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a day the calendar has: V8 parses 2026-02-30 as 2 March, so the day must survive a round trip. */
const isCalendarDay = (value: string) => {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

function parseDate(value: unknown): string {
  if (typeof value === 'string' && ISO_DATE.test(value) && isCalendarDay(value)) return value;
  throw new GraphQLError(`Date must be an ISO 8601 calendar date (yyyy-MM-dd), got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$/;

/** yyyy, yyyy-MM, or a yyyy-MM-dd the calendar has: a date known only to the year or month stays so. */
export function isPartialDate(value: string): boolean {
  return PARTIAL_DATE.test(value) && (value.length < 10 || isCalendarDay(value));
}

function parsePartialDate(value: unknown): string {
  if (typeof value === 'string' && isPartialDate(value)) return value;
  throw new GraphQLError(`PartialDate must be yyyy, yyyy-MM or yyyy-MM-dd, got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function parseInstant(value: unknown): Date {
  const instant = typeof value === 'string' ? new Date(value) : null;
  if (instant && !Number.isNaN(instant.getTime())) return instant;
  throw new GraphQLError(`DateTime must be an ISO 8601 instant, got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Calendar dates travel as 'yyyy-MM-dd' strings end to end: no time zone can shift them. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : parseInstant(value)).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : null),
});

/** A date at the precision it is known to: the registry gives yyyy-MM where the day is not public. */
export const PartialDateScalar = new GraphQLScalarType({
  name: 'PartialDate',
  serialize: parsePartialDate,
  parseValue: parsePartialDate,
  parseLiteral: (ast) => parsePartialDate(ast.kind === Kind.STRING ? ast.value : null),
});
