// npm run import:ctgov -- <files or folders>: ClinicalTrials.gov API v2 study records into the four
// databases (DATA_DIR, or DATABASE_URL), each party's part through that party's own import.
// Exit code 0 when at least one study was read (files that could not be are reported and skipped),
// 1 when none could be read or a database failed.
import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import { BATCH_SIZE, type ImportProgress, type ImportSummary, importStudies } from '../import/ctgov/import-studies';
import { databaseConfigs } from '../platform/config';
import { logger } from '../platform/logger';
import { closeDatabases, openDatabases } from './local-stack';

type Say = (line: string) => void;

/** A bar on a terminal; elsewhere (a pipe, a CI log) a plain line after each batch. */
export function importProgress(stream: NodeJS.WriteStream, say: Say): ImportProgress {
  if (stream.isTTY) {
    const bar = new SingleBar({ format: '  {bar} {value}/{total} studies', stream, hideCursor: true }, Presets.shades_classic);
    return { start: (total) => bar.start(total, 0), advance: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let total = 0;
  return {
    start: (count) => {
      total = count;
    },
    advance: (done) => say(`  stored ${done}/${total} studies`),
    stop: () => {},
  };
}

/** The lines printed at the end: problems first, then what each party now holds. */
export function summaryLines(summary: ImportSummary): string[] {
  const lines: string[] = [];
  if (summary.skipped.length > 0) {
    lines.push(`Skipped ${summary.skipped.length} file(s):`);
    for (const { file, reason } of summary.skipped) lines.push(`  ${file}: ${reason}`);
  }
  if (summary.skippedLocations.length > 0) {
    const reasons = new Map<string, number>();
    for (const { reason } of summary.skippedLocations) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    lines.push(
      `Left out ${summary.skippedLocations.length} location(s): ${[...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ')}`,
    );
  }
  const { created, updated, unchanged, superseded } = summary.studies;
  lines.push(
    `Studies:      ${created + updated + unchanged} (${created} new, ${updated} updated, ${unchanged} unchanged${superseded ? `, ${superseded} older copies ignored` : ''})`,
    `Sponsors:     ${summary.sponsorsCreated} new`,
    `Sites:        ${summary.sitesCreated} new (${summary.locationsMatched} locations matched a site already known)`,
    `Trial sites:  ${summary.trialSitesCreated} new`,
    `CROs:         ${summary.crosCreated} new, ${summary.engagementsCreated} new engagements`,
    `Collaborators kept on trials: ${summary.collaborators}`,
    `Skipped:      ${summary.skipped.length} file(s)`,
    `Read ${summary.files} file(s) in ${summary.seconds.toFixed(1)} s (batches of ${BATCH_SIZE}); insights has nothing to import from the registry.`,
  );
  return lines;
}

async function main(): Promise<number> {
  const say: Say = (line) => process.stdout.write(`${line}\n`);
  const paths = process.argv.slice(2).filter((arg) => arg !== '--');
  if (paths.length === 0) {
    process.stderr.write('usage: npm run import:ctgov -- <study .json files or folders of them>\n');
    return 1;
  }
  // This console is for a person: the routine JSON logs only when asked for with LOG_LEVEL.
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const configs = databaseConfigs();
  const where = configs.sites.engine === 'pglite' ? `embedded PostgreSQL (PGlite) in ${process.env.DATA_DIR ?? '.data'}/` : 'PostgreSQL server';
  say(`Importing ClinicalTrials.gov records into ${where}`);
  const databases = await openDatabases(configs);
  try {
    const summary = await importStudies(databases, paths, importProgress(process.stdout, say));
    for (const line of summaryLines(summary)) say(line);
    const read = summary.studies.created + summary.studies.updated + summary.studies.unchanged;
    return read > 0 ? 0 : 1;
  } finally {
    await closeDatabases(databases);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`npm run import:ctgov failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
