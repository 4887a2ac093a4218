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
 * sites): when taking this one out of any of them leaves 1 to k − 1 respondents, it is suppressed
 * too, so no narrowing reveals a small group by subtraction.
 */
export function patientExperience(
  tally: ExperienceTally | null,
  k: number,
  wider: readonly (ExperienceTally | null)[] = [],
): PatientExperience {
  if (
    tally === null ||
    tally.respondents < k ||
    wider.some((container) => singlesOutSmallGroup(container?.respondents ?? 0, tally.respondents, k))
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
