import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/** Fields every log line written while one request is served carries, however deep the code that writes it. */
const requestFields = new AsyncLocalStorage<Record<string, unknown>>();

/** One structured logger for every service; LOG_LEVEL sets how much it says (default info). */
export const logger = pino({
  name: 'partnership',
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  mixin: () => requestFields.getStore() ?? {},
});

/**
 * Runs `work` so that every line logged from it, and from all it awaits, carries `fields` (a
 * request's id: the one the caller is given, so a line can be found from what the caller quotes).
 */
export function logWithFields<T>(fields: Record<string, unknown>, work: () => T): T {
  return requestFields.run(fields, work);
}
