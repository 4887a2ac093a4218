// What a service answers when a request fails before GraphQL sees it (the body cannot be read or
// parsed) or asks for a path it does not serve: JSON with a code, like every other error, never
// Express's HTML page, whose stack trace names files of the machine.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

interface RequestBodyError {
  /** What body-parser and raw-body call the failure ('entity.parse.failed', 'entity.too.large', …). */
  type?: string;
  status?: number;
}

/** Our words for each failure body-parser reports: theirs may quote the body or name a module. */
const BODY_FAILURES: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The request body is not a JSON object: send {"query": "...", "variables": {...}}',
  },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is over the 1 MB limit' },
  'charset.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The request body must be UTF-8 (content-type: application/json; charset=utf-8)',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported content-encoding: send the body as is, or gzip, deflate or br',
  },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST', message: 'The request body is not as long as its content-length says' },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: 'The request was aborted before its body arrived' },
};

const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * The last Express error handler of a service: a body that cannot be read answers 400, 413 or 415
 * with a code; anything else that reaches it is ours, logged and answered 500 without details.
 */
export function requestErrors(logger: Logger) {
  // Express tells error handlers by their four parameters, so `next` stays though it is not called.
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { type, status } = (error ?? {}) as RequestBodyError;
    const known = type ? BODY_FAILURES[type] : undefined;
    if (known) {
      res.status(known.status).json(errorBody(known.message, known.code));
    } else if (status && status >= 400 && status < 500) {
      // A body that does not inflate (a bad gzip stream) comes as a plain 400 without a type.
      res.status(status).json(errorBody('The request body could not be read', 'BAD_REQUEST'));
    } else {
      // The id the answer's header gives the caller, also where the request had no scope yet (request-scope.ts).
      logger.error({ err: error, requestId: res.locals.requestId }, 'request failed before GraphQL');
      res.status(500).json(errorBody('Something went wrong on our side; the request id in the x-request-id header lets us find it', 'INTERNAL_SERVER_ERROR'));
    }
  };
}

/** A path the service does not serve: 404 in JSON, naming the paths it does. */
export function unknownPath() {
  return (req: Request, res: Response) => {
    res.status(404).json(errorBody(`Nothing is served at ${req.method} ${req.path}: use POST /graphql, GET /health or GET /metrics`, 'NOT_FOUND'));
  };
}
