import pino from 'pino';

/** One structured logger for every service; LOG_LEVEL sets how much it says (default info). */
export const logger = pino({
  name: 'partnership',
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
});
