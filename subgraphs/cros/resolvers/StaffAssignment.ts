import { croOf } from '../loaders';
import type { StaffAssignmentResolvers } from '../generated/resolvers';

// handoverOverlapDays comes with the row (see loaders.ts) and resolves by default.
export const StaffAssignment: StaffAssignmentResolvers = {
  cro: (assignment, _, { loaders }) => croOf(loaders, assignment.croId),

  site: (assignment) => ({ __typename: 'Site', id: assignment.siteId }),

  trial: (assignment) => ({ __typename: 'Trial', id: assignment.trialId }),
};
