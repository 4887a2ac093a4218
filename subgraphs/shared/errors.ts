// The errors a subgraph answers on purpose, in one place: each carries a code a client can act on,
// and the rule or field it is about. Anything else is unexpected and masked (platform/error-masking).
import { GraphQLError } from 'graphql';

/**
 * A `FORBIDDEN` error on the path of what the caller may not see or do. `rule` names the rule that
 * applied (the names in docs/access.md), so a caller and a test can tell which one
 * refused; the message says why in words, never the refused value.
 */
export function forbidden(rule: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', rule } });
}

/** A `BAD_USER_INPUT` error that names the argument or input field at fault. */
export function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/**
 * A `CONFLICT` error: the record changed since the caller read it; nothing was written. Every
 * mutation takes its arguments as `input`, so the field at fault is `input.expectedVersion`.
 */
export function conflict(what: string, id: string, expectedVersion: number, currentVersion: number): GraphQLError {
  return new GraphQLError(
    `${what} ${id} is at version ${currentVersion}, not ${expectedVersion}: someone changed it since you read it. Read it again and retry.`,
    { extensions: { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion } },
  );
}
