import type { CrosContext, StaffAssignmentRow } from '../loaders';

// handoverOverlapDays comes with the row (see loaders.ts) and resolves by default.
export const StaffAssignment = {
  cro: (assignment: StaffAssignmentRow, _: unknown, { loaders }: CrosContext) => loaders.croById.load(assignment.croId),

  site: (assignment: StaffAssignmentRow) => ({ __typename: 'Site', id: assignment.siteId }),

  trial: (assignment: StaffAssignmentRow) => ({ __typename: 'Trial', id: assignment.trialId }),
};
