// One subgraph in a process of its own, as npm start runs it (scripts/start.ts forks one per party):
// the same configuration, builder and port as subgraphs/<party>/index.ts, which docker-compose runs,
// plus what only a development machine needs, asked for over IPC by the supervising process:
//   1. open the database (a fresh PGlite directory is copied from the build's blank cluster, which
//      skips PostgreSQL's initdb, 12 s of CPU here) and say whether it is empty;
//   2. on `seed`, store this party's slice of the demo dataset; on `query`, answer a read-only
//      statement (npm start names stored organisations when the data was imported);
//   3. on `listen`, build the subgraph and listen on its port (0: a free one, reported back);
//   4. on `peers`, learn where the other subgraphs answer.
// The process ends with its supervisor: when the IPC channel closes, it stops.
import 'reflect-metadata';
import { cpSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset } from '../seed/model';
import { PARTIES, type Party, subgraphConfig } from '../platform/config';
import { identityConfig, identityVerifier } from '../platform/identity';
import { listen, type Listening } from '../platform/http';
import { logger } from '../platform/logger';
import { SUBGRAPHS } from '../subgraphs/parties';
import { type AllocationMeter, measureAllocation } from '../bench/allocation';
import type { SubgraphService } from '../subgraphs/shared/subgraph-service';
import { isEmptyDatabase } from '../subgraphs/shared/database';
import { pgliteTemplateDir } from './pglite-template';

/** What the supervisor asks a subgraph process. */
export type SubgraphRequest =
  /** Store this party's slice of the demo dataset: the one given (sent by structured clone), else generated here. */
  | { type: 'seed'; seed: number; scale?: number; dataset?: DemoDataset }
  | { type: 'query'; id: number; sql: string; params: unknown[] }
  | { type: 'listen' }
  /** Where the other subgraphs answer, once they all listen (a port of 0 is known only then). */
  | { type: 'peers'; urls: Record<Party, string> }
  /** The benchmark's questions: SQL statements so far; bytes allocated and CPU time spent between `on` and `off`. */
  | { type: 'statements' }
  | { type: 'allocation'; on: boolean };

/** What a subgraph process tells its supervisor. */
export type SubgraphReport =
  | { type: 'opened'; empty: boolean; seconds: number }
  | { type: 'seeded'; seconds: number }
  | { type: 'rows'; id: number; rows: Record<string, unknown>[] }
  | { type: 'listening'; url: string }
  | { type: 'statements'; count: number }
  | { type: 'allocated'; bytes: number; cpuMicros: number }
  | { type: 'failed'; message: string };

const send = (report: SubgraphReport) => process.send?.(report);

async function main() {
  const party = process.argv[2] as Party;
  if (!PARTIES.includes(party)) throw new Error(`name a subgraph: ${PARTIES.join(', ')}`);
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const started = performance.now();
  const config = subgraphConfig(party);
  if (config.database.engine === 'pglite' && config.database.dataDir && !existsSync(resolve(config.database.dataDir, 'PG_VERSION'))) {
    const template = pgliteTemplateDir();
    if (existsSync(template)) cpSync(template, config.database.dataDir, { recursive: true });
  }
  const database = await SUBGRAPHS[party].open(config.database);
  let service: SubgraphService | null = null;
  let listening: Listening | null = null;
  let allocation: AllocationMeter | null = null;

  const stop = async () => {
    await listening?.close();
    await service?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);

  process.on('message', (request: SubgraphRequest) => {
    const answer = async () => {
      if (request.type === 'seed') {
        const seeding = performance.now();
        await SUBGRAPHS[party].seed(database.dataSource, request.dataset ?? generateDemoDataset({ seed: request.seed, scale: request.scale }));
        send({ type: 'seeded', seconds: (performance.now() - seeding) / 1000 });
      } else if (request.type === 'query') {
        send({ type: 'rows', id: request.id, rows: await database.dataSource.query(request.sql, request.params) });
      } else if (request.type === 'listen') {
        const identity = identityVerifier(identityConfig());
        service = await SUBGRAPHS[party].build(database, { identity, peers: config.peers, telemetry: config.telemetry }, process.env);
        listening = await listen(service.app, config.port, { host: config.host });
        logger.info({ subgraph: party, url: listening.url, engine: database.engine }, 'subgraph ready');
        send({ type: 'listening', url: listening.url });
      } else if (request.type === 'peers') {
        // The service reads this object at each request.
        Object.assign(config.peers, request.urls);
      } else if (request.type === 'statements') {
        send({ type: 'statements', count: database.statements.count });
      } else if (request.type === 'allocation') {
        if (request.on) allocation = measureAllocation();
        else send({ type: 'allocated', ...(allocation?.stop() ?? { bytes: 0, cpuMicros: 0 }) });
      }
    };
    answer().catch((error) => {
      send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    });
  });
  send({ type: 'opened', empty: await isEmptyDatabase(database), seconds: (performance.now() - started) / 1000 });
}

main().catch((error) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
