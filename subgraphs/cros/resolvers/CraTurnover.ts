import type { CraTurnoverResolvers } from '../generated/resolvers';
import { trialClosingsAt, type CrosContext, type StaffAssignmentRow } from '../loaders';
import { craTurnover, type CraTurnoverRow } from '../measures';

/** CRA turnover over the assignments the caller sees, with each trial's closing asked of its owner. */
export async function craTurnoverOf(assignments: readonly StaffAssignmentRow[], { peers }: CrosContext): Promise<CraTurnoverRow[]> {
  const cras = assignments.filter((assignment) => assignment.role === 'CLINICAL_RESEARCH_ASSOCIATE');
  // No CRA the caller may see: no question to the sponsors subgraph either.
  if (cras.length === 0) return [];
  return craTurnover(cras, await trialClosingsAt(peers, cras.map((assignment) => assignment.siteId)));
}

export const CraTurnover: CraTurnoverResolvers = {
  site: (row) => ({ __typename: 'Site', id: row.siteId }),

  trial: (row) => ({ __typename: 'Trial', id: row.trialId }),
};
