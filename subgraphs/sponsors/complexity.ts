// Protocol complexity after the Tufts CSDD design variables (their Phase III average is 35 distinct
// and 187 total procedures). The raw counts are kept beside the points so the thresholds below can
// change without losing what they were computed from.
import type { ProtocolProcedure, ScheduledVisit } from './entities';
import { procedureFrequencies } from './protocol';

export type ComplexityFactorKind =
  | 'DISTINCT_PROCEDURES'
  | 'TOTAL_PROCEDURES'
  | 'PLANNED_VISITS'
  | 'ELIGIBILITY_CRITERIA'
  | 'ENDPOINTS'
  | 'COUNTRIES';

/**
 * The one threshold table: a count up to `standardUpTo` scores 0 (standard), up to `moderateUpTo`
 * 1 (moderate), above it 2 (high). In the order the breakdown is served.
 */
export const COMPLEXITY_THRESHOLDS: readonly { factor: ComplexityFactorKind; standardUpTo: number; moderateUpTo: number }[] = [
  { factor: 'DISTINCT_PROCEDURES', standardUpTo: 20, moderateUpTo: 35 },
  { factor: 'TOTAL_PROCEDURES', standardUpTo: 100, moderateUpTo: 190 },
  { factor: 'PLANNED_VISITS', standardUpTo: 12, moderateUpTo: 24 },
  { factor: 'ELIGIBILITY_CRITERIA', standardUpTo: 15, moderateUpTo: 30 },
  { factor: 'ENDPOINTS', standardUpTo: 5, moderateUpTo: 13 },
  { factor: 'COUNTRIES', standardUpTo: 1, moderateUpTo: 10 },
];

/** What complexity reads from a protocol version. */
export interface ProtocolDesign {
  visits: readonly ScheduledVisit[];
  procedures: readonly ProtocolProcedure[];
  inclusionCriteriaCount: number | null;
  exclusionCriteriaCount: number | null;
  primaryEndpoints: number;
  secondaryEndpoints: number;
  otherEndpoints: number;
  countries: readonly string[];
}

export interface ComplexityFactor {
  factor: ComplexityFactorKind;
  value: number | null;
  points: number | null;
}

export interface ProtocolComplexity {
  score: number;
  maxScore: number;
  breakdown: ComplexityFactor[];
}

/**
 * The raw count behind each factor, null where the protocol does not say. An empty schedule,
 * procedure list, country list or endpoint tally is a protocol that has not been written down
 * (as in a ClinicalTrials.gov import), not one with nothing in it, so it is unknown rather than 0.
 */
export function complexityCounts(design: ProtocolDesign): Record<ComplexityFactorKind, number | null> {
  const knownProcedures = design.procedures.length > 0;
  const knownVisits = design.visits.length > 0;
  const frequency = procedureFrequencies(design.visits);
  const endpoints = design.primaryEndpoints + design.secondaryEndpoints + design.otherEndpoints;
  return {
    DISTINCT_PROCEDURES: knownProcedures ? design.procedures.length : null,
    TOTAL_PROCEDURES:
      knownProcedures && knownVisits
        ? design.procedures.reduce((total, procedure) => total + (frequency.get(procedure.name) ?? 0), 0)
        : null,
    PLANNED_VISITS: knownVisits ? design.visits.length : null,
    ELIGIBILITY_CRITERIA:
      design.inclusionCriteriaCount === null || design.exclusionCriteriaCount === null
        ? null
        : design.inclusionCriteriaCount + design.exclusionCriteriaCount,
    ENDPOINTS: endpoints > 0 ? endpoints : null,
    COUNTRIES: design.countries.length > 0 ? design.countries.length : null,
  };
}

/** Points of one factor's count: 0, 1 or 2 by the threshold table. */
export function complexityPoints(count: number, bounds: { standardUpTo: number; moderateUpTo: number }): number {
  if (count <= bounds.standardUpTo) return 0;
  return count <= bounds.moderateUpTo ? 1 : 2;
}

/** The score sums the known factors only; maxScore says out of how much, so unknowns never read as 0. */
export function protocolComplexity(design: ProtocolDesign): ProtocolComplexity {
  const counts = complexityCounts(design);
  const breakdown = COMPLEXITY_THRESHOLDS.map((bounds): ComplexityFactor => {
    const value = counts[bounds.factor];
    return { factor: bounds.factor, value, points: value === null ? null : complexityPoints(value, bounds) };
  });
  const known = breakdown.filter((factor) => factor.points !== null);
  return {
    score: known.reduce((score, factor) => score + (factor.points ?? 0), 0),
    maxScore: 2 * known.length,
    breakdown,
  };
}
