import pino, { type DestinationStream } from 'pino';
import { currentRequestScope } from './request-scope';

const NO_FIELDS = {};

/**
 * A line's fields: the request's (requestId, traceId), then the call's own. Into a new object:
 * pino's default merge writes the call's fields into the object the mixin returned, which here is
 * the request's scope (every later line of the request would carry an earlier line's fields). A
 * field the call leaves undefined (`requestId: requestIdOf(error)` for an error it cannot place)
 * does not erase the request's.
 */
function mergeLineFields(lineFields: object, requestFields: object): object {
  const merged: Record<string, unknown> = { ...requestFields };
  for (const [name, value] of Object.entries(lineFields)) if (value !== undefined) merged[name] = value;
  return merged;
}

/**
 * One structured logger for every service; LOG_LEVEL sets how much it says (default info). Every
 * line written while a request is handled carries its `requestId` (and `traceId` when tracing is
 * on), however deep the code that writes it: the fields come from the request's scope, not from
 * each call site. Levels that are off never ask for them.
 */
export function createLogger(destination?: DestinationStream) {
  return pino(
    {
      name: 'partnership',
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
      mixin: () => currentRequestScope()?.logFields ?? NO_FIELDS,
      mixinMergeStrategy: mergeLineFields,
    },
    destination,
  );
}

export const logger = createLogger();
