import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

// Like the composition drift test: the committed generated types are what `npm run codegen` makes
// from today's SDL, so a schema change that was not regenerated fails here, not in review. The
// codegen CLI is ESM-only in parts jest cannot load, so it runs as the command itself.
const ROOT = resolve(__dirname, '..');

test('every file npm run codegen generates is committed as a fresh generation makes it', async () => {
  const check = promisify(execFile)(resolve(ROOT, 'node_modules', '.bin', 'graphql-codegen'), ['--config', 'codegen.ts', '--check'], {
    cwd: ROOT,
  });
  // --check exits 1 (a rejection here, with the stale files in its output) when any generated file differs.
  await expect(check).resolves.toMatchObject({ stderr: '' });
});
