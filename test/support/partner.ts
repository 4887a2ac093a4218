// The example partner subgraph (examples/partner-subgraph/) as a separate process, as a partner's
// service runs: its own entry point, its own port, its own data. Tests compose it into a supergraph
// and call it through a gateway; they see its store's batch reads in its debug log.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { PartnerRecords, StoreRead } from '../../examples/partner-subgraph/store';
import type { Env } from '../../platform/config';
import { TEST_ENV } from './tokens';

const EXAMPLE_DIR = resolve(__dirname, '..', '..', 'examples', 'partner-subgraph');
export const PARTNER_SDL = readFileSync(join(EXAMPLE_DIR, 'schema.graphql'), 'utf8');

/** How long the partner may take to compile and listen on a loaded machine. */
const START_TIMEOUT_MS = 60_000;

export interface RunningPartner {
  /** Its GraphQL endpoint, http://localhost:<port>/graphql. */
  url: string;
  /** Its store's batch reads since it started, in order (a read's keys as a count). */
  reads(): { table: StoreRead['table']; keys: number }[];
  stop(): Promise<void>;
}

/**
 * Starts the example partner with these records (default: its seed.json), on a free port unless
 * `env.PORT` names one, checking tokens as the test stack does (TEST_ENV's secret) unless `env`
 * says otherwise.
 */
export async function startPartnerSubgraph(records?: PartnerRecords, env: Env = {}): Promise<RunningPartner> {
  const dir = mkdtempSync(join(tmpdir(), 'partner-subgraph-'));
  const dataFile = join(dir, 'records.json');
  if (records) writeFileSync(dataFile, JSON.stringify(records));
  const child = spawn(process.execPath, ['--import', 'tsx', join(EXAMPLE_DIR, 'index.ts')], {
    env: {
      ...process.env,
      ...TEST_ENV,
      PORT: '0',
      ...env,
      ...(records ? { PARTNER_DATA_FILE: dataFile } : {}),
      LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const reads: { table: StoreRead['table']; keys: number }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the partner subgraph did not start in ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
    child.once('exit', (code) => {
      // A partner that refuses to start (the tests of its start-up checks) must not leave the timer
      // holding Jest open for START_TIMEOUT_MS.
      clearTimeout(timer);
      reject(new Error(`the partner subgraph exited (${code}) before it listened: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const ready = /ready at (http:\/\/\S+\/graphql)/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolveUrl(ready[1]);
      } else if (line.startsWith('{')) {
        const entry = JSON.parse(line);
        if (entry.msg === 'store read') reads.push({ table: entry.table, keys: entry.keys });
      }
    });
  }).catch((error) => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    url,
    reads: () => [...reads],
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
