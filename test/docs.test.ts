import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The README and docs/ show commands, links and paths a newcomer will copy: each must still name
// something that exists, or the docs have drifted from the code. Nothing here runs a command.
const ROOT = resolve(__dirname, '..');
const DOCS = join(ROOT, 'docs');
const PAGES = [join(ROOT, 'README.md'), ...readdirSync(DOCS).filter((name) => name.endsWith('.md')).map((name) => join(DOCS, name))];
const SCRIPTS = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>);

/** The folders at the top of the repository: a word in backticks that starts with one is a claim about the tree (`bash .ci/run`). */
const TOP_LEVEL_FOLDERS = ['schema', 'gateway', 'platform', 'subgraphs', 'seed', 'import', 'scripts', 'test', 'examples', 'bench', 'docs', 'operations', 'client', '.ci'];
const REPOSITORY_PATH = new RegExp(`^(?:${TOP_LEVEL_FOLDERS.map((folder) => folder.replace('.', '\\.')).join('|')})/\\S*$`);

const read = (page: string) => readFileSync(page, 'utf8');
const named = (page: string) => relative(ROOT, page);

/** The page without its fenced code blocks: links and inline code live in the prose. */
const prose = (text: string) => text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (text: string) => new Set([...prose(text).matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => anchorOf(match[1])));

/** Relative Markdown links of a page, as [target file, anchor or ''] pairs; web addresses are not ours to check. */
function relativeLinks(page: string): { link: string; file: string; anchor: string }[] {
  return [...prose(read(page)).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1])
    .filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link))
    .map((link) => {
      const [path, anchor = ''] = link.split('#');
      return { link, file: path === '' ? page : resolve(dirname(page), path), anchor };
    });
}

/**
 * Whether a repository path exists. A segment that is a placeholder (`<party>`), a glob (`*.json`) or
 * elided (`trial-nct…`) stands for any entry of its folder.
 */
function pathExists(folder: string, segments: string[]): boolean {
  if (segments.length === 0) return true;
  const [segment, ...rest] = segments;
  if (/[<*…]/.test(segment)) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return false;
    return readdirSync(folder).some((entry) => pathExists(join(folder, entry), rest));
  }
  const next = join(folder, segment);
  return existsSync(next) && pathExists(next, rest);
}

test('every npm script a page shows is one package.json defines', () => {
  const unknown = PAGES.flatMap((page) =>
    [...read(page).matchAll(/\bnpm (?:run(?:\s+-s)?\s+([\w.-]+(?::[\w.-]+)*)|(start|test)\b)/g)]
      .map((match) => match[1] ?? match[2])
      .filter((script) => !SCRIPTS.includes(script))
      .map((script) => `${named(page)}: npm run ${script}`),
  );
  expect(unknown).toEqual([]);
});

test('every relative link of a page reaches a file that exists, and a heading in it when it names one', () => {
  const broken = PAGES.flatMap((page) =>
    relativeLinks(page)
      .filter(({ file, anchor }) => !existsSync(file) || (anchor !== '' && file.endsWith('.md') && !anchorsOf(read(file)).has(anchor)))
      .map(({ link }) => `${named(page)}: ${link}`),
  );
  expect(broken).toEqual([]);
});

test('every backticked repository path a page names exists', () => {
  const missing = PAGES.flatMap((page) =>
    [...prose(read(page)).matchAll(/`([^`]+)`/g)]
      .flatMap((match) => match[1].split(/\s+/))
      .filter((path) => REPOSITORY_PATH.test(path))
      .filter((path) => !pathExists(ROOT, path.split('/').filter((segment) => segment !== '')))
      .map((path) => `${named(page)}: ${path}`),
  );
  expect(missing).toEqual([]);
});

test('every docs page is linked from the README', () => {
  const linked = new Set(relativeLinks(join(ROOT, 'README.md')).map(({ file }) => file));
  const unlinked = PAGES.filter((page) => dirname(page) === DOCS && !linked.has(page)).map(named);
  expect(unlinked).toEqual([]);
});
