// Designed burden of a protocol's schedule (DESIGN.md, measures): per visit, hours + 1 per invasive
// procedure + 0.5 per patient-reported questionnaire; the score is the sum over the visits. It is
// computed from the protocol the sponsors subgraph hands over through @requires: no SQL.

import type { PatientBurden, ProtocolVersion, VisitBurden } from './generated/resolvers';

/** The protocol fields Trial.patientBurden @requires (its @external fields in the SDL). */
export type RequiredProtocol = ProtocolVersion;

const QUESTIONNAIRE_WEIGHT = 0.5;

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Null when the trial has no protocol in force, or its schedule is not written down (a protocol
 * imported from ClinicalTrials.gov has no visits): an unknown schedule is not a burden of 0.
 */
export function patientBurden(protocol: RequiredProtocol | null | undefined): PatientBurden | null {
  if (!protocol || protocol.visits.length === 0) return null;
  const procedures = new Map(protocol.procedures.map((procedure) => [procedure.name, procedure]));
  const visits = [...protocol.visits]
    .sort((a, b) => a.number - b.number)
    .map((visit): VisitBurden => {
      const performed = visit.procedures.map((name) => procedures.get(name));
      const hours = visit.durationMinutes / 60;
      const invasiveProcedures = performed.filter((procedure) => procedure?.invasive).length;
      const questionnaires = performed.filter((procedure) => procedure?.patientReported).length;
      return {
        visitNumber: visit.number,
        hours: round2(hours),
        invasiveProcedures,
        questionnaires,
        burden: round2(hours + invasiveProcedures + QUESTIONNAIRE_WEIGHT * questionnaires),
      };
    });
  // The sum of the served per-visit figures, so a reader adding them up gets the score.
  const score = round2(visits.reduce((sum, visit) => sum + visit.burden, 0));
  return { protocolVersion: protocol.version, score, visits };
}
