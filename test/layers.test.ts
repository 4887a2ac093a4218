import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// Layers that show: the platform (identity, request ids, logging, error masking) is below both the
// gateway and the subgraphs, so neither of those two reaches into the other's folder.
const ROOT = resolve(__dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Each relative import of the folder's files, as a path from the project's root. */
function importsOf(folder: string): { file: string; target: string }[] {
  return sourceFiles(folder).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((match) => ({
      file: relative(ROOT, file),
      target: relative(ROOT, resolve(file, '..', match[1])),
    })),
  );
}

test.each(['gateway', 'platform'])('%s/ imports nothing from subgraphs/', (folder) => {
  const crossing = importsOf(folder).filter(({ target }) => target.startsWith('subgraphs'));
  expect(crossing).toEqual([]);
});

test('platform/ imports nothing from the gateway either', () => {
  expect(importsOf('platform').filter(({ target }) => target.startsWith('gateway'))).toEqual([]);
});

test('the partner example imports nothing of ours: a partner has only the SDL contract and the docs', () => {
  expect(importsOf('examples/partner-subgraph').filter(({ target }) => !target.startsWith('examples/partner-subgraph'))).toEqual([]);
});

test('no source imports from a package\'s internal dist/ folder', () => {
  const folders = ['platform', 'gateway', 'subgraphs', 'scripts', 'seed', 'import', 'bench', 'test', 'examples'];
  const internal = folders.flatMap((folder) =>
    sourceFiles(folder).filter((file) => /from '(@[^/']+\/)?[^./'][^']*\/dist\//.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file)),
  );
  expect(internal).toEqual([]);
});
