import type { DataSource } from 'typeorm';
import type { DiscontinuationReason } from './entities';
import type { ExperienceTally } from './suppression';

/** What patient experience is grouped by; a fixed column name, never caller input. */
export type ExperienceGrouping = 'trial_id' | 'site_id';

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

// One statement for a whole batch of trials or sites, reading each response once: the inner
// query sums per (key, reason), the outer one rolls those sums up per key, so the means and the
// reason counts come out together. Rounding happens here, on numeric, so 2.675 rounds to 2.68.
const tallySql = (groupBy: ExperienceGrouping) => `
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
  FROM (
    SELECT ${groupBy} AS key,
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
    WHERE ${groupBy} = ANY($1::text[])
    GROUP BY 1, 2
  ) per_reason
  GROUP BY key`;

/** Patient-experience tallies for the given trials or sites; a key with no responses has no tally. */
export async function tallyExperience(
  db: DataSource,
  groupBy: ExperienceGrouping,
  keys: readonly string[],
): Promise<(ExperienceTally & { key: string })[]> {
  const rows: TallyRow[] = await db.query(tallySql(groupBy), [[...keys]]);
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
