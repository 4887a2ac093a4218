// The gateway's subgraph fetches, recorded as it sends them, for the benchmark's overhead figure.
import { REQUEST_ID_HEADER } from '../platform/request-id';
import type { RecordedFetch } from './protocol';

export function recordingFetcher(recorded: RecordedFetch[], isRecording: () => boolean): typeof fetch {
  return async (input, init) => {
    const startedAt = performance.now();
    const response = await fetch(input, init);
    if (!isRecording()) return response;
    // Read the body here so endedAt is when the subgraph finished, then hand the gateway a copy.
    const text = await response.text();
    const headers = new Headers(init?.headers);
    recorded.push({
      requestId: headers.get(REQUEST_ID_HEADER) ?? '',
      url: String(input instanceof Request ? input.url : input),
      body: String(init?.body ?? ''),
      authorization: headers.get('authorization') ?? '',
      startedAt,
      endedAt: performance.now(),
    });
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
