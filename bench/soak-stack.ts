// The soak test's server process: the whole supergraph (npm start's shape, in one process) on the
// demo dataset, forked by bench/soak.ts with --expose-gc. It answers 'memory' with its memory after a
// full garbage collection, so what is measured is what the stack keeps, not garbage not yet collected.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { databaseConfigs, type Env, PARTIES } from '../platform/config';
import { signDevelopmentToken, type PartyKind } from '../platform/identity';
import { logger } from '../platform/logger';
import { isEmptyDatabase } from '../subgraphs/shared/database';
import { closeDatabases, openDatabases, resetDatabase, seedDatabases, startLocalStack } from '../scripts/local-stack';

export interface SoakStackOptions {
  scale: number;
  seed: number;
  databaseUrl?: string;
}

export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  /** Memory outside the JS heap held by JS objects: Buffers, and PGlite's WebAssembly memory. */
  externalMb: number;
}

export interface SoakFlagship {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** The bearer token of the user the operation is written for. */
  token: string;
}

export type SoakMessage =
  | { type: 'ready'; gatewayUrl: string; engine: string; flagships: Omit<SoakFlagship, 'query'>[] }
  | { type: 'memory'; sample: MemorySample }
  | { type: 'failed'; message: string };

export type SoakRequest = { type: 'memory' } | { type: 'stop' };

const send = (message: SoakMessage) => process.send?.(message);
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function soakEnv(options: SoakStackOptions): Env {
  const tag = `scale${String(options.scale).replace('.', '_')}_seed${options.seed}`;
  if (options.databaseUrl) return { DATABASE_URL: options.databaseUrl, DATABASE_NAME_PREFIX: `soak_${tag}` };
  return { DATA_DIR: resolve(__dirname, '..', '.data', 'soak', `pglite-${tag}`) };
}

async function main() {
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const options = JSON.parse(process.argv[2]) as SoakStackOptions;
  const dataset = generateDemoDataset({ seed: options.seed, scale: options.scale });
  const databases = await openDatabases(databaseConfigs(soakEnv(options)));
  // Kept between runs: a second soak at the same scale does not seed again.
  if (await isEmptyDatabase(databases.sites)) {
    for (const party of PARTIES) await resetDatabase(databases[party]);
    await seedDatabases(databases, dataset);
  }
  const stack = await startLocalStack({
    databases,
    ports: { gateway: 0, sites: 0, sponsors: 0, cros: 0, insights: 0 },
    env: { ...process.env, AUTH_JWT_SECRET: randomBytes(32).toString('hex') },
  });

  const v = flagshipVariables(dataset);
  const trialSponsorId = dataset.trials.find((trial) => trial.nctId === v.nctId)?.sponsorId ?? v.sponsorId;
  const tokenFor = (party: PartyKind, orgId: string) => signDevelopmentToken(stack.identity, { party, orgId, ttl: '24h' });
  // As bench/run.ts asks them: each by the user it is written for.
  const flagships = [
    { name: 'SitesInCountry', variables: { countryCode: v.countryCode }, token: await tokenFor('SPONSOR', v.sponsorId) },
    { name: 'TrialOverview', variables: { nctId: v.nctId }, token: await tokenFor('SPONSOR', trialSponsorId) },
    { name: 'SitePartnerships', variables: { siteId: v.siteId }, token: await tokenFor('SITE', v.siteId) },
    { name: 'CroPortfolio', variables: { croId: v.croId }, token: await tokenFor('CRO', v.croId) },
    { name: 'SponsorFeedback', variables: { sponsorId: v.sponsorId }, token: await tokenFor('SPONSOR', v.sponsorId) },
  ];

  process.on('message', async (request: SoakRequest) => {
    if (request.type === 'memory') {
      // Twice: the first collection can leave objects with finalizers for the second.
      global.gc?.();
      global.gc?.();
      const usage = process.memoryUsage();
      send({
        type: 'memory',
        sample: { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external) },
      });
    } else if (request.type === 'stop') {
      await stack.stop();
      await closeDatabases(databases);
      process.exit(0);
    }
  });
  send({ type: 'ready', gatewayUrl: stack.gatewayUrl, engine: databases.sites.engine, flagships });
}

main().catch((error) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
