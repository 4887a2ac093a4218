// The benchmark's server process: the whole supergraph on the chosen engine with the demo dataset
// at the chosen scale, in a process of its own so the load generator does not share its event loop.
// Forked by bench/run.ts, which it answers over IPC (see StackMessage and StackRequest).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset } from '../seed/model';
import { databaseConfigs, type Env, PARTIES, type Party } from '../platform/config';
import { signDevelopmentToken } from '../platform/identity';
import { logger } from '../platform/logger';
import { REQUEST_ID_HEADER } from '../platform/request-id';
import { callerKey, type Caller, type RecordedFetch, type StackMessage, type StackOptions, type StackRequest } from './protocol';
import { closeDatabases, openDatabases, resetDatabase, seedDatabases, startLocalStack, type Databases } from '../scripts/local-stack';

const send = (message: StackMessage) => process.send?.(message);

/** Where the dataset is kept between runs, so a second run at the same scale does not seed again. */
function benchEnv(options: StackOptions): Env {
  const tag = `scale${String(options.scale).replace('.', '_')}_seed${options.seed}`;
  if (options.databaseUrl) return { DATABASE_URL: options.databaseUrl, DATABASE_NAME_PREFIX: `bench_${tag}` };
  return { DATA_DIR: resolve(__dirname, '..', '.data', 'bench', `pglite-${tag}`) };
}

/** True when the databases already hold this dataset: every party's largest table has its row count. */
async function holdsDataset(databases: Databases, dataset: DemoDataset): Promise<boolean> {
  const expected: Record<Party, [string, number]> = {
    sites: ['sites', dataset.sites.length],
    sponsors: ['trial_sites', dataset.trialSites.length],
    cros: ['engagements', dataset.engagements.length],
    insights: ['survey_responses', dataset.surveyResponses.length],
  };
  for (const party of PARTIES) {
    const [table, rows] = expected[party];
    const [{ count }] = await databases[party].dataSource.query(`SELECT count(*)::int AS count FROM "${table}"`);
    if (count !== rows) return false;
  }
  return true;
}

function recordingFetcher(recorded: RecordedFetch[], isRecording: () => boolean): typeof fetch {
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

async function main() {
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const options = JSON.parse(process.argv[2]) as StackOptions;
  const env = benchEnv(options);
  const dataset = generateDemoDataset({ seed: options.seed, scale: options.scale });
  const databases = await openDatabases(databaseConfigs(env));

  let seededInSeconds: number | null = null;
  if (!(await holdsDataset(databases, dataset))) {
    const started = Date.now();
    send({ type: 'progress', line: `Storing the demo dataset at scale ${options.scale} (kept for the next run at this scale)` });
    for (const party of PARTIES) await resetDatabase(databases[party]);
    await seedDatabases(databases, dataset, (line) => send({ type: 'progress', line }));
    seededInSeconds = (Date.now() - started) / 1000;
  }

  const recorded: RecordedFetch[] = [];
  let recording = false;
  const identityEnv = { AUTH_JWT_SECRET: randomBytes(32).toString('hex') };
  const ports = { gateway: 0, sites: 0, sponsors: 0, cros: 0, insights: 0 };
  const stack = await startLocalStack({
    databases,
    ports,
    env: { ...process.env, ...identityEnv },
    gatewayFetcher: recordingFetcher(recorded, () => recording),
  });

  const variables = flagshipVariables(dataset);
  const trialSponsorId = dataset.trials.find((trial) => trial.nctId === variables.nctId)?.sponsorId ?? variables.sponsorId;
  const callers: Caller[] = [
    { party: 'PLATFORM_ADMIN', orgId: 'platform' },
    { party: 'SPONSOR', orgId: variables.sponsorId },
    { party: 'SPONSOR', orgId: trialSponsorId },
    { party: 'SITE', orgId: variables.siteId },
    { party: 'CRO', orgId: variables.croId },
    { party: 'PATIENT_ADVOCATE', orgId: variables.advocacyGroupId },
  ];
  const tokens: Record<string, string> = {};
  for (const caller of callers) tokens[callerKey(caller)] = await signDevelopmentToken(stack.identity, { ...caller, ttl: '6h' });

  process.on('message', async (request: StackRequest) => {
    if (request.type === 'statements') {
      send({ type: 'statements', counts: Object.fromEntries(PARTIES.map((party) => [party, databases[party].statements.count])) as Record<Party, number> });
    } else if (request.type === 'record') {
      recording = request.on;
      if (request.on) recorded.length = 0;
      else send({ type: 'recorded', fetches: [...recorded] });
    } else if (request.type === 'stop') {
      await stack.stop();
      await closeDatabases(databases);
      process.exit(0);
    }
  });

  send({
    type: 'ready',
    gatewayUrl: stack.gatewayUrl,
    subgraphUrls: stack.subgraphUrls,
    engine: databases.sites.engine,
    dataset: {
      sites: dataset.sites.length,
      sponsors: dataset.sponsors.length,
      cros: dataset.cros.length,
      trials: dataset.trials.length,
      trialSites: dataset.trialSites.length,
      surveyResponses: dataset.surveyResponses.length,
    },
    variables: { ...variables, trialSponsorId },
    tokens,
    seededInSeconds,
  });
}

main().catch((error) => {
  send({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
