// Reading a trial's protocol: which version is in force, and how often its procedures come round.
import type { ScheduledVisit } from './entities';
import type { IsoDate } from './measures';

/**
 * The version in force on `asOf`: the latest one already effective; when every version is still to
 * come into effect, the latest one, so a trial in start-up still shows the protocol it will run.
 */
export function versionInForce<V extends { version: number; effectiveOn: IsoDate }>(
  versions: readonly V[],
  asOf: IsoDate,
): V | null {
  const latestFirst = [...versions].sort((a, b) =>
    a.effectiveOn === b.effectiveOn ? b.version - a.version : a.effectiveOn < b.effectiveOn ? 1 : -1,
  );
  return latestFirst.find((version) => version.effectiveOn <= asOf) ?? latestFirst[0] ?? null;
}

/** How many scheduled visits list each procedure (a visit listing it twice counts once). */
export function procedureFrequencies(visits: readonly ScheduledVisit[]): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const visit of visits) {
    for (const name of new Set(visit.procedures)) frequency.set(name, (frequency.get(name) ?? 0) + 1);
  }
  return frequency;
}
