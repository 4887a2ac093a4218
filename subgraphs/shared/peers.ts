// Asking the owner. Some rules depend on a relationship another party owns: whether a sponsor is a
// site's partner is the sponsors subgraph's to say, whether a CRO is engaged on a trial the cros
// subgraph's. A subgraph never reads another's tables; it asks the owner through the owner's own
// API, with the caller's own token, so the owner applies its rules and the answer can hold nothing
// the caller could not have asked for itself.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { Party } from '../../platform/config';
import { REQUEST_ID_HEADER } from '../../platform/request-id';
import { injectTraceContext } from '../../platform/tracing';

/** How long a relationship check may take before the field it guards is refused. */
const PEER_TIMEOUT_MS = 5000;

export interface PeerClient {
  /**
   * A per-request loader of one entity type from another subgraph, as the caller sees it: the
   * `selection` of each entity, or null when the owner does not show it to the caller.
   */
  entities<T>(party: Party, typename: string, selection: string): DataLoader<string, T | null>;
  /** Runs an operation on another subgraph as the caller; throws when the owner cannot be reached. */
  query<T>(party: Party, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Drops every answer this request was given, after a write that may have changed them. */
  forget(): void;
}

interface PeerRequest {
  /** Where each subgraph answers; read at request time, so a stack can fill it in once it listens. */
  urls: Partial<Record<Party, string>>;
  authorization: string;
  requestId: string;
}

function unavailable(party: Party, reason: string): GraphQLError {
  return new GraphQLError(`Could not check a relationship with the ${party} subgraph: ${reason}`, {
    extensions: { code: 'RELATIONSHIP_CHECK_FAILED', subgraph: party },
  });
}

// Node's own HTTP client over kept-alive connections, not fetch: a request's checks are small
// POSTs, and fetch's streams and its Request and Response objects cost the asking subgraph about as
// much CPU as the owner spends answering (measured under issue 12).
const AGENTS = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

interface PeerResponse {
  status: number;
  body: unknown;
}

/** POSTs a JSON body and reads the JSON answer; rejects on no answer within PEER_TIMEOUT_MS. */
function postJson(url: URL, headers: Record<string, string>, body: string, retried = false): Promise<PeerResponse> {
  const agent = url.protocol === 'https:' ? AGENTS['https:'] : url.protocol === 'http:' ? AGENTS['http:'] : undefined;
  if (!agent) return Promise.reject(new Error(`its URL ${url.href} is neither http nor https`));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PeerResponse>((answer, fail) => {
    const request = send(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } });
    const timer = setTimeout(() => request.destroy(new Error(`it did not answer within ${PEER_TIMEOUT_MS} ms`)), PEER_TIMEOUT_MS);
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      response.on('end', () => {
        clearTimeout(timer);
        try {
          answer({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch {
          fail(new Error(`it answered HTTP ${response.statusCode} with a body that is not JSON`));
        }
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A kept-alive connection the owner closed as it was reused: asked again once on a fresh one (a read is safe to repeat).
      if (!retried && request.reusedSocket && error.code === 'ECONNRESET') answer(postJson(url, headers, body, true));
      else fail(error);
    });
    request.end(body);
  });
}

export function createPeerClient({ urls, authorization, requestId }: PeerRequest): PeerClient {
  async function post<T>(party: Party, query: string, variables?: Record<string, unknown>) {
    const url = urls[party];
    if (!url) throw unavailable(party, 'its URL is not configured');
    let body: { data?: T | null; errors?: { message: string; path?: (string | number)[] }[] };
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization, [REQUEST_ID_HEADER]: requestId };
    // The owner's span is a child of the asking subgraph's: one trace across the subgraphs a request reaches.
    injectTraceContext((header, value) => (headers[header] = value));
    try {
      const response = await postJson(new URL(url), headers, JSON.stringify({ query, variables }));
      body = response.body as typeof body;
      if ((response.status < 200 || response.status > 299) && !body?.data) throw new Error(`it answered HTTP ${response.status}`);
    } catch (error) {
      throw unavailable(party, (error as Error).message);
    }
    return body;
  }

  const loaders = new Map<string, DataLoader<string, unknown>>();
  return {
    entities<T>(party: Party, typename: string, selection: string) {
      const key = `${party}\u0000${typename}\u0000${selection}`;
      let loader = loaders.get(key);
      if (!loader) {
        const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`;
        loader = new DataLoader<string, unknown>(async (ids) => {
          const body = await post<{ _entities: (T | null)[] }>(party, query, {
            representations: ids.map((id) => ({ __typename: typename, id })),
          });
          // An entity the owner refuses comes back null with an error on its path: not a relationship.
          const entities = body.data?._entities ?? [];
          return ids.map((_, i) => entities[i] ?? null);
        });
        loaders.set(key, loader);
      }
      return loader as DataLoader<string, T | null>;
    },

    async query<T>(party: Party, query: string, variables?: Record<string, unknown>) {
      const body = await post<T>(party, query, variables);
      if (!body.data) throw unavailable(party, body.errors?.[0]?.message ?? 'no data');
      return body.data;
    },

    forget() {
      loaders.clear();
    },
  };
}
