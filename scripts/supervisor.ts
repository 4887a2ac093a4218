// npm start's supervision: each service runs in a process of its own (as docker-compose runs them),
// so one that dies takes nothing else down. When one dies the supervisor says which, and how (exit
// code or signal), and starts it again after a pause that doubles each time; after a run of deaths
// with no quiet spell between them it says so and leaves that service down.
import type { ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  /** Where the supervisor reports, one line at a time. */
  say: (line: string) => void;
  /** Pause before each restart in a run of deaths, in ms; one restart per entry, then it gives up. */
  backoffMs?: number[];
  /** A service that stayed up this long (ms) before dying starts a new run of restarts. */
  stableAfterMs?: number;
}

/** Five restarts, 0.5 s to 8 s apart: a crash loop is given up on within 16 s. */
export const DEFAULT_BACKOFF_MS = [500, 1000, 2000, 4000, 8000];
export const DEFAULT_STABLE_AFTER_MS = 30_000;

interface Watched {
  name: string;
  child: ChildProcess;
  /** Starts the service again; resolves with the new process once it is ready. */
  relaunch: () => Promise<ChildProcess>;
  startedAt: number;
  /** Deaths in the current run: the index into the backoff. */
  deaths: number;
}

/** How a process ended, in words. */
export function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}

export class Supervisor {
  private readonly watched = new Map<string, Watched>();
  private stopping = false;
  private readonly backoffMs: number[];
  private readonly stableAfterMs: number;
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SupervisorOptions) {
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.stableAfterMs = options.stableAfterMs ?? DEFAULT_STABLE_AFTER_MS;
  }

  /** Watches a started, ready service; `relaunch` starts it again when it dies. */
  watch(name: string, child: ChildProcess, relaunch: () => Promise<ChildProcess>): void {
    const service: Watched = { name, child, relaunch, startedAt: Date.now(), deaths: 0 };
    this.watched.set(name, service);
    this.follow(service);
  }

  /** The services' processes, by name (the live one of each). */
  processes(): Map<string, ChildProcess> {
    return new Map([...this.watched].map(([name, service]) => [name, service.child]));
  }

  private follow(service: Watched): void {
    const { child } = service;
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (this.stopping) return;
      if (Date.now() - service.startedAt >= this.stableAfterMs) service.deaths = 0;
      this.died(service, `${service.name} (pid ${child.pid}) died: ${howItEnded(code, signal)}`);
    };
    if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
    else child.once('exit', onExit);
  }

  private died(service: Watched, what: string): void {
    const attempt = service.deaths;
    service.deaths += 1;
    if (attempt >= this.backoffMs.length) {
      this.options.say(`${what}. It died ${service.deaths} times in a row: not restarting it again (the other services go on; restart npm start to try again).`);
      return;
    }
    const pauseMs = this.backoffMs[attempt];
    this.options.say(`${what}; restarting it in ${pauseMs / 1000} s (attempt ${attempt + 1} of ${this.backoffMs.length}).`);
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (this.stopping) return;
      const restarting = Date.now();
      service.relaunch().then(
        (child) => {
          if (this.stopping) {
            child.kill('SIGTERM');
            return;
          }
          service.child = child;
          service.startedAt = Date.now();
          this.options.say(`${service.name} is back (pid ${child.pid}), ${((Date.now() - restarting) / 1000).toFixed(1)} s after its restart.`);
          this.follow(service);
        },
        (error: unknown) => {
          if (this.stopping) return;
          this.died(service, `${service.name} did not start again: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    }, pauseMs);
    this.pending.add(timer);
  }

  /** Stops every service (SIGTERM, then SIGKILL after `graceMs`) and restarts none. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    for (const timer of this.pending) clearTimeout(timer);
    await Promise.all([...this.watched.values()].map(({ child }) => stopProcess(child, graceMs)));
  }
}

/** Sends SIGTERM and waits for the exit; SIGKILL if it has not exited within `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
