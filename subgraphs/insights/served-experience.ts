import type { AggregatePlan } from './access';
import type { InsightsContext } from './loaders';
import type { PatientExperience } from './generated/resolvers';
import { patientExperience } from './suppression';

/**
 * An aggregate as served to the caller: the tally of its scope, held to k, and suppressed too when
 * a wider aggregate the caller sees around it would single out a small group by subtraction. The
 * scope and the wider ones go to the same loader, so a whole request's aggregates are one statement.
 */
export async function servedExperience(plan: AggregatePlan, { loaders, minRespondents }: InsightsContext): Promise<PatientExperience> {
  const [tally, ...wider] = await Promise.all([plan.scope, ...plan.wider].map((scope) => loaders.experience.load(scope)));
  return patientExperience(tally, minRespondents, wider);
}
