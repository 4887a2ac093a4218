import { trialExperiencePlan, visibleTrialReviews } from '../access';
import type { InsightsContext } from '../loaders';
import { patientBurden, type RequiredProtocol } from '../patient-burden';
import { servedExperience } from '../served-experience';
import { optionalId } from './arguments';

/** A trial as the gateway hands it over: its key, plus the protocol when patientBurden is asked for. */
interface TrialReference {
  id: string;
  protocol?: RequiredProtocol | null;
}

export const Trial = {
  // Trials belong to sponsors; this subgraph only extends them, and each field below applies its own
  // rule, so a caller reaching _entities directly gets what the gateway would give it. Returning the
  // reference itself keeps the @requires protocol fields for patientBurden.
  __resolveReference: (reference: TrialReference) => reference,

  // Computed only from the protocol the caller hands over: it reveals nothing stored here.
  patientBurden: (trial: TrialReference) => patientBurden(trial.protocol),

  patientExperience: async (trial: TrialReference, args: { siteId?: string | null }, context: InsightsContext) =>
    servedExperience(await trialExperiencePlan(context, trial.id, optionalId(args.siteId, 'siteId')), context),

  advocateReviews: (trial: TrialReference, _: unknown, context: InsightsContext) => visibleTrialReviews(context, trial.id),
};
