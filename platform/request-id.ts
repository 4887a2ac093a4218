import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id if it sent a sane one, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}

/** Echoes the request id in every response, so a caller can quote it when reporting a problem. */
export function requestIdPlugin(): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set(REQUEST_ID_HEADER, contextValue.requestId);
        },
      };
    },
  };
}
