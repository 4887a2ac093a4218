// A protocol's schedule of visits and procedures, sized by the trial's complexity level, and the
// amendments that change it. Used by the sponsors' protocols step; draws only from the dice it is given.

import type { ProtocolVersionRecord } from './model';
import { clamp } from './numbers';
import type { ComplexityLevel } from './context';
import type { Dice } from './random';
import {
  AREA_PROCEDURES,
  COMMON_PROCEDURES,
  CORE_PROCEDURES,
  EXTRA_PROCEDURES,
  type AmendmentReason,
  type ProcedureDefinition,
  type TherapeuticArea,
} from './reference-data';

/** A protocol version's schedule and counts while it is being designed or amended. */
export interface ProtocolDesign {
  visits: ProtocolVersionRecord['visits'];
  procedures: ProcedureDefinition[];
  inclusion: number;
  exclusion: number;
  endpoints: ProtocolVersionRecord['endpoints'];
}

/** Visits, distinct procedures, eligibility criteria and endpoints for low, medium and high complexity. */
const DESIGN_RANGES: Record<'visits' | 'distinct' | 'inclusion' | 'exclusion' | 'primary' | 'secondary' | 'other', [[number, number], [number, number], [number, number]]> = {
  visits: [[5, 11], [13, 22], [25, 30]],
  distinct: [[10, 18], [22, 32], [36, 44]],
  inclusion: [[3, 6], [6, 12], [10, 18]],
  exclusion: [[4, 8], [10, 17], [21, 32]],
  primary: [[1, 1], [1, 2], [1, 3]],
  secondary: [[1, 3], [4, 9], [10, 18]],
  other: [[0, 1], [0, 3], [2, 8]],
};
/** The share of visits a periodic procedure is scheduled at, by complexity level. */
const PERIODIC_SHARE: [number, number, number] = [0.3, 0.25, 0.2];

/** A schedule whose size follows the complexity level, each factor nudged a level up or down now and then. */
export function protocolDesign(dice: Dice, area: TherapeuticArea, level: ComplexityLevel): ProtocolDesign {
  const nudged = (): ComplexityLevel => (dice.chance(0.7) ? level : (clamp(level + (dice.chance(0.5) ? 1 : -1), 0, 2) as ComplexityLevel));
  const draw = (factor: keyof typeof DESIGN_RANGES, at: ComplexityLevel) => dice.int(DESIGN_RANGES[factor][at][0], DESIGN_RANGES[factor][at][1]);

  const visitCount = draw('visits', nudged());
  const distinct = draw('distinct', nudged());
  const share = PERIODIC_SHARE[level];

  const areaProcedures = dice.sample(AREA_PROCEDURES[area], dice.int(2, AREA_PROCEDURES[area].length));
  const others = dice.shuffle([...COMMON_PROCEDURES, ...EXTRA_PROCEDURES]);
  const procedures = [...CORE_PROCEDURES, ...areaProcedures, ...others].slice(0, distinct);

  const offsets: number[] = [-dice.int(7, 28), 1];
  while (offsets.length < visitCount) {
    const early = offsets.length < visitCount / 3;
    offsets.push(offsets[offsets.length - 1] + (early ? dice.int(7, 14) : dice.int(14, 56)));
  }
  const scheduled: string[][] = offsets.map(() => []);
  const afterScreening = offsets.map((_, v) => v).slice(1);
  for (const item of procedures) {
    if (item.schedule === 'SCREENING') scheduled[0].push(item.name);
    else if (item.schedule === 'CORE') scheduled.forEach((names) => names.push(item.name));
    else {
      // A periodic procedure at about `share` of the visits, sometimes also at screening.
      const times = clamp(Math.round(share * visitCount * dice.real(0.5, 1.5)), 1, afterScreening.length);
      const at = new Set(dice.sample(afterScreening, times));
      if (item.schedule === 'PERIODIC' && dice.chance(share)) at.add(0);
      scheduled.forEach((names, v) => {
        if (at.has(v)) names.push(item.name);
      });
    }
  }
  const visits = offsets.map((dayOffset, v) => ({
    number: v + 1,
    name: visitName(v, offsets.length, dayOffset),
    dayOffset,
    durationMinutes: 0,
    procedures: scheduled[v],
  }));
  const design: ProtocolDesign = {
    visits,
    procedures,
    inclusion: draw('inclusion', nudged()),
    exclusion: draw('exclusion', nudged()),
    endpoints: (() => {
      const at = nudged();
      return { primary: draw('primary', at), secondary: draw('secondary', at), other: draw('other', at) };
    })(),
  };
  return withDurations(design);
}

export function amend(dice: Dice, previous: ProtocolDesign, reason: AmendmentReason): ProtocolDesign {
  const design: ProtocolDesign = {
    visits: previous.visits.map((visit) => ({ ...visit, procedures: [...visit.procedures] })),
    procedures: [...previous.procedures],
    inclusion: previous.inclusion,
    exclusion: previous.exclusion,
    endpoints: { ...previous.endpoints },
  };
  switch (reason) {
    case 'Reduced visit frequency after site and patient feedback': {
      if (design.visits.length >= 7) {
        const removable = design.visits.slice(2, -1).map((visit) => visit.number);
        const removed = new Set(dice.sample(removable, dice.int(1, Math.min(3, design.visits.length - 5))));
        design.visits = design.visits.filter((visit) => !removed.has(visit.number));
        design.visits.forEach((visit, v) => {
          visit.number = v + 1;
          visit.name = visitName(v, design.visits.length, visit.dayOffset);
        });
      }
      break;
    }
    case 'Broadened eligibility criteria to improve recruitment':
      design.exclusion = Math.max(2, design.exclusion - dice.int(2, 5));
      design.inclusion = Math.max(2, design.inclusion - dice.int(0, 2));
      break;
    case 'Added safety monitoring requested by the Data Monitoring Committee': {
      const added = [...COMMON_PROCEDURES, ...EXTRA_PROCEDURES].find((item) => (item.name === '12-lead ECG' || item.name === 'Blood draw (clinical chemistry)' || item.name === 'Echocardiogram') && !design.procedures.includes(item));
      const name = added?.name ?? '12-lead ECG';
      if (added) design.procedures.push(added);
      design.visits.forEach((visit, v) => {
        if (v >= 1 && v % 2 === 1 && !visit.procedures.includes(name)) visit.procedures.push(name);
      });
      break;
    }
    case 'Added an exploratory endpoint':
      design.endpoints.other += dice.int(1, 2);
      break;
    case 'Removed redundant pharmacokinetic sampling':
      design.visits.forEach((visit) => {
        visit.procedures = visit.procedures.filter((name) => name !== 'Pharmacokinetic sampling');
      });
      break;
    default:
      break;
  }
  // A procedure is in the protocol only while some visit schedules it.
  const used = new Set(design.visits.flatMap((visit) => visit.procedures));
  design.procedures = design.procedures.filter((item) => used.has(item.name));
  return withDurations(design);
}

function visitName(index: number, count: number, dayOffset: number): string {
  if (index === 0) return 'Screening';
  if (index === 1) return 'Baseline (Day 1)';
  if (index === count - 1) return 'End of study';
  if (index === count - 2 && count >= 8) return 'End of treatment';
  return `Week ${Math.round(dayOffset / 7)}`;
}

/** A visit lasts its procedures plus check-in and waiting, between 30 minutes and 4 hours. */
function withDurations(design: ProtocolDesign): ProtocolDesign {
  const minutes = new Map(design.procedures.map((item) => [item.name, item.durationMinutes]));
  for (const visit of design.visits) {
    const total = visit.procedures.reduce((sum, name) => sum + (minutes.get(name) ?? 0), 0);
    visit.durationMinutes = clamp(Math.round((15 + total * 0.85) / 5) * 5, 30, 240);
  }
  return design;
}
