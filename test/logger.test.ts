// The log lines written while a request is handled: each carries the request's id, and only its own
// fields beside it, however many lines the request writes before it.
import { Writable } from 'node:stream';
import type { Request, Response } from 'express';
import { createLogger } from '../platform/logger';
import { enterRequestScope } from '../platform/request-scope';

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger(destination);
  logger.level = 'info';
  return { logger, lines };
}

/** Runs `work` as a request with this id is handled (the middleware every service mounts). */
function inRequest(requestId: string, work: () => void) {
  enterRequestScope({} as Request, { locals: { requestId } } as unknown as Response, work);
}

test("each line of a request carries its id and its own fields, not an earlier line's", () => {
  const { logger, lines } = capturedLogger();
  inRequest('request-1', () => {
    logger.warn({ sql: 'SELECT 1' }, 'sql failed');
    logger.error({ path: ['site'] }, 'unexpected error');
  });
  inRequest('request-2', () => logger.info('answered'));
  logger.info({ url: 'http://127.0.0.1:4000' }, 'ready');
  logger.info('outside any request');

  expect(lines.map(({ requestId, sql, path, url, msg }) => ({ requestId, sql, path, url, msg }))).toEqual([
    { requestId: 'request-1', sql: 'SELECT 1', path: undefined, url: undefined, msg: 'sql failed' },
    { requestId: 'request-1', sql: undefined, path: ['site'], url: undefined, msg: 'unexpected error' },
    { requestId: 'request-2', sql: undefined, path: undefined, url: undefined, msg: 'answered' },
    { requestId: undefined, sql: undefined, path: undefined, url: 'http://127.0.0.1:4000', msg: 'ready' },
    { requestId: undefined, sql: undefined, path: undefined, url: undefined, msg: 'outside any request' },
  ]);
});

test("a line that names the request id as undefined (an error it cannot place) keeps the request's", () => {
  const { logger, lines } = capturedLogger();
  inRequest('request-3', () => logger.error({ requestId: undefined, path: ['recordAdvocateReview'] }, 'unexpected error'));
  inRequest('request-4', () => logger.error({ requestId: 'named-by-the-error' }, 'unexpected error'));
  expect(lines.map((line) => line.requestId)).toEqual(['request-3', 'named-by-the-error']);
});
