import type { DataSource } from 'typeorm';
import type { DiscontinuationReason } from './entities';
import type { AggregateView } from './access';
import type { ResponseScope } from './response-scope';
import type { ExperienceTally, ViewCell } from './suppression';

/** A row of TALLY_SQL: a figure asked about (its key), or a cell of the caller's table (key null). */
interface TallyRow {
  key: string | null;
  trial_id: string | null;
  site_id: string | null;
  respondents: number;
  travel: number;
  visit_length: number;
  procedures: number;
  scheduling: number;
  cost: number;
  mean_burden: number;
  understanding: number;
  recommend_rate: number;
  discontinued: Partial<Record<DiscontinuationReason, number>>;
}

// One statement for a whole batch of scopes, reading each response once: the first step sums the
// responses of the trials and sites asked about per (trial, site, reason), the second adds those
// sums up per (scope, reason) for the cells each scope is made of, the last rolls them up per
// scope, so the means and the reason counts come out together. Rounding happens here, on numeric,
// so 2.675 rounds to 2.68. The caller's whole table (respondents per trial × site of the responses
// in its view, what suppression is decided over) is tallied by a step of its own in the same
// statement when it is asked for, as rows with no key after the figures: it is needed with the
// request's first figures, and a statement of its own was one more round trip. When it is not
// asked for, its view is empty and the step reads nothing.
const TALLY_SQL = `
  WITH cells AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS cell(scope, trial_id, site_id)
  ),
  per_cell AS (
    SELECT trial_id, site_id,
      discontinuation_reason AS reason,
      count(*)::numeric AS n,
      sum(burden_travel)::numeric AS travel,
      sum(burden_visit_length)::numeric AS visit_length,
      sum(burden_procedures)::numeric AS procedures,
      sum(burden_scheduling)::numeric AS scheduling,
      sum(burden_cost)::numeric AS cost,
      sum(understanding)::numeric AS understanding,
      count(*) FILTER (WHERE would_recommend)::numeric AS recommending
    FROM survey_responses
    WHERE trial_id = ANY($4::text[]) OR site_id = ANY($5::text[])
    GROUP BY 1, 2, 3
  ),
  per_reason AS (
    SELECT cells.scope AS key, per_cell.reason,
      sum(n) AS n, sum(travel) AS travel, sum(visit_length) AS visit_length, sum(procedures) AS procedures,
      sum(scheduling) AS scheduling, sum(cost) AS cost, sum(understanding) AS understanding,
      sum(recommending) AS recommending
    FROM cells
    JOIN per_cell
      ON (cells.trial_id IS NULL OR per_cell.trial_id = cells.trial_id)
     AND (cells.site_id IS NULL OR per_cell.site_id = cells.site_id)
    GROUP BY 1, 2
  ),
  figures AS (
    SELECT key,
      sum(n)::int AS respondents,
      round(sum(travel) / sum(n), 2)::float8 AS travel,
      round(sum(visit_length) / sum(n), 2)::float8 AS visit_length,
      round(sum(procedures) / sum(n), 2)::float8 AS procedures,
      round(sum(scheduling) / sum(n), 2)::float8 AS scheduling,
      round(sum(cost) / sum(n), 2)::float8 AS cost,
      round((sum(travel) + sum(visit_length) + sum(procedures) + sum(scheduling) + sum(cost)) / (5 * sum(n)), 2)::float8 AS mean_burden,
      round(sum(understanding) / sum(n), 2)::float8 AS understanding,
      round(sum(recommending) / sum(n), 3)::float8 AS recommend_rate,
      coalesce(jsonb_object_agg(reason, n) FILTER (WHERE reason IS NOT NULL), '{}'::jsonb) AS discontinued
    FROM per_reason
    GROUP BY key
  ),
  table_cells AS (
    SELECT trial_id, site_id, count(*)::int AS respondents
    FROM survey_responses
    WHERE $6::boolean OR trial_id = ANY($7::text[]) OR site_id = ANY($8::text[])
    GROUP BY 1, 2
  )
  SELECT key, NULL AS trial_id, NULL AS site_id, respondents, travel, visit_length, procedures, scheduling, cost,
    mean_burden, understanding, recommend_rate, discontinued
  FROM figures
  UNION ALL
  SELECT NULL, trial_id, site_id, respondents, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM table_cells`;

/** The figures of a row that tallies a scope. */
const experienceOf = (row: TallyRow): ExperienceTally => ({
  respondents: row.respondents,
  meanBurden: row.mean_burden,
  burdenByDimension: {
    TRAVEL: row.travel,
    VISIT_LENGTH: row.visit_length,
    PROCEDURES: row.procedures,
    SCHEDULING: row.scheduling,
    COST: row.cost,
  },
  understandingScore: row.understanding,
  recommendRate: row.recommend_rate,
  discontinued: row.discontinued,
});

/** What one statement tallied: the figures of the scopes asked about, and the caller's table if its view was given. */
export interface Tallies {
  /** A scope no response falls in has no figure. */
  figures: (ExperienceTally & { key: string })[];
  /** The non-empty cells of the caller's table (AggregateView); none when no view was given. */
  table: ViewCell[];
}

/**
 * Patient-experience tallies for the given scopes and, when `view` is given, the cells of the
 * caller's table over which suppression is decided: one statement, none when there is nothing to read.
 */
export async function tallyExperience(db: DataSource, scopes: readonly ResponseScope[], view: AggregateView | null): Promise<Tallies> {
  const cells = scopes.flatMap((scope) => scope.cells.map((cell) => ({ scope: scope.key, ...cell })));
  const tableView = view ?? { everyResponse: false, trialIds: [], siteIds: [] };
  // A sponsor with no trials at a site asks about an empty scope; with no table to read either
  // (none asked for, or one of no trials or sites), there is nothing to read.
  if (cells.length === 0 && !tableView.everyResponse && tableView.trialIds.length === 0 && tableView.siteIds.length === 0) {
    return { figures: [], table: [] };
  }
  const present = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
  const rows: TallyRow[] = await db.query(TALLY_SQL, [
    cells.map((cell) => cell.scope),
    cells.map((cell) => cell.trialId),
    cells.map((cell) => cell.siteId),
    present(cells.map((cell) => cell.trialId)),
    present(cells.map((cell) => cell.siteId)),
    tableView.everyResponse,
    tableView.trialIds,
    tableView.siteIds,
  ]);
  const figures = rows.flatMap((row) => (row.key === null ? [] : [{ key: row.key, ...experienceOf(row) }]));
  const tableCells = rows.flatMap((row) =>
    row.key === null ? [{ trialId: row.trial_id!, siteId: row.site_id!, respondents: row.respondents }] : [],
  );
  return { figures, table: tableCells };
}
