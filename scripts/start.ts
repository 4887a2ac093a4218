// npm start: the whole supergraph on this machine. Embedded PostgreSQL (PGlite) under DATA_DIR
// unless DATABASE_URL names a server; an empty set of databases is filled with the demo dataset.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagshipVariables, generateDemoDataset } from '../seed/generate';
import { databaseConfigs, gatewayConfig, PARTIES, type Party, subgraphConfig } from '../subgraphs/shared/config';
import { type PartyKind, signDevelopmentToken } from '../subgraphs/shared/identity';
import { logger } from '../subgraphs/shared/logger';
import { closeDatabases, isEmptyDatabase, openDatabases, seedDatabases, startLocalStack } from './local-stack';

const DEMO_SEED = 42;
/** The README's example: a site of the demo dataset that every party has something to say about. */
const EXAMPLE_FILE = resolve(__dirname, '..', 'examples', 'site-at-a-glance.graphql');
const EXAMPLE_VARIABLES = { siteId: 'site-0110' };
/** Printed tokens last a working day; `npm run token` makes others. */
const DEMO_TOKEN_TTL = '12h';

const say = (line = '') => process.stdout.write(`${line}\n`);

// This console is for a person: the services' routine JSON logs only when asked for with LOG_LEVEL.
logger.level = process.env.LOG_LEVEL ?? 'warn';

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
  } else if (empty.some(Boolean)) {
    say(`Warning: only some databases hold data (empty: ${PARTIES.filter((_, i) => empty[i]).join(', ')}); run \`npm run seed\` to start afresh.`);
  }

  const ports = {
    gateway: gatewayConfig().port,
    ...(Object.fromEntries(PARTIES.map((party) => [party, subgraphConfig(party).port])) as Record<Party, number>),
  };
  const stack = await startLocalStack({ databases, ports });
  const variables = flagshipVariables(dataset);
  const demoCallers: [PartyKind, string][] = [
    ['SITE', EXAMPLE_VARIABLES.siteId],
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
  say(`Demo tokens (valid ${DEMO_TOKEN_TTL}; in the explorer put "Authorization: Bearer <token>" under Headers):`);
  demoCallers.forEach(([party, orgId], i) => say(`  ${party.padEnd(16)} ${orgId.padEnd(14)} ${tokens[i]}`));
  say();
  say(`A query that crosses all four subgraphs, as site ${EXAMPLE_VARIABLES.siteId} (examples/site-at-a-glance.graphql, answer in the README):`);
  say();
  say(`  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -H 'authorization: Bearer ${tokens[0]}' -d '${JSON.stringify({
    query: readFileSync(EXAMPLE_FILE, 'utf8').replace(/^#.*\n/gm, '').replace(/\s+/g, ' ').trim(),
    variables: EXAMPLE_VARIABLES,
  })}'`);
  say();
  say(`Flagship operations are in ../shared/queries/; demo variables: ${JSON.stringify(variables)}`);
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
