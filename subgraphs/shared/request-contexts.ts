// One context per request, not per HTTP call. A gateway request reaches a subgraph more than once:
// the gateway's own fetches, and the relationship checks other subgraphs make on it, as the same
// caller, carrying the same x-request-id. Sharing the context among them shares its DataLoaders
// and what its policy learnt, so a check never runs again a statement a fetch of the same request
// already ran (the insights subgraph asking which of a site's trials are the caller's, say, after
// the gateway asked for those trials), and a relationship is asked at most once per request.

export interface RequestContextsOptions {
  /**
   * A context is shared until no call has used it for this long: 5 s. Between the calls of one
   * gateway request there is at most a stage of the query plan, even on a loaded machine.
   */
  idleMs?: number;
  /**
   * ...and for this long at most after it was made: 30 s. A caller who sends the same request id
   * again and again reads rows at most this old (its own writes clear them at once).
   */
  maxAgeMs?: number;
  /** At most this many contexts are kept, the oldest dropped first: 256 (a few hundred requests in flight). */
  maxEntries?: number;
}

interface Entry<T> {
  context: T;
  madeAt: number;
  usedAt: number;
}

/**
 * Contexts by request id and token: the same caller (the same token, so the same rights) with the
 * same request id gets the same context while it is in use; anyone else, or later, a fresh one.
 */
export function requestContexts<T>(options: RequestContextsOptions = {}) {
  const idleMs = options.idleMs ?? 5000;
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 256;
  // A Map iterates in insertion order: the oldest contexts are first.
  const entries = new Map<string, Entry<T>>();

  const stale = (entry: Entry<T>, now: number) => now - entry.usedAt >= idleMs || now - entry.madeAt >= maxAgeMs;
  // The whole map is swept at most every tenth of the idle time, not on every call (a few hundred
  // entries at each of a request's calls); an entry found stale in between is replaced all the same.
  const sweepEveryMs = idleMs / 10;
  let sweptAt = -Infinity;

  function forgetStale(now: number) {
    if (now - sweptAt >= sweepEveryMs) {
      sweptAt = now;
      for (const [key, entry] of entries) if (stale(entry, now)) entries.delete(key);
    }
    for (const key of entries.keys()) {
      if (entries.size < maxEntries) break;
      entries.delete(key);
    }
  }

  return {
    /** The call's context, and what to call when the call has been answered (it was in use until then). */
    contextOf(requestId: string, authorization: string, make: () => T): { context: T; answered(): void } {
      const now = performance.now();
      forgetStale(now);
      const key = `${requestId}\u0000${authorization}`;
      let entry = entries.get(key);
      if (entry && !stale(entry, now)) entry.usedAt = now;
      else {
        entries.delete(key);
        entry = { context: make(), madeAt: now, usedAt: now };
        entries.set(key, entry);
      }
      const used = entry;
      return { context: used.context, answered: () => void (used.usedAt = performance.now()) };
    },
  };
}
