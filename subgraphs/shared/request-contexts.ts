// One context per request, not per HTTP call. A gateway request reaches a subgraph more than once:
// the gateway's own fetches, and the relationship checks other subgraphs make on it, as the same
// caller, carrying the same x-request-id. Sharing the context among them shares its DataLoaders
// and what its policy learnt, so a check never runs again a statement a fetch of the same request
// already ran (the insights subgraph asking which of a site's trials are the caller's, say, after
// the gateway asked for those trials), and a relationship is asked at most once per request.

export interface RequestContextsOptions {
  /**
   * How long after it was made a context is still shared: 2 s. Long enough for every call of one
   * gateway request; short, so a caller who sends the same request id again and again reads rows
   * at most this old, as a cache with that bound would.
   */
  maxAgeMs?: number;
  /** At most this many contexts are kept, the oldest dropped first: 256 (a few hundred requests in flight). */
  maxEntries?: number;
}

interface Entry<T> {
  context: T;
  madeAt: number;
}

/**
 * Contexts by request id and token: the same caller (the same token, so the same rights) with the
 * same request id within `maxAgeMs` gets the same context; anyone else, or later, a fresh one.
 */
export function requestContexts<T>(options: RequestContextsOptions = {}) {
  const maxAgeMs = options.maxAgeMs ?? 2000;
  const maxEntries = options.maxEntries ?? 256;
  // A Map iterates in insertion order: the oldest contexts are first.
  const entries = new Map<string, Entry<T>>();

  return {
    contextOf(requestId: string, authorization: string, make: () => T): T {
      const now = performance.now();
      for (const [key, entry] of entries) {
        if (now - entry.madeAt < maxAgeMs && entries.size < maxEntries) break;
        entries.delete(key);
      }
      const key = `${requestId}\u0000${authorization}`;
      const known = entries.get(key);
      if (known) return known.context;
      const context = make();
      entries.set(key, { context, madeAt: now });
      return context;
    },
  };
}
