// Which survey responses an aggregate covers. Every patient-experience figure is a tally over a
// scope: the whole trial, the whole site, one trial at one site, or a sponsor's trials at a site.

/** Responses of one trial at one site; a null side matches every trial or every site. */
export interface ScopeCell {
  trialId: string | null;
  siteId: string | null;
}

/** The responses matching any of its cells (cells never overlap, so none is counted twice). */
export interface ResponseScope {
  /** The same responses always have the same key: what the loader caches and the SQL groups by. */
  key: string;
  cells: ScopeCell[];
}

function scopeOf(cells: ScopeCell[]): ResponseScope {
  const unique = new Map(cells.map((cell) => [JSON.stringify([cell.trialId, cell.siteId]), cell]));
  const keys = [...unique.keys()].sort();
  return { key: `[${keys.join(',')}]`, cells: keys.map((key) => unique.get(key)!) };
}

export const wholeTrial = (trialId: string) => scopeOf([{ trialId, siteId: null }]);

export const wholeSite = (siteId: string) => scopeOf([{ trialId: null, siteId }]);

export const trialAtSite = (trialId: string, siteId: string) => scopeOf([{ trialId, siteId }]);

/** Several trials at one site; no trials is an empty scope, which no response matches. */
export const trialsAtSite = (trialIds: readonly string[], siteId: string) =>
  scopeOf(trialIds.map((trialId) => ({ trialId, siteId })));

/** Several whole trials. */
export const wholeTrials = (trialIds: readonly string[]) => scopeOf(trialIds.map((trialId) => ({ trialId, siteId: null })));
