import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The folder holding package.json, schema/ and examples/: found by walking up from this file, so
 * the same code finds it run from source (tsx, jest) and compiled (dist/platform/).
 */
function findProjectRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(resolve(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
