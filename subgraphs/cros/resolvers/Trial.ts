import { craTurnoverOf } from './CraTurnover';
import { engagementListsAsked } from './Engagement';
import type { TrialResolvers } from '../generated/resolvers';

// Trial belongs to the sponsors subgraph; this one adds its CRO engagements, so a reference
// resolves to itself without touching the database.
export const Trial: TrialResolvers = {
  __resolveReference: (reference) => reference,

  engagements: (trial, _, { loaders }, info) => loaders.engagementsByTrial.load({ id: trial.id, lists: engagementListsAsked(info) }),

  craTurnover: async (trial, _, context) => craTurnoverOf(await context.loaders.staffAssignmentsByTrial.load(trial.id), context),
};
