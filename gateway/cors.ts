// Which browser pages may call the gateway, answered before anything else looks at the request: a
// preflight carries no token (browsers never send Authorization on OPTIONS), and a refusal (401,
// 400, 413) a page cannot read is one its authors cannot debug.
import cors from 'cors';
import type { NextFunction, Request, Response } from 'express';
import type { CorsPolicy } from '../platform/config';
import { REQUEST_ID_HEADER } from '../platform/request-id';

/**
 * What a page may send: its token, JSON, its own request id, and Apollo's CSRF header (a page
 * sending a GET query or a multipart body adds `apollo-require-preflight` so Apollo Server runs it).
 */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', REQUEST_ID_HEADER, 'apollo-require-preflight'];

/** A page served from this machine over http, on any port: what development lets call by default. */
function isLocalPage(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Express middleware: an allowed origin gets its own origin reflected, with credentials allowed,
 * on the preflight (answered 204, whatever the token) and on the actual response, errors included.
 * Any other origin gets no CORS header, so its page cannot read the answer; its preflight is still
 * answered 204 here rather than by the token check, since the browser refuses it either way.
 */
export function gatewayCors(policy: CorsPolicy = { origins: [], localPages: false }) {
  const listed = new Set(policy.origins);
  const allowed = (origin: string) => listed.has(origin) || (policy.localPages && isLocalPage(origin));
  const headers = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed(origin)),
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: [REQUEST_ID_HEADER],
    // A preflight per ten minutes per page and request shape; a changed CORS_ORIGINS shows soon after.
    maxAge: 600,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    // Every answer depends on the origin, a refused one's too: no cache may hand it to another page.
    res.vary('Origin');
    headers(req, res, (error?: unknown) => {
      if (error) return next(error);
      // Only a disallowed (or absent) origin's preflight comes through: the cors package ends an allowed one.
      if (req.method === 'OPTIONS') return void res.status(204).set('Content-Length', '0').end();
      next();
    });
  };
}
