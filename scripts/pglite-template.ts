// npm run build's last step: a blank PostgreSQL cluster for PGlite, made once per PGlite version
// under dist/. npm start copies it into a fresh DATA_DIR/<party> instead of running initdb in each
// of the four subgraph processes (initdb is about 12 s of CPU here; the copy, 40 MB of files, a
// fraction of a second).
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PROJECT_ROOT } from '../platform/project-root';

/** The template's shared buffers: ample for the demo dataset; a larger import can raise it in DATA_DIR/<party>/postgresql.auto.conf. */
const SHARED_BUFFERS = '32MB';

/** Where the blank cluster for the installed PGlite version is kept. */
export function pgliteTemplateDir(): string {
  const { version } = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  return resolve(PROJECT_ROOT, 'dist', 'pglite-template', `${version}-shared-buffers-${SHARED_BUFFERS}`);
}

async function main() {
  const target = pgliteTemplateDir();
  if (existsSync(resolve(target, 'PG_VERSION'))) return;
  const started = Date.now();
  // Made beside the target and renamed into place: a half-made cluster is never copied.
  const making = `${target}.making-${process.pid}`;
  mkdirSync(dirname(target), { recursive: true });
  const pglite = await PGlite.create(making);
  await pglite.close();
  // PostgreSQL's default 128 MB of shared buffers is zeroed at every start: a third of PGlite's
  // start-up CPU here (1.4 s against 0.95 s with 32 MB). npm start's databases hold a few MB.
  appendFileSync(resolve(making, 'postgresql.auto.conf'), `shared_buffers = '${SHARED_BUFFERS}'\n`);
  rmSync(target, { recursive: true, force: true });
  renameSync(making, target);
  process.stdout.write(`A blank PGlite cluster for fresh data directories: ${target} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`could not make the PGlite template: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
