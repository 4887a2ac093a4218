// What bench/run.ts and the stack's process (bench/stack.ts) say to each other over IPC.
import type { flagshipVariables } from '../seed/flagship-variables';
import type { Party } from '../platform/config';
import type { PartyKind } from '../platform/identity';

/** A service of the stack: the gateway or a subgraph. */
export type ServiceName = Party | 'gateway';

/** in-process: every service in one process; processes: each in its own, as docker-compose runs them. */
export const STACK_MODES = ['in-process', 'processes'] as const;
export type StackMode = (typeof STACK_MODES)[number];

export interface StackOptions {
  scale: number;
  seed: number;
  mode: StackMode;
  /** A PostgreSQL server; unset for embedded PGlite under .data/bench/. */
  databaseUrl?: string;
}

/** One subgraph fetch the gateway sent, as it sent it. */
export interface RecordedFetch {
  /** The x-request-id the gateway passed on: which client request the fetch served. */
  requestId: string;
  url: string;
  body: string;
  authorization: string;
  startedAt: number;
  endedAt: number;
}

export type Caller = { party: PartyKind; orgId: string };

export interface StackReady {
  type: 'ready';
  gatewayUrl: string;
  subgraphUrls: Record<Party, string>;
  engine: 'pglite' | 'postgres';
  dataset: { sites: number; sponsors: number; cros: number; trials: number; trialSites: number; surveyResponses: number };
  variables: ReturnType<typeof flagshipVariables> & { trialSponsorId: string };
  /** A token per caller the benchmark acts as, keyed `${party}:${orgId}`. */
  tokens: Record<string, string>;
  seededInSeconds: number | null;
}

export type StackMessage =
  | StackReady
  | { type: 'progress'; line: string }
  | { type: 'statements'; counts: Record<Party, number> }
  | { type: 'recorded'; fetches: RecordedFetch[] }
  /** Bytes allocated on the JavaScript heap per service (`all` when they share one process). */
  | { type: 'allocated'; bytes: Partial<Record<ServiceName | 'all', number>>; cpuMicros: Partial<Record<ServiceName | 'all' | 'postgres', number>> }
  | { type: 'failed'; message: string };

export type StackRequest =
  | { type: 'statements' }
  | { type: 'record'; on: boolean }
  | { type: 'allocation'; on: boolean }
  | { type: 'stop' };

export const callerKey = (caller: Caller) => `${caller.party}:${caller.orgId}`;
