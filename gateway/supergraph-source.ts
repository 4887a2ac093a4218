import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { type DocumentNode, Kind, parse, print } from 'graphql';
import type { Logger } from 'pino';
import { DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS } from '../platform/config';
import { SUPERGRAPH_FILE, utf8Text } from './compose-supergraph';

/** Where the gateway's supergraph comes from. With none of sdl, url or file: the committed file. */
export interface SupergraphSourceOptions {
  /** A supergraph SDL served as it is and never reloaded (tests, the benchmark); wins over `url` and `file`. */
  sdl?: string;
  /** A URL answering the supergraph SDL on GET, fetched every `pollIntervalMs`; wins over `file` (default unset). */
  url?: string;
  /** How often `url` is fetched, in ms (default 10000). */
  pollIntervalMs?: number;
  /**
   * A file holding the supergraph SDL, read again whenever it changes (default
   * schema/supergraph.graphql). Its folder is watched, not the file, so an editor's save or an
   * `mv` that puts a new file in its place is seen too.
   */
  file?: string;
  /** How long the file must be quiet after a change before it is read, in ms (default 100): one save is several events. */
  settleMs?: number;
  logger: Logger;
}

/** A supergraph the gateway serves, and what /health and the logs say about it. */
export interface LoadedSupergraph {
  sdl: string;
  document: DocumentNode;
  /** The first 12 hex digits of the SDL's sha256: which supergraph this is, in /health and the logs. */
  hash: string;
  loadedAt: Date;
  /** Each subgraph's name and the routing URL the supergraph gives it. */
  subgraphs: Record<string, string>;
}

export interface SupergraphSource {
  /** ApolloGateway's `supergraphSdl`: loads the first supergraph, then hands it each new one. */
  hook: SupergraphSdlHook;
  /** The supergraph served now; only valid once the gateway has loaded. */
  current(): LoadedSupergraph;
}

export function supergraphHash(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex').slice(0, 12);
}

/**
 * Reads an SDL as a supergraph, or throws saying why it cannot be one (a syntax error, no subgraphs).
 * The gateway itself checks the rest when it is handed the SDL.
 */
export function readSupergraph(sdl: string): LoadedSupergraph {
  const document = parse(sdl);
  // Each subgraph is a value of the join__Graph enum: @join__graph(name: "sites", url: "http://…").
  const graphs = document.definitions.find((definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph');
  if (!graphs || graphs.kind !== Kind.ENUM_TYPE_DEFINITION || !graphs.values?.length) {
    throw new Error('not a supergraph: it has no join__Graph enum naming its subgraphs (compose it first)');
  }
  const subgraphs = graphs.values.map((value) => {
    const join = value.directives?.find((directive) => directive.name.value === 'join__graph');
    const argument = (name: string) => {
      const node = join?.arguments?.find((arg) => arg.name.value === name)?.value;
      return node?.kind === Kind.STRING ? node.value : undefined;
    };
    const name = argument('name');
    if (!name) throw new Error(`not a supergraph: join__Graph.${value.name.value} has no @join__graph(name:) (${print(value)})`);
    return [name, argument('url') ?? ''] as const;
  });
  return { sdl, document, hash: supergraphHash(sdl), loadedAt: new Date(), subgraphs: Object.fromEntries(subgraphs) };
}

/**
 * The gateway's supergraph, from a fixed SDL, a file it watches or a URL it polls. A new supergraph
 * is served from the next request on (those in flight finish on the old one); one that cannot be
 * read or is no supergraph is logged with the reason and the old one keeps serving.
 */
export function supergraphSource(options: SupergraphSourceOptions): SupergraphSource {
  const { logger } = options;
  const file = options.file ?? SUPERGRAPH_FILE;
  const origin = options.sdl !== undefined ? 'option' : (options.url ?? file);
  let served: LoadedSupergraph | undefined;

  const fetchSdl = async (): Promise<string> => {
    if (options.sdl !== undefined) return options.sdl;
    if (options.url) {
      const response = await fetch(options.url, { signal: AbortSignal.timeout(options.pollIntervalMs ?? DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS) });
      if (!response.ok) throw new Error(`${options.url} answered HTTP ${response.status}`);
      return utf8Text(new Uint8Array(await response.arrayBuffer()), `${options.url} answered`);
    }
    return utf8Text(await readFile(file), `${file} is`);
  };

  const hook: SupergraphSdlHook = async ({ update }) => {
    served = readSupergraph(await fetchSdl());
    logger.info({ supergraph: served.hash, source: origin, subgraphs: Object.keys(served.subgraphs) }, 'supergraph loaded');

    // One reload at a time, in the order the changes came.
    let reloading = Promise.resolve();
    // A URL polled every few seconds that keeps failing the same way is logged once, not at each poll.
    let lastFailure: string | null = null;
    const reload = () => {
      reloading = reloading.then(async () => {
        let next: LoadedSupergraph;
        try {
          const sdl = await fetchSdl();
          if (served && supergraphHash(sdl) === served.hash) {
            lastFailure = null;
            return;
          }
          next = readSupergraph(sdl);
          update(next.sdl);
        } catch (error) {
          const reason = (error as Error).message;
          if (!options.url || reason !== lastFailure) {
            logger.error({ supergraph: served?.hash, source: origin, reason }, 'new supergraph not loaded; the current one keeps serving');
          }
          lastFailure = reason;
          return;
        }
        lastFailure = null;
        const previous = served!;
        served = next;
        const before = Object.keys(previous.subgraphs);
        const after = Object.keys(next.subgraphs);
        logger.info(
          {
            from: previous.hash,
            to: next.hash,
            source: origin,
            added: after.filter((name) => !before.includes(name)),
            removed: before.filter((name) => !after.includes(name)),
          },
          `supergraph reloaded: ${previous.hash} → ${next.hash}`,
        );
      });
    };

    if (options.sdl !== undefined) return { supergraphSdl: served.sdl };
    if (options.url) {
      const timer = setInterval(reload, options.pollIntervalMs ?? DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS);
      timer.unref();
      return { supergraphSdl: served.sdl, cleanup: async () => clearInterval(timer) };
    }
    return { supergraphSdl: served.sdl, cleanup: watchFile(file, options.settleMs ?? 100, reload, logger) };
  };

  return {
    hook,
    current() {
      if (!served) throw new Error('The supergraph is not loaded yet');
      return served;
    },
  };
}

/** Calls `changed` once a file has been quiet for `settleMs` after any change to it; returns how to stop. */
function watchFile(file: string, settleMs: number, changed: () => void, logger: Logger): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const name = basename(file);
  const watcher: FSWatcher = watch(dirname(file), (_event, filename) => {
    // Some platforms do not say which file changed: read it again anyway, an unchanged hash is a no-op.
    if (filename && filename !== name) return;
    clearTimeout(timer);
    timer = setTimeout(changed, settleMs);
  });
  watcher.on('error', (error) => logger.error({ file, err: error }, 'cannot watch the supergraph file; it will not be reloaded'));
  return async () => {
    clearTimeout(timer);
    watcher.close();
  };
}
