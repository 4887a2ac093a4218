// The CPU time the PostgreSQL server spends on the benchmark's databases, when the server runs on
// this machine: the other half of a request's cost on the server engine, which the services' own
// CPU time leaves out. Read from Linux's /proc: a backend's title names its database, so only the
// backends serving the benchmark's databases count (another client of the same server does not),
// and its schedstat gives its time on a CPU in nanoseconds (stat's 10 ms clock ticks are too coarse).
import { readdirSync, readFileSync } from 'node:fs';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** A client backend's title: its database is the word after the user (a cluster name may come first). */
const BACKEND_TITLE = /^postgres: (?:\S+: )?\S+ (\S+) \S+\(\d+\)/;

/** CPU time so far of each backend serving a database whose name starts with the prefix, by process id. */
export type PostgresCpu = Map<string, number>;

/** True when DATABASE_URL names a server on this machine and /proc can be read. */
export function canMeasurePostgres(databaseUrl: string | undefined): boolean {
  if (!databaseUrl || process.platform !== 'linux') return false;
  try {
    readdirSync('/proc');
    return LOCAL_HOSTS.has(new URL(databaseUrl).hostname);
  } catch {
    return false;
  }
}

/** The backends of the databases named `<prefix>…`, with the CPU time each has spent so far. */
export function postgresCpu(databasePrefix: string): PostgresCpu {
  const backends: PostgresCpu = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      // "postgres: [<cluster>: ]<user> <database> <client> <state>", as the server titles its backends.
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+/g, ' ');
      const database = BACKEND_TITLE.exec(title)?.[1];
      if (!database?.startsWith(databasePrefix)) continue;
      backends.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return backends;
}

/**
 * Microseconds those backends spent between two readings: a backend that started in between counts
 * whole, one that ended in between not at all (the subgraphs' pools keep theirs open).
 */
export function postgresCpuMicrosBetween(start: PostgresCpu, end: PostgresCpu): number {
  let nanos = 0;
  for (const [pid, spent] of end) nanos += spent - (start.get(pid) ?? 0);
  return Math.round(nanos / 1000);
}
