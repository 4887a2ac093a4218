import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id if it sent a sane one, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}

/**
 * The id the gateway sends its subgraph fetches for one request: the caller's id, so logs of every
 * service find it, and a part of its own, so no two gateway requests carry the same id even when a
 * caller sends the same one again (a subgraph shares its loaders among the calls of one request id,
 * see subgraphs/shared/request-contexts.ts, and a caller's repeated id must not give it old rows).
 */
export function fetchRequestId(requestId: string): string {
  return `${requestId.slice(0, 119)}:${randomUUID().slice(0, 8)}`;
}

/** The request each error was raised in: `formatError`, which logs it, is given no context. */
const requestIdOfError = new WeakMap<object, string>();

/** The request id an error of this server's requests was raised under, once requestIdPlugin has seen it. */
export function requestIdOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? requestIdOfError.get(error) : undefined;
}

/**
 * Echoes the request id in every response, so a caller can quote it when reporting a problem, and
 * marks each error with it so the line that logs the error carries it too.
 */
export function requestIdPlugin(): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) requestIdOfError.set(error, contextValue.requestId);
        },
        async willSendResponse({ response }) {
          response.http.headers.set(REQUEST_ID_HEADER, contextValue.requestId);
        },
      };
    },
  };
}
