// The errors a subgraph answers on purpose, in one place: each carries a code a client can act on,
// and the rule or field it is about. Anything else is unexpected and masked (platform/error-masking).
import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';

/**
 * An error answered on purpose, built without a stack trace: it is the caller's to act on, never a
 * fault to debug, and is never logged. A list can refuse a field on every row, and capturing (and,
 * under a source-mapping runner, mapping) a trace for each was most of a refusal's cost; graphql-js
 * then copies the error once more to add its path, stack included.
 */
function answeredError(message: string, extensions: GraphQLErrorExtensions): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, { extensions });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * A `FORBIDDEN` error on the path of what the caller may not see or do. `rule` names the rule that
 * applied (the names in docs/access.md), so a caller and a test can tell which one
 * refused; the message says why in words, never the refused value. A write refused the record its
 * input names also gives `field`, the input field naming it (see `writableRecord` in writes.ts).
 */
export function forbidden(rule: string, message: string, field?: string): GraphQLError {
  return answeredError(message, field === undefined ? { code: 'FORBIDDEN', rule } : { code: 'FORBIDDEN', rule, field });
}

/** A `BAD_USER_INPUT` error that names the argument or input field at fault. */
export function badUserInput(message: string, field: string): GraphQLError {
  return answeredError(message, { code: 'BAD_USER_INPUT', field });
}

/**
 * A `CONFLICT` error: the record changed since the caller read it; nothing was written. Every
 * mutation takes its arguments as `input`, so the field at fault is `input.expectedVersion`.
 */
export function conflict(what: string, id: string, expectedVersion: number, currentVersion: number): GraphQLError {
  return answeredError(
    `${what} ${id} is at version ${currentVersion}, not ${expectedVersion}: someone changed it since you read it. Read it again and retry.`,
    { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion },
  );
}
