import type { AggregatePlan } from './access';
import type { InsightsContext } from './loaders';
import type { PatientExperience } from './generated/resolvers';
import { figureKey, figureRespondents, patientExperience } from './suppression';

/**
 * An aggregate as served to the caller: the tally of its scope, held to k, and withheld when
 * suppression over the caller's whole table (every aggregate it could ask for) withholds its
 * figure there, so the pattern is the same however the caller splits its questions. The table, the
 * scope and the wider ones go to the same loader, so a whole request's aggregates are one statement.
 */
export async function servedExperience(plan: AggregatePlan, { loaders, minRespondents }: InsightsContext): Promise<PatientExperience> {
  // No response falls in an empty scope (a sponsor's trials at a site where it runs none), so it has
  // no tally and is suppressed whatever the table says: nothing to load for it.
  if (plan.scope.cells.length === 0) return patientExperience(null, minRespondents);
  const [{ table, withheld }, tally, ...wider] = await Promise.all([
    loaders.viewSuppression(),
    ...[plan.scope, ...plan.wider].map((scope) => loaders.experience(scope)),
  ]);
  // A scope that does not add up to its figure in the table (records out of step) is withheld: the
  // decision was made for the table's figure, not for this one.
  const inStep = (tally?.respondents ?? 0) === figureRespondents(table, plan.figure);
  return patientExperience(tally, minRespondents, wider, withheld.has(figureKey(plan.figure)) || !inStep);
}
