// npm start: the whole supergraph on this machine. Embedded PostgreSQL (PGlite) under DATA_DIR
// unless DATABASE_URL names a server; an empty set of databases is filled with the demo dataset.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type FlagshipVariables, flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { databaseConfigs, gatewayConfig, PARTIES, type Party, subgraphConfig } from '../platform/config';
import { type PartyKind, signDevelopmentToken } from '../platform/identity';
import { logger } from '../platform/logger';
import { closeDatabases, type Databases, isEmptyDatabase, openDatabases, seedDatabases, startLocalStack } from './local-stack';

const DEMO_SEED = 42;
/** The README's example: a site of the demo dataset that every party has something to say about. */
const EXAMPLE_FILE = resolve(__dirname, '..', 'examples', 'site-at-a-glance.graphql');
const EXAMPLE_VARIABLES = { siteId: 'site-0110' };
/** Printed tokens last a working day; `npm run token` makes others. */
const DEMO_TOKEN_TTL = '12h';

const say = (line = '') => process.stdout.write(`${line}\n`);

// This console is for a person: the services' routine JSON logs only when asked for with LOG_LEVEL.
logger.level = process.env.LOG_LEVEL ?? 'warn';

/** Whether the databases hold the demo dataset (its example site and sponsor), not only imported data. */
async function holdsDemoDataset(databases: Databases, demo: FlagshipVariables): Promise<boolean> {
  const [site] = await databases.sites.dataSource.query('SELECT 1 FROM sites WHERE id = $1', [EXAMPLE_VARIABLES.siteId]);
  const [sponsor] = await databases.sponsors.dataSource.query('SELECT 1 FROM sponsors WHERE id = $1', [demo.sponsorId]);
  return Boolean(site && sponsor);
}

/**
 * Whether the only empty databases are the ones a ClinicalTrials.gov import may leave so: insights
 * (the registry holds nothing patients said) and cros (when no record names a known CRO).
 */
async function holdsImportOnly(databases: Databases, empty: boolean[]): Promise<boolean> {
  const emptyParties = PARTIES.filter((_, i) => empty[i]);
  if (emptyParties.some((party) => party === 'sites' || party === 'sponsors')) return false;
  const [imported] = await databases.sponsors.dataSource.query('SELECT 1 FROM trials WHERE registry_updated_on IS NOT NULL LIMIT 1');
  return Boolean(imported);
}

/**
 * Callers and variables from what is stored, for databases filled by `npm run import:ctgov`: the
 * trial with a CRO engaged and the most sites, its sponsor and CRO, and its busiest site.
 */
async function storedVariables(databases: Databases): Promise<FlagshipVariables | null> {
  const engagements: { trialId: string; croId: string }[] = await databases.cros.dataSource.query(
    'SELECT trial_id AS "trialId", cro_id AS "croId" FROM engagements ORDER BY trial_id, cro_id',
  );
  const [trial]: { id: string; nctId: string; sponsorId: string }[] = await databases.sponsors.dataSource.query(
    `SELECT trial.id, trial.nct_id AS "nctId", trial.sponsor_id AS "sponsorId"
       FROM trials trial LEFT JOIN trial_sites site ON site.trial_id = trial.id
      GROUP BY trial.id ORDER BY trial.id = ANY($1) DESC, count(site.id) DESC, trial.nct_id LIMIT 1`,
    [engagements.map((engagement) => engagement.trialId)],
  );
  if (!trial) return null;
  const [site]: { siteId: string }[] = await databases.sponsors.dataSource.query(
    `SELECT site_id AS "siteId" FROM trial_sites
      WHERE site_id IN (SELECT site_id FROM trial_sites WHERE trial_id = $1)
      GROUP BY site_id ORDER BY count(*) DESC, site_id LIMIT 1`,
    [trial.id],
  );
  const [country]: { countryCode: string }[] = site
    ? await databases.sites.dataSource.query('SELECT country_code AS "countryCode" FROM sites WHERE id = $1', [site.siteId])
    : [];
  return {
    countryCode: country?.countryCode ?? 'US',
    nctId: trial.nctId,
    siteId: site?.siteId ?? '',
    croId: (engagements.find((engagement) => engagement.trialId === trial.id) ?? engagements[0])?.croId ?? '',
    sponsorId: trial.sponsorId,
    // The registry has no advocacy groups: this one sees nothing until a sponsor invites it.
    advocacyGroupId: 'advocates-01',
  };
}

async function main() {
  const configs = databaseConfigs();
  const where = configs.sites.engine === 'pglite' ? `embedded PostgreSQL (PGlite) in ${process.env.DATA_DIR ?? '.data'}/` : 'PostgreSQL server';
  say(`Partnership supergraph: opening four databases on ${where}`);
  const databases = await openDatabases(configs);

  const empty = await Promise.all(PARTIES.map((party) => isEmptyDatabase(databases[party])));
  const dataset = generateDemoDataset({ seed: DEMO_SEED });
  if (empty.every(Boolean)) {
    say(`Empty databases: storing the demo dataset (seed ${DEMO_SEED}): ${dataset.sites.length} sites, ${dataset.sponsors.length} sponsors, ${dataset.cros.length} CROs, ${dataset.trials.length} trials`);
    await seedDatabases(databases, dataset, say);
  } else if (empty.some(Boolean) && !(await holdsImportOnly(databases, empty))) {
    say(`Warning: only some databases hold data (empty: ${PARTIES.filter((_, i) => empty[i]).join(', ')}); run \`npm run seed\` to start afresh.`);
  }

  const ports = {
    gateway: gatewayConfig().port,
    ...(Object.fromEntries(PARTIES.map((party) => [party, subgraphConfig(party).port])) as Record<Party, number>),
  };
  const stack = await startLocalStack({ databases, ports });
  // Databases filled by the ClinicalTrials.gov importer hold none of the demo's ids: name stored ones.
  const demo = flagshipVariables(dataset);
  const imported = (await holdsDemoDataset(databases, demo)) ? null : await storedVariables(databases);
  const variables = imported ?? demo;
  const example = imported ? { siteId: imported.siteId } : EXAMPLE_VARIABLES;
  if (imported) say(`The databases hold imported data, not the demo dataset: the tokens and variables below name stored organisations.`);
  const demoCallers: [PartyKind, string][] = [
    ['SITE', example.siteId],
    ['SPONSOR', variables.sponsorId],
    ['CRO', variables.croId],
    ['PATIENT_ADVOCATE', variables.advocacyGroupId],
    ['PLATFORM_ADMIN', 'platform'],
  ];
  const tokens = await Promise.all(
    demoCallers.map(([party, orgId]) => signDevelopmentToken(stack.identity, { party, orgId, ttl: DEMO_TOKEN_TTL })),
  );

  say();
  for (const party of PARTIES) say(`  ${party.padEnd(9)} ${stack.subgraphUrls[party]}`);
  say(`  gateway   ${stack.gatewayUrl}   <- open this in a browser for the explorer`);
  say(`  health    ${stack.gatewayUrl.replace(/\/graphql$/, '/health')}`);
  say();
  say(`${imported ? "Tokens" : "Demo tokens"} (valid ${DEMO_TOKEN_TTL}; in the explorer put "Authorization: Bearer <token>" under Headers):`);
  demoCallers.forEach(([party, orgId], i) => say(`  ${party.padEnd(16)} ${orgId.padEnd(14)} ${tokens[i]}`));
  say();
  say(`A query that crosses all four subgraphs, as site ${example.siteId} (examples/site-at-a-glance.graphql${imported ? '' : ', answer in the README'}):`);
  say();
  say(`  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -H 'authorization: Bearer ${tokens[0]}' -d '${JSON.stringify({
    query: readFileSync(EXAMPLE_FILE, 'utf8').replace(/^#.*\n/gm, '').replace(/\s+/g, ' ').trim(),
    variables: example,
  })}'`);
  say();
  say(`Flagship operations are in ../shared/queries/; ${imported ? 'variables from the stored data' : 'demo variables'}: ${JSON.stringify(variables)}`);
  say('Ctrl-C stops everything.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\nStopping…');
    await stack.stop();
    await closeDatabases(databases);
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
