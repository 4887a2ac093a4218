// A typed client for the gateway: `request(TrialOverviewDocument, { nctId }, { url, token })` returns
// the operation's data typed by `npm run codegen` (client/generated/operations.ts), or throws a
// GatewayError carrying the GraphQL error codes. Plain fetch and WebCrypto: it runs in Node 20 and in
// a browser alike, with graphql-js's `print` as its only dependency.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export * from './generated/operations';

export interface RequestOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A bearer token (npm run token prints one per demo caller). */
  token?: string;
  /**
   * Send the operation's id (the SHA-256 of its text, as in operations/manifest.json) instead of its
   * text, as Apollo clients send persisted queries. A gateway that does not know the id (development,
   * before it is registered) answers PERSISTED_QUERY_NOT_FOUND, and the text is sent with it once.
   */
  persisted?: boolean;
  /** More headers, e.g. x-request-id. */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/** One GraphQL error as the gateway sends it: every one it sends has a code. */
export interface GatewayErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The gateway answered errors: their codes, the HTTP status, and whatever data came with them. */
export class GatewayError<TData = unknown> extends Error {
  constructor(
    readonly errors: GatewayErrorEntry[],
    readonly status: number,
    /** The fields that were answered, when the errors concern only some of them (a partial answer). */
    readonly data?: TData | null,
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('\n'));
    this.name = 'GatewayError';
  }

  /** Each error's code, in order: `UNAUTHENTICATED`, `FORBIDDEN`, `OPERATION_NOT_IN_MANIFEST`, … */
  get codes(): string[] {
    return this.errors.map((error) => error.extensions?.code ?? 'ERROR');
  }
}

/** The id of an operation's text: its SHA-256 in hex, the manifest's id and Apollo's persisted-query hash. */
export async function operationId(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface Answer<TData> {
  data?: TData | null;
  errors?: GatewayErrorEntry[];
}

/** Sends one operation to the gateway and returns its data, or throws a GatewayError. */
export async function request<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions,
): Promise<TData> {
  // The text the manifest holds: npm run operations prints each operation as graphql-js does.
  const text = print(document);
  const send = async (body: Record<string, unknown>): Promise<{ status: number; answer: Answer<TData> }> => {
    const response = await (options.fetch ?? fetch)(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ ...body, variables }),
    });
    const raw = await response.text();
    try {
      return { status: response.status, answer: JSON.parse(raw) as Answer<TData> };
    } catch {
      const message = `the gateway answered HTTP ${response.status} with no GraphQL response: ${raw.slice(0, 200)}`;
      return { status: response.status, answer: { errors: [{ message, extensions: { code: 'NOT_A_GRAPHQL_RESPONSE' } }] } };
    }
  };

  let sent;
  if (options.persisted) {
    const extensions = { persistedQuery: { version: 1, sha256Hash: await operationId(text) } };
    sent = await send({ extensions });
    if (sent.answer.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) sent = await send({ query: text, extensions });
  } else {
    sent = await send({ query: text });
  }
  const { status, answer } = sent;
  if (answer.errors?.length || answer.data == null) {
    throw new GatewayError<TData>(answer.errors ?? [{ message: `HTTP ${status} with no data`, extensions: { code: 'NO_DATA' } }], status, answer.data);
  }
  return answer.data;
}
