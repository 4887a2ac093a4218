// npm run build: compiles the services, scripts and benchmark to dist/ (tsconfig.build.json) and
// makes the blank PGlite cluster npm start copies into a fresh data directory.
// With --if-stale (npm start, npm run bench) it builds only when dist/ is missing or older than a
// source it is built from, so they always run the compiled JavaScript of the code in front of them.
// Plain JavaScript on purpose: it runs before anything is compiled, and in a tenth of a second
// when nothing changed (tsx alone takes two seconds to start here).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
/** Written last by a successful build: its time is the build's. */
const STAMP = join(DIST, '.build-stamp');
/** Held while a build runs, so that two starts at once (two test files, say) build once. */
const LOCK = join(ROOT, '.build-lock');
const SOURCES = ['platform', 'gateway', 'subgraphs', 'scripts', 'seed', 'import', 'bench', 'schema'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (path.endsWith('results')) return;
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (/\.(ts|graphql|yaml|json)$/.test(path)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const folder of SOURCES) visit(join(ROOT, folder));
  for (const file of FILES) if (existsSync(join(ROOT, file))) newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

const isStale = () => !existsSync(STAMP) || statSync(STAMP).mtimeMs < newestSource();

/** Compiles and makes the template; the exit status of the first step that failed, else 0. */
function build() {
  const started = Date.now();
  const steps = [
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    [join(DIST, 'scripts', 'pglite-template.js')],
  ];
  for (const step of steps) {
    const { status } = spawnSync(process.execPath, step, { cwd: ROOT, stdio: 'inherit' });
    if (status !== 0) return status ?? 1;
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  process.stdout.write(`Compiled to dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

const sleep = (ms) => new Promise((wake) => setTimeout(wake, ms));

const onlyIfStale = process.argv.includes('--if-stale');
if (!onlyIfStale || isStale()) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock older than ten minutes was left by a build that was killed.
      if (Date.now() - statSync(LOCK).mtimeMs > 600_000) rmdirSync(LOCK);
      else await sleep(250);
    }
  }
  let status = 0;
  try {
    if (!onlyIfStale || isStale()) {
      if (onlyIfStale) process.stdout.write('Compiling to dist/ first: the sources changed since the last build\n');
      status = build();
    }
  } finally {
    rmdirSync(LOCK);
  }
  process.exitCode = status;
}
