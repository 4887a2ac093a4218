// Small-cell suppression for patient-experience aggregates: every rule that decides what of a
// tally may be shown lives here, as pure functions, so it can be tested at its edges (k − 1, k).
import type { DiscontinuationReason } from './entities';

export const BURDEN_DIMENSIONS = ['TRAVEL', 'VISIT_LENGTH', 'PROCEDURES', 'SCHEDULING', 'COST'] as const;
export type BurdenDimension = (typeof BURDEN_DIMENSIONS)[number];

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

export interface ReasonCount {
  reason: DiscontinuationReason;
  respondents: number;
}

/** The PatientExperience type of the schema. */
export interface PatientExperience {
  suppressed: boolean;
  minimumRespondents: number;
  respondents: number | null;
  meanBurden: number | null;
  burdenByDimension: { dimension: BurdenDimension; mean: number }[] | null;
  understandingScore: number | null;
  recommendRate: number | null;
  discontinuationReasons: ReasonCount[] | null;
}

/**
 * Reason rows that are safe to show: a reason given by at least k respondents is its own row;
 * smaller reasons are pooled into OTHER with OTHER's own respondents, and that pool is shown only
 * when it reaches k. Respondents who did not stop never appear, so no row is a difference of two
 * served figures.
 */
export function discontinuationRows(discontinued: ExperienceTally['discontinued'], k: number): ReasonCount[] {
  const rows: ReasonCount[] = [];
  let pooled = 0;
  for (const reason of REASONS) {
    const respondents = discontinued[reason] ?? 0;
    if (reason !== 'OTHER' && respondents >= k) rows.push({ reason, respondents });
    else pooled += respondents;
  }
  if (pooled >= k) rows.push({ reason: 'OTHER', respondents: pooled });
  return rows;
}

/**
 * The aggregate as served: under k respondents (or none at all) it says only that it is
 * suppressed and what k was; every figure, the count included, is null.
 */
export function patientExperience(tally: ExperienceTally | null, k: number): PatientExperience {
  if (tally === null || tally.respondents < k) {
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
    discontinuationReasons: discontinuationRows(tally.discontinued, k),
  };
}
