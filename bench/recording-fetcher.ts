// The gateway's subgraph fetches, recorded as it sends them, for the benchmark's overhead figure.
import { Headers, Response } from 'node-fetch';
import { subgraphFetch, type SubgraphFetcher } from '../gateway/subgraph-fetch';
import { REQUEST_ID_HEADER } from '../platform/request-id';
import type { RecordedFetch } from './protocol';

/** The gateway's own fetcher (subgraph-fetch.ts), recording each fetch while `isRecording()`. */
export function recordingFetcher(recorded: RecordedFetch[], isRecording: () => boolean): SubgraphFetcher {
  return async (url, init) => {
    const startedAt = performance.now();
    const response = await subgraphFetch(url, init);
    if (!isRecording()) return response;
    // Read the body here so endedAt is when the subgraph finished, then hand the gateway a copy.
    const text = await response.text();
    // The gateway hands node-fetch Headers, whatever the fetcher type says: the constructor takes either.
    const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
    recorded.push({
      requestId: headers.get(REQUEST_ID_HEADER) ?? '',
      url,
      body: String(init?.body ?? ''),
      authorization: headers.get('authorization') ?? '',
      startedAt,
      endedAt: performance.now(),
    });
    return new Response(text, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers as ConstructorParameters<typeof Headers>[0]) });
  };
}
