import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULES as crosRules } from '../subgraphs/cros/access';
import { SHARED_RULES } from '../subgraphs/shared/access';
import { RULES as insightsRules } from '../subgraphs/insights/access';
import { RULES as sitesRules } from '../subgraphs/sites/access';
import { RULES as sponsorsRules } from '../subgraphs/sponsors/access';

// A refusal's extensions.rule is part of the API: the names docs/access.md gives callers are the
// names each subgraph's access.ts refuses with, and no rule in the code goes undocumented.
const ACCESS_DOC = readFileSync(resolve(__dirname, '..', 'docs', 'access.md'), 'utf8');

/** The backticked names in the last column of the doc's tables whose header ends with "rule". */
function documentedRules(markdown: string): string[] {
  const names: string[] = [];
  let inRuleTable = false;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      inRuleTable = false;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.at(-1) === 'rule') inRuleTable = true;
    else if (inRuleTable) names.push(...[...(cells.at(-1) ?? '').matchAll(/`([a-z-]+)`/g)].map((match) => match[1]));
  }
  return names;
}

const codeRules = Object.entries({
  shared: SHARED_RULES,
  sites: sitesRules,
  sponsors: sponsorsRules,
  cros: crosRules,
  insights: insightsRules,
}).flatMap(
  ([subgraph, rules]) => Object.values(rules).map((rule) => ({ subgraph, rule })),
);

test('every rule docs/access.md names is a rule some subgraph refuses with', () => {
  const documented = documentedRules(ACCESS_DOC);
  expect(documented.length).toBeGreaterThan(10);
  const known = new Set<string>(codeRules.map(({ rule }) => rule));
  expect(documented.filter((rule) => !known.has(rule))).toEqual([]);
});

test("every rule in a subgraph's access.ts is in docs/access.md's tables", () => {
  const documented = new Set(documentedRules(ACCESS_DOC));
  expect(codeRules.filter(({ rule }) => !documented.has(rule))).toEqual([]);
});

test('no two subgraphs use one rule name for different rules', () => {
  const owners = new Map<string, string>();
  const shared = codeRules.filter(({ subgraph, rule }) => (owners.get(rule) ?? owners.set(rule, subgraph).get(rule)) !== subgraph);
  expect(shared).toEqual([]);
});
