// What a valid write looks like, beside the mutations that use it. Each check throws
// BAD_USER_INPUT naming the field as the caller wrote it (input.visitedOn,
// input.responsibilities[2].activity) and saying why. Pure functions over the input and the rows
// already read, so the same rule reads the same wherever a mutation applies it.
import { badUserInput } from '../../shared/errors';
import type { EngagementEntity } from '../entities';
import type { ResponsibilityInput } from '../generated/resolvers';

/** Throws BAD_USER_INPUT when a date falls outside the engagement's period (an open or unknown end has no bound). */
export function requireWithinEngagement(date: string, engagement: EngagementEntity, field: string, what: string): void {
  if (engagement.startsOn !== null && date < engagement.startsOn) {
    throw badUserInput(`${what} ${date} is before engagement ${engagement.id} started (${engagement.startsOn})`, field);
  }
  if (engagement.endsOn !== null && date > engagement.endsOn) {
    throw badUserInput(`${what} ${date} is after engagement ${engagement.id} ended (${engagement.endsOn})`, field);
  }
}

/**
 * A RACI table as it may be stored: each activity in the engagement's scope, once, and no
 * party twice in one list (a party is accountable or it is not).
 */
export function validateResponsibilities(rows: readonly ResponsibilityInput[], engagement: EngagementEntity): void {
  const inScope = new Set(engagement.servicesInScope);
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const field = `input.responsibilities[${i}]`;
    if (!inScope.has(row.activity)) {
      throw badUserInput(
        `${row.activity} is not in the scope of engagement ${engagement.id} (${engagement.servicesInScope.join(', ') || 'nothing'}); a RACI row is for an activity in scope`,
        `${field}.activity`,
      );
    }
    const earlier = seen.get(row.activity);
    if (earlier !== undefined) {
      throw badUserInput(`${row.activity} is already given at input.responsibilities[${earlier}]; each activity has one RACI row`, `${field}.activity`);
    }
    seen.set(row.activity, i);
    for (const list of ['responsible', 'accountable', 'consulted', 'informed'] as const) {
      // consulted and informed default to [] in the SDL: graphql-js fills them in, the types leave them optional.
      const parties = row[list] ?? [];
      const repeated = parties.find((party, j) => parties.indexOf(party) !== j);
      if (repeated) throw badUserInput(`${repeated} is listed twice as ${list} for ${row.activity}`, `${field}.${list}`);
    }
  });
}

/** The prefix a pseudonym of each role carries, as the CROs' rosters name their people. */
const PSEUDONYM_PREFIX: Record<string, string> = { CLINICAL_RESEARCH_ASSOCIATE: 'CRA', PROJECT_MANAGER: 'PM' };

/**
 * CRO people are known here only by pseudonyms like CRA-7F3K: a fixed prefix and a short code of
 * capitals and digits, a shape no name or email address has. The value is never echoed in the
 * error, in case it is one.
 */
export function validatePseudonym(pseudonym: string, role: string, field: string): void {
  const prefix = PSEUDONYM_PREFIX[role];
  if (new RegExp(`^${prefix}-[A-Z0-9]{3,12}$`).test(pseudonym)) return;
  const why = pseudonym.includes('@')
    ? 'it looks like an email address'
    : /\s/.test(pseudonym)
      ? 'it looks like a name'
      : `it is not ${prefix}- followed by 3 to 12 capital letters or digits`;
  throw badUserInput(
    `A ${role} is recorded by pseudonym only, e.g. ${prefix}-7F3K (${prefix}- then 3 to 12 capital letters or digits), never a person's name or email; the one given is refused: ${why}`,
    field,
  );
}

const MAX_DESCRIPTION_LENGTH = 2000;

export function validateDescription(description: string, field: string): string {
  const trimmed = description.trim();
  if (trimmed === '') throw badUserInput('An action needs a description of what must be done', field);
  if (trimmed.length > MAX_DESCRIPTION_LENGTH) {
    throw badUserInput(`A description may be at most ${MAX_DESCRIPTION_LENGTH} characters, got ${trimmed.length}`, field);
  }
  return trimmed;
}

export function validateFindings(findings: number, field: string): void {
  if (findings < 0) throw badUserInput(`findings counts what the monitor found: 0 or more, got ${findings}`, field);
}
