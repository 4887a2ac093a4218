import pino from 'pino';
import { currentRequestScope } from './request-scope';

const NO_FIELDS = {};

/**
 * One structured logger for every service; LOG_LEVEL sets how much it says (default info). Every
 * line written while a request is handled carries its `requestId` (and `traceId` when tracing is
 * on), however deep the code that writes it: the fields come from the request's scope, not from
 * each call site. Levels that are off never ask for them.
 */
export const logger = pino({
  name: 'partnership',
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  mixin: () => currentRequestScope()?.logFields ?? NO_FIELDS,
});
