import type { NextFunction, Request, Response } from 'express';
import type { GraphQLError } from 'graphql';
import type { Caller, IdentityVerifier } from './identity';

/** Where the verified caller is kept for the rest of the request. */
export const callerOf = (res: Response): Caller => res.locals.caller as Caller;

/**
 * Express middleware: answers 401 with an `UNAUTHENTICATED` GraphQL error unless the request
 * carries a valid bearer token. A browser opening the endpoint (GET, HTML, no operation) is let
 * through so the explorer page loads; every operation it then sends carries a token. A GET that
 * names an operation any way (a query, or only a persisted-query hash in `extensions`) needs one.
 */
export function authenticate(verify: IdentityVerifier) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const asksForOperation = req.query.query !== undefined || req.query.extensions !== undefined;
    if (req.method === 'GET' && !asksForOperation && req.accepts('html')) return next();
    try {
      res.locals.caller = await verify(req.headers.authorization);
      next();
    } catch (error) {
      const { message, extensions } = error as GraphQLError;
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer error="invalid_token"')
        .json({ errors: [{ message, extensions: { code: extensions?.code ?? 'UNAUTHENTICATED' } }] });
    }
  };
}
