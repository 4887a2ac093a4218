import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** What every service knows of the request it is handling, wherever in that request the code runs. */
export interface RequestScope {
  /** What every log line written while handling the request carries (see logger.ts's mixin). */
  readonly logFields: { requestId: string; traceId?: string };
  /** The operation's name once the GraphQL server resolved it; the metrics label it (metrics.ts). */
  operationName?: string;
}

// One store for the whole process: a service handles many requests at once, each in its own scope.
// Its cost: on Node 20 an AsyncLocalStorage in use tags every promise the process makes (about 240
// bytes more per `await`), 0.1 to 0.7 MB more allocated per flagship request across the five
// services at scale 1 (measured under issue 14: npm run bench -- --quick --mode processes). That is
// the price of a request id on lines written by code that is given no request (TypeORM's SQL
// lines, Apollo's own). Node 24's AsyncLocalStorage (AsyncContextFrame) does without async hooks.
const scopes = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being handled here, if any: none at start-up or on a timer. */
export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

/** Express middleware: the rest of the request is handled in its scope, under `res.locals.requestId`. */
export function enterRequestScope(_req: Request, res: Response, next: NextFunction): void {
  scopes.run({ logFields: { requestId: res.locals.requestId as string } }, next);
}
