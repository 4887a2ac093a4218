import type { CrosContext } from '../loaders';

type TrialReference = { id: string };

// Trial belongs to the sponsors subgraph; this one adds its CRO engagements, so a reference
// resolves to itself without touching the database.
export const Trial = {
  __resolveReference: (reference: TrialReference) => reference,

  engagements: (trial: TrialReference, _: unknown, { loaders }: CrosContext) => loaders.engagementsByTrial.load(trial.id),
};
