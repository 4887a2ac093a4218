import type { InsightsContext } from '../loaders';
import { patientBurden, type RequiredProtocol } from '../patient-burden';
import { patientExperience } from '../suppression';

/** A trial as the gateway hands it over: its key, plus the protocol when patientBurden is asked for. */
interface TrialReference {
  id: string;
  protocol?: RequiredProtocol | null;
}

export const Trial = {
  // Trials belong to sponsors; this subgraph only extends them. Returning the reference itself
  // keeps the @requires protocol fields for patientBurden.
  __resolveReference: (reference: TrialReference) => reference,

  patientBurden: (trial: TrialReference) => patientBurden(trial.protocol),

  patientExperience: async (trial: TrialReference, _: unknown, { loaders, minRespondents }: InsightsContext) =>
    patientExperience(await loaders.experienceByTrial.load(trial.id), minRespondents),

  advocateReviews: (trial: TrialReference, _: unknown, { loaders }: InsightsContext) =>
    loaders.advocateReviewsByTrial.load(trial.id),
};
