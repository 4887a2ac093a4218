// Small-cell suppression for patient-experience aggregates: every rule that decides what of a
// tally may be shown lives here, as pure functions, so it can be tested at its edges (k − 1, k).
import type { DiscontinuationReason } from './entities';
import type { BurdenDimension, PatientExperience, ReasonCount } from './generated/resolvers';

/** The order dimensions are served in: the schema's. */
export const BURDEN_DIMENSIONS: readonly BurdenDimension[] = ['TRAVEL', 'VISIT_LENGTH', 'PROCEDURES', 'SCHEDULING', 'COST'];

/** The order reason rows are served in: the schema's, OTHER last. */
const REASONS: readonly DiscontinuationReason[] = ['BURDEN', 'ADVERSE_EVENT', 'TRAVEL', 'LACK_OF_EFFECT', 'PERSONAL', 'OTHER'];

/** What the database tallied for one trial or site, before anything is withheld. Never served as is. */
export interface ExperienceTally {
  respondents: number;
  meanBurden: number;
  burdenByDimension: Record<BurdenDimension, number>;
  understandingScore: number;
  recommendRate: number;
  /** Respondents per reason they gave for stopping; those who did not stop are in no entry. */
  discontinued: Partial<Record<DiscontinuationReason, number>>;
}

/**
 * Between 1 and k − 1: what taking a narrowed aggregate out of a wider one leaves must not be a
 * small group, or subtracting the two served figures would describe it (complementary suppression).
 */
const singlesOutSmallGroup = (wider: number, narrowed: number, k: number) => {
  const remainder = wider - narrowed;
  return remainder >= 1 && remainder < k;
};

const respondentsFor = (discontinued: ExperienceTally['discontinued'], reasons: readonly DiscontinuationReason[]) =>
  reasons.reduce((sum, reason) => sum + (discontinued[reason] ?? 0), 0);

/**
 * Reason rows that are safe to show: a reason given by at least k respondents is its own row;
 * smaller reasons are pooled into OTHER with OTHER's own respondents, and that pool is shown only
 * when it reaches k. Respondents who did not stop never appear, so no row is a difference of two
 * served figures. `wider` are the reason counts of wider aggregates the same caller sees: a row is
 * left out when, against any of them, it would single out a small group by subtraction.
 */
export function discontinuationRows(
  discontinued: ExperienceTally['discontinued'],
  k: number,
  wider: readonly ExperienceTally['discontinued'][] = [],
): ReasonCount[] {
  const shown = (reasons: readonly DiscontinuationReason[]) => {
    const respondents = respondentsFor(discontinued, reasons);
    return respondents >= k && wider.every((counts) => !singlesOutSmallGroup(respondentsFor(counts, reasons), respondents, k));
  };
  const rows: ReasonCount[] = [];
  const pooled: DiscontinuationReason[] = [];
  for (const reason of REASONS) {
    if (reason !== 'OTHER' && (discontinued[reason] ?? 0) >= k) {
      if (shown([reason])) rows.push({ reason, respondents: discontinued[reason]! });
    } else {
      pooled.push(reason);
    }
  }
  if (shown(pooled)) rows.push({ reason: 'OTHER', respondents: respondentsFor(discontinued, pooled) });
  return rows;
}

/**
 * The aggregate as served: under k respondents (or none at all) it says only that it is
 * suppressed and what k was; every figure, the count included, is null. `wider` are the tallies of
 * wider aggregates the same caller can see that contain this one (a whole trial around one of its
 * sites): their reason counts hold back reason rows. `withheldInView` is what suppression over the
 * caller's whole table decided for this figure (withheldFigures); without it, the aggregate is
 * also suppressed when taking it out of any wider one leaves 1 to k − 1 respondents.
 */
export function patientExperience(
  tally: ExperienceTally | null,
  k: number,
  wider: readonly (ExperienceTally | null)[] = [],
  withheldInView?: boolean,
): PatientExperience {
  if (
    tally === null ||
    tally.respondents < k ||
    (withheldInView ?? wider.some((container) => singlesOutSmallGroup(container?.respondents ?? 0, tally.respondents, k)))
  ) {
    return {
      suppressed: true,
      minimumRespondents: k,
      respondents: null,
      meanBurden: null,
      burdenByDimension: null,
      understandingScore: null,
      recommendRate: null,
      discontinuationReasons: null,
    };
  }
  return {
    suppressed: false,
    minimumRespondents: k,
    respondents: tally.respondents,
    meanBurden: tally.meanBurden,
    burdenByDimension: BURDEN_DIMENSIONS.map((dimension) => ({ dimension, mean: tally.burdenByDimension[dimension] })),
    understandingScore: tally.understandingScore,
    recommendRate: tally.recommendRate,
    discontinuationReasons: discontinuationRows(
      tally.discontinued,
      k,
      wider.map((container) => container?.discontinued ?? {}),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Complementary suppression over the caller's whole view. The aggregates a caller can ask for form
// a table: trial × site cells, site totals (rows), trial totals (columns), and a grand total the
// caller can add up. Which of them are withheld is decided once over that whole table, the way
// statistical agencies protect a published table (primary suppression under k, then secondary
// suppression along every line), so the pattern does not depend on which figures a query asks for
// and no line's shown figures leave a small group by subtraction.

/** One cell of the caller's table: the respondents of one trial at one site. */
export interface ViewCell {
  trialId: string;
  siteId: string;
  respondents: number;
}

/** The caller's table: its non-empty cells, and which totals it can ask for besides them. */
export interface ViewTable {
  cells: readonly ViewCell[];
  /** Site totals (a row each), over the cells of the table only. */
  siteTotals: boolean;
  /** Trial totals (a column each), over the cells of the table only. */
  trialTotals: boolean;
}

/** A figure of the table: a cell, a site's row total (trialId null) or a trial's column total (siteId null). */
export interface ViewFigure {
  trialId: string | null;
  siteId: string | null;
}

export const figureKey = ({ trialId, siteId }: ViewFigure) => JSON.stringify([trialId, siteId]);

/** A line of the table: a total and the figures it adds up. */
interface Line {
  total: string;
  members: string[];
}

/** Every figure of the table with its respondents, and the lines (rows, columns, totals) they add up along. */
function tableLines(table: ViewTable) {
  const respondents = new Map<string, number>();
  const add = (key: string, n: number) => respondents.set(key, (respondents.get(key) ?? 0) + n);
  const rows = new Map<string, string[]>();
  const columns = new Map<string, string[]>();
  const grand = figureKey({ trialId: null, siteId: null });
  // Each cell's key worked out once, not on every comparison of the sort.
  const cells = table.cells.filter((c) => c.respondents > 0).map((cell) => ({ cell, key: figureKey(cell) }));
  cells.sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const { cell, key } of cells) {
    add(key, cell.respondents);
    add(grand, cell.respondents);
    if (table.siteTotals) add(figureKey({ trialId: null, siteId: cell.siteId }), cell.respondents);
    if (table.trialTotals) add(figureKey({ trialId: cell.trialId, siteId: null }), cell.respondents);
    const row = rows.get(cell.siteId);
    if (row) row.push(key);
    else rows.set(cell.siteId, [key]);
    const column = columns.get(cell.trialId);
    if (column) column.push(key);
    else columns.set(cell.trialId, [key]);
  }
  const lines: Line[] = [];
  if (table.siteTotals) {
    for (const [siteId, members] of rows) lines.push({ total: figureKey({ trialId: null, siteId }), members });
    lines.push({ total: grand, members: [...rows.keys()].map((siteId) => figureKey({ trialId: null, siteId })) });
  }
  if (table.trialTotals) {
    for (const [trialId, members] of columns) lines.push({ total: figureKey({ trialId, siteId: null }), members });
    lines.push({ total: grand, members: [...columns.keys()].map((trialId) => figureKey({ trialId, siteId: null })) });
  }
  return { respondents, lines, grand };
}

/**
 * The figures of the caller's table to withhold (their keys), decided over the whole table:
 * every figure under k (primary suppression); then, along every line, while the line's withheld
 * figures are exactly one (it could be worked out from the rest) or, with the total shown, add up
 * to 1..k − 1 (the total minus the shown figures would describe a small group), the line's
 * smallest shown figure is withheld too, ties broken by key, the total last; repeated until no
 * line changes. The grand total is never served: it is known only while the caller can add it up
 * from a line of totals it is shown whole. Empty figures protect nothing and are never needed.
 */
export function withheldFigures(table: ViewTable, k: number): Set<string> {
  const { respondents, lines, grand } = tableLines(table);
  const withheld = new Set([...respondents].filter(([key, n]) => key !== grand && n < k).map(([key]) => key));
  const size = (key: string) => respondents.get(key) ?? 0;
  const bySize = (a: string, b: string) => size(a) - size(b) || (a < b ? -1 : a > b ? 1 : 0);
  // The grand total is never served: the caller knows it only by adding up a line of totals it is
  // shown whole. Until then a line that adds up to it leaves its withheld members unknown.
  const grandLines = lines.filter((line) => line.total === grand);
  const grandKnown = () => grandLines.some(({ members }) => members.every((key) => size(key) === 0 || !withheld.has(key)));
  const unknown = (key: string) => (key === grand ? !grandKnown() : withheld.has(key));
  let changed = true;
  while (changed) {
    changed = false;
    for (const { total, members } of lines) {
      for (;;) {
        const hidden = [total, ...members].filter((key) => unknown(key) && size(key) > 0);
        const hiddenMembers = members.filter((key) => withheld.has(key)).reduce((sum, key) => sum + size(key), 0);
        const revealing = hidden.length === 1 || (!unknown(total) && hiddenMembers > 0 && hiddenMembers < k);
        if (!revealing) break;
        const next =
          members.filter((key) => !withheld.has(key) && size(key) > 0).sort(bySize)[0] ??
          (total !== grand && !withheld.has(total) ? total : undefined);
        // Only a grand total with every member withheld is left: nothing it adds up to is shown.
        if (next === undefined) break;
        withheld.add(next);
        changed = true;
      }
    }
  }
  return withheld;
}

/** How many respondents a figure of the table covers (0 when no cell of the table is in it). */
export function figureRespondents(table: ViewTable, { trialId, siteId }: ViewFigure): number {
  let sum = 0;
  for (const cell of table.cells) {
    if ((trialId === null || cell.trialId === trialId) && (siteId === null || cell.siteId === siteId)) sum += cell.respondents;
  }
  return sum;
}
