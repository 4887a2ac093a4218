import type { TrialResolvers } from '../generated/resolvers';
import { patientBurden } from '../patient-burden';
import { servedExperience } from '../served-experience';
import { optionalId } from './arguments';

export const Trial: TrialResolvers = {
  // Trials belong to sponsors; this subgraph only extends them, and each field below applies its own
  // rule, so a caller reaching _entities directly gets what the gateway would give it. Returning the
  // reference itself keeps the @requires protocol fields for patientBurden.
  __resolveReference: (reference) => reference,

  // Computed only from the protocol the caller hands over: it reveals nothing stored here.
  patientBurden: (trial) => patientBurden(trial.protocol),

  patientExperience: async (trial, args, context) => {
    const aggregate = { trialId: trial.id, siteId: optionalId(args.siteId, 'siteId') };
    await context.access.read('trialAggregate', aggregate);
    return servedExperience(await context.access.coverage('trialAggregate', aggregate), context);
  },

  // The loader's statement is narrowed by the policy; a sponsor's list is then held to its own trials.
  advocateReviews: async (trial, _, { access, loaders }) => {
    const reviews = await loaders.advocateReviewsByTrial.load(trial.id);
    const readable = await Promise.all(reviews.map((review) => access.mayRead('review', review)));
    return reviews.filter((_, i) => readable[i]);
  },
};
