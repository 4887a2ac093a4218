import type { DataSource } from 'typeorm';
import type { DiscontinuationReason } from './entities';
import type { AggregateView } from './access';
import type { ResponseScope } from './response-scope';
import type { ExperienceTally, ViewCell } from './suppression';

interface TallyRow {
  key: string;
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
// so 2.675 rounds to 2.68.
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
  )
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
  GROUP BY key`;

/** Patient-experience tallies for the given scopes; a scope no response falls in has no tally. */
export async function tallyExperience(
  db: DataSource,
  scopes: readonly ResponseScope[],
): Promise<(ExperienceTally & { key: string })[]> {
  const cells = scopes.flatMap((scope) => scope.cells.map((cell) => ({ scope: scope.key, ...cell })));
  // A sponsor with no trials at a site asks about an empty scope: nothing to read.
  if (cells.length === 0) return [];
  const present = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
  const rows: TallyRow[] = await db.query(TALLY_SQL, [
    cells.map((cell) => cell.scope),
    cells.map((cell) => cell.trialId),
    cells.map((cell) => cell.siteId),
    present(cells.map((cell) => cell.trialId)),
    present(cells.map((cell) => cell.siteId)),
  ]);
  return rows.map((row) => ({
    key: row.key,
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
  }));
}

// The caller's whole table in one statement: respondents per trial × site of the responses in its
// view, so suppression can be decided over every figure it could ask for, not only those asked.
const VIEW_SQL = `
  SELECT trial_id, site_id, count(*)::int AS respondents
  FROM survey_responses
  WHERE $1::boolean OR trial_id = ANY($2::text[]) OR site_id = ANY($3::text[])
  GROUP BY 1, 2
  ORDER BY 1, 2`;

/** The cells of the caller's table (AggregateView), non-empty ones only. */
export async function tallyView(db: DataSource, view: AggregateView): Promise<ViewCell[]> {
  if (!view.everyResponse && view.trialIds.length === 0 && view.siteIds.length === 0) return [];
  const rows: { trial_id: string; site_id: string; respondents: number }[] = await db.query(VIEW_SQL, [
    view.everyResponse,
    view.trialIds,
    view.siteIds,
  ]);
  return rows.map((row) => ({ trialId: row.trial_id, siteId: row.site_id, respondents: row.respondents }));
}
