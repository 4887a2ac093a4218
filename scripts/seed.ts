// npm run seed -- [--scale N] [--seed S]: replaces the data of all four databases (DATA_DIR, or
// DATABASE_URL) with a freshly generated demo dataset, N times the default size.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { generateDemoDataset } from '../seed/generate';
import { databaseConfigs, PARTIES } from '../platform/config';
import { closeDatabases, openDatabases, resetDatabase, seedDatabases } from './local-stack';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '42' } },
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!(scale >= 0.1 && scale <= 100)) throw new Error(`--scale must be a number from 0.1 to 100, got "${values.scale}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);

  let started = Date.now();
  const dataset = generateDemoDataset({ seed, scale });
  say(`Generated seed ${seed}, scale ${scale} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dataset.sites.length} sites, ${dataset.sponsors.length} sponsors, ${dataset.cros.length} CROs, ${dataset.trials.length} trials, ${dataset.trialSites.length} trial sites, ${dataset.surveyResponses.length} survey responses`);

  const configs = databaseConfigs();
  const databases = await openDatabases(configs);
  try {
    started = Date.now();
    say('Clearing the four databases and migrating them afresh');
    for (const party of PARTIES) await resetDatabase(databases[party]);
    await seedDatabases(databases, dataset, say);
    say(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await closeDatabases(databases);
  }
}

main().catch((error) => {
  process.stderr.write(`npm run seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
