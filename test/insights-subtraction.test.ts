// The attacker's view of patient-experience aggregates: for each kind of caller, collect every
// aggregate it may ask for (every trial × site cell, site total, trial total), straight from the
// insights subgraph and through the gateway, then search every difference along the table's rows
// and columns and of its totals (a shown total minus any shown cells, minus all of them, and the
// figures the lines let it work out) for a group of 1 to k − 1. Means are shown only with counts,
// so a group whose count cannot be worked out has no mean that can be either.
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset, SurveyResponseRecord } from '../seed/model';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL } from './support/subgraph-harness';
import { as } from './support/tokens';

const k = 5;

// A generated dataset, with the trials of two sponsors answered for by hand in the shape that
// leaked before: a sponsor's trial total, its site cells and its site totals, which together gave
// away the two answers at one site by subtraction (T2: 9 = 7 at X + 2 at W; X for A = 8 + 7).
const dataset: DemoDataset = generateDemoDataset({ seed: 42, scale: 0.1 });
const sponsorOf = new Map(dataset.trials.map((trial) => [trial.id, trial.sponsorId]));
const trialsAt = (siteId: string) => dataset.trialSites.filter((row) => row.siteId === siteId).map((row) => row.trialId);
const sitesOf = (trialId: string) => dataset.trialSites.filter((row) => row.trialId === trialId).map((row) => row.siteId);

function findShape() {
  for (const { siteId: x } of dataset.trialSites) {
    for (const t1 of trialsAt(x)) {
      const a = sponsorOf.get(t1)!;
      const t2 = trialsAt(x).find((trial) => trial !== t1 && sponsorOf.get(trial) === a);
      const w = t2 && sitesOf(t2).find((site) => site !== x && !sitesOf(t1).includes(site));
      const y = sitesOf(t1).find((site) => site !== x && site !== w);
      if (t2 && w && y) return { x, y, w, t1, t2, a };
    }
  }
  throw new Error('The generated dataset has no site of the shape these tests need');
}
const { x: X, y: Y, w: W, t1: T1, t2: T2, a: SPONSOR_A } = findShape();

let answered = 0;
const answers = (trialId: string, siteId: string, count: number): SurveyResponseRecord[] =>
  Array.from({ length: count }, () => ({
    clientResponseId: `attack-${++answered}`,
    trialId,
    siteId,
    visitNumber: 2,
    submittedMonth: '2026-03',
    burden: { travel: 2, visitLength: 3, procedures: 2, scheduling: 1, cost: 2 },
    understanding: 4,
    wouldRecommend: true,
    discontinuationReason: null,
  }));
dataset.surveyResponses = [
  ...dataset.surveyResponses.filter((response) => sponsorOf.get(response.trialId) !== SPONSOR_A),
  ...answers(T1, X, 8),
  ...answers(T1, Y, 6),
  ...answers(T2, X, 7),
  ...answers(T2, W, 2),
];

const trialIds = [...new Set(dataset.trials.map((trial) => trial.id))].sort();
const siteIds = [...new Set(dataset.surveyResponses.map((response) => response.siteId))].sort();

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(dataset, { PATIENT_EXPERIENCE_MIN_RESPONDENTS: String(k) });
});
afterAll(() => stack?.shutdown());

type Caller = [PartyKind, string];

/** A figure of the table: a cell, a site total (trial null), a trial total (site null). */
const key = (trialId: string | null, siteId: string | null) => JSON.stringify([trialId, siteId]);

/** The table the caller may ask for: its trials (columns), sites (rows), and which totals it gets. */
interface Table {
  trials: string[];
  sites: string[];
  trialTotals: boolean;
  siteTotals: boolean;
}

function tableOf([party, orgId]: Caller): Table {
  if (party === 'SITE') return { trials: trialIds, sites: [orgId], trialTotals: false, siteTotals: true };
  if (party === 'SPONSOR') {
    const own = trialIds.filter((trial) => sponsorOf.get(trial) === orgId);
    const sites = siteIds.filter((site) => dataset.surveyResponses.some((r) => r.siteId === site && own.includes(r.trialId)));
    return { trials: own, sites, trialTotals: true, siteTotals: true };
  }
  return { trials: trialIds, sites: siteIds, trialTotals: true, siteTotals: true };
}

type Shown = Map<string, number | null>;
const alias = (prefix: string, i: number) => `${prefix}${i}`;
const FIELDS = 'respondents';

/** Sites per request: every service refuses more than 15 aliased fields in one operation (platform/operation-limits.ts). */
const SITES_PER_REQUEST = 10;

function inChunks<T>(items: readonly T[]): { items: T[]; offset: number }[] {
  const chunks: { items: T[]; offset: number }[] = [];
  for (let offset = 0; offset < items.length; offset += SITES_PER_REQUEST) chunks.push({ items: items.slice(offset, offset + SITES_PER_REQUEST), offset });
  return chunks.length > 0 ? chunks : [{ items: [], offset: 0 }];
}

/**
 * Every figure of the table, straight from the insights subgraph (_entities, as a partner system
 * may): every trial and site in each request, the cells a chunk of sites at a time.
 */
async function askInsights(caller: Caller, table: Table): Promise<Shown> {
  const shown: Shown = new Map();
  for (const chunk of inChunks(table.sites)) {
    const cells = chunk.items.map((site, i) => `${alias('s', i)}: patientExperience(siteId: "${site}") { ${FIELDS} }`).join(' ');
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Trial { whole: patientExperience { ${FIELDS} } ${cells} }
      ... on Site { whole: patientExperience { ${FIELDS} } } } }`;
    const r = [...table.trials.map((id) => ({ __typename: 'Trial', id })), ...table.sites.map((id) => ({ __typename: 'Site', id }))];
    const { data, errors } = await postGraphQL(stack.subgraphUrls.insights, query, { r }, await as(...caller));
    expect(errors?.filter((error) => error.extensions?.code !== 'FORBIDDEN') ?? []).toEqual([]);
    table.trials.forEach((trial, t) => {
      const entity = data._entities[t];
      // A site's view of a trial is its own cell; the trial's column is not its to see.
      if (table.trialTotals) shown.set(key(trial, null), entity.whole?.respondents ?? null);
      chunk.items.forEach((site, s) => shown.set(key(trial, site), entity[alias('s', s)]?.respondents ?? null));
    });
    table.sites.forEach((site, s) => shown.set(key(null, site), data._entities[table.trials.length + s].whole?.respondents ?? null));
  }
  return shown;
}

/** The same figures through the gateway, as far as the gateway reaches them for the caller: a trial at a time. */
async function askGateway(caller: Caller, table: Table): Promise<Shown> {
  const shown: Shown = new Map();
  const ask = async (query: string) => (await stack.query(query, {}, await as(...caller))).data;
  for (const trial of table.trials) {
    for (const chunk of inChunks(table.sites)) {
      const cells = chunk.items.map((site, i) => `${alias('s', i)}: patientExperience(siteId: "${site}") { ${FIELDS} }`).join(' ');
      const entity = (await ask(`{ trial(id: "${trial}") { whole: patientExperience { ${FIELDS} } ${cells} } }`))?.trial;
      if (!entity) continue;
      if (table.trialTotals) shown.set(key(trial, null), entity.whole?.respondents ?? null);
      chunk.items.forEach((site, s) => shown.set(key(trial, site), entity[alias('s', s)]?.respondents ?? null));
    }
  }
  for (const chunk of inChunks(table.sites)) {
    const data = await ask(`{ ${chunk.items.map((site, s) => `${alias('r', s)}: site(id: "${site}") { patientExperience { ${FIELDS} } }`).join(' ')} }`);
    chunk.items.forEach((site, s) => {
      const entity = data?.[alias('r', s)];
      if (entity) shown.set(key(null, site), entity.patientExperience?.respondents ?? null);
    });
  }
  return shown;
}

/** The table's lines: a total and the figures it adds up (rows, columns, and the grand total's two). */
function linesOf(table: Table) {
  const GRAND = key(null, null);
  const lines: { total: string; members: string[] }[] = [];
  if (table.siteTotals) {
    for (const site of table.sites) lines.push({ total: key(null, site), members: table.trials.map((trial) => key(trial, site)) });
    lines.push({ total: GRAND, members: table.sites.map((site) => key(null, site)) });
  }
  if (table.trialTotals) {
    for (const trial of table.trials) lines.push({ total: key(trial, null), members: table.sites.map((site) => key(trial, site)) });
    lines.push({ total: GRAND, members: table.trials.map((trial) => key(trial, null)) });
  }
  return lines;
}

const small = (n: number) => n >= 1 && n < k;

/**
 * What the attacker learns: the shown figures, then whatever a line lets it work out (every figure
 * of the line known but one), until nothing more follows. Every difference it can form along a
 * line with a known total is checked: the total minus each known member, and minus all of them.
 * Returns the small groups found and how many differences were tried.
 */
function attack(table: Table, shown: Shown) {
  const known = new Map([...shown].filter((entry): entry is [string, number] => entry[1] !== null));
  // The worst-case attacker also knows which cells are empty (which trials run where is public).
  for (const trial of table.trials) {
    for (const site of table.sites) {
      if (!dataset.surveyResponses.some((r) => r.trialId === trial && r.siteId === site)) known.set(key(trial, site), 0);
    }
  }
  const lines = linesOf(table);
  let learned = true;
  while (learned) {
    learned = false;
    for (const { total, members } of lines) {
      const unknown = [total, ...members].filter((figure) => !known.has(figure));
      if (unknown.length !== 1) continue;
      const sum = members.reduce((acc, figure) => acc + (known.get(figure) ?? 0), 0);
      known.set(unknown[0], unknown[0] === total ? sum : known.get(total)! - sum);
      learned = true;
    }
  }
  const groups: string[] = [];
  let tried = 0;
  // A figure worked out rather than shown is itself a difference of shown ones.
  for (const [figure, n] of known) {
    if (n === 0 || (shown.get(figure) !== undefined && shown.get(figure) !== null)) continue;
    tried += 1;
    if (small(n)) groups.push(`${figure} worked out as ${n}`);
  }
  for (const { total, members } of lines) {
    const whole = known.get(total);
    if (whole === undefined) continue;
    const parts = members.filter((figure) => known.has(figure));
    for (const part of parts) {
      tried += 1;
      if (small(whole - known.get(part)!)) groups.push(`${total} − ${part} = ${whole - known.get(part)!}`);
    }
    tried += 1;
    const rest = whole - parts.reduce((acc, figure) => acc + known.get(figure)!, 0);
    if (small(rest)) groups.push(`${total} − its ${parts.length} known figures = ${rest}`);
  }
  return { groups, tried };
}

const CALLERS: [string, Caller][] = [
  ['a platform admin', ['PLATFORM_ADMIN', 'platform']],
  ['a patient advocate', ['PATIENT_ADVOCATE', 'advocates-01']],
  ['the sponsor of the hand-counted trials', ['SPONSOR', SPONSOR_A]],
  ['another sponsor', ['SPONSOR', dataset.trials.find((trial) => trial.sponsorId !== SPONSOR_A)!.sponsorId]],
  ['a site with two of those trials', ['SITE', X]],
  ['a site with one of them', ['SITE', Y]],
  ['a site with a small cell', ['SITE', W]],
];

const attackCases: Record<string, number> = {};
afterAll(() => console.info(`Attack cases (differences tried) per caller:\n${Object.entries(attackCases).map(([who, n]) => `  ${who}: ${n}`).join('\n')}`));

test.each(CALLERS)('%s can work out no group of 1 to k − 1 from every aggregate it may see, asked all at once', async (who, caller) => {
  const table = tableOf(caller);
  const shown = await askInsights(caller, table);
  // Every figure of the table was answered, shown or suppressed (a site under k sees nothing shown).
  expect(shown.size).toBe((table.trials.length + 1) * table.sites.length + (table.trialTotals ? table.trials.length : 0));
  const { groups, tried } = attack(table, shown);
  attackCases[who] = tried;
  expect(groups).toEqual([]);
});

test.each(CALLERS)('%s is shown the same figures through the gateway and one at a time as all at once', async (_, caller) => {
  const table = tableOf(caller);
  const all = await askInsights(caller, table);
  const viaGateway = await askGateway(caller, table);
  for (const [figure, n] of viaGateway) expect([figure, n]).toEqual([figure, all.get(figure)]);
  // One trial's figures asked on their own: the same pattern as in the whole table.
  const one = await askInsights(caller, { ...table, trials: table.trials.slice(0, 1) });
  for (const [figure, n] of one) expect([figure, n]).toEqual([figure, all.get(figure)]);
});

test('the sponsor of the hand-counted trials no longer learns the two answers at W by subtraction', async () => {
  const shown = await askInsights(['SPONSOR', SPONSOR_A], tableOf(['SPONSOR', SPONSOR_A]));
  expect(shown.get(key(T2, W))).toBeNull();
  const known = (figure: string) => shown.get(figure) ?? null;
  // Before: T2 9, X (A's trials) 15, T1 at X 8: so T2 at X 7, and T2 at W 9 − 7 = 2.
  const leaked = [key(T2, null), key(null, X), key(T1, X)].every((figure) => known(figure) !== null);
  expect(leaked).toBe(false);
});
