// The sponsors subgraph's writes, one file per kind of record under mutations/, each checking who
// may write and what it is given before one transaction stores all of it or none of it.
import { forgetRequestState } from '../../shared/writes';
import type { SponsorsContext } from '../loaders';
import { raiseProtocolFeedback, respondToProtocolFeedback } from './mutations/feedback';
import { inviteAdvocateReview } from './mutations/invitations';
import { recordInvestment } from './mutations/partnerships';
import { sharePipelineProgram } from './mutations/pipeline';
import { activateTrialSite, recordEnrollment } from './mutations/trial-sites';
import { createTrial, publishProtocolVersion, selectSites } from './mutations/trials';

/**
 * A mutation field from a write. Once it is stored, whatever the request read before (an earlier
 * mutation's answer, the ownership checks) may be stale: the answer's fields read afresh.
 */
function mutation<Input, Result>(write: (input: Input, context: SponsorsContext) => Promise<Result>) {
  return async (_: unknown, { input }: { input: Input }, context: SponsorsContext): Promise<Result> => {
    const result = await write(input, context);
    forgetRequestState(context);
    return result;
  };
}

export const Mutation = {
  createTrial: mutation(createTrial),
  publishProtocolVersion: mutation(publishProtocolVersion),
  selectSites: mutation(selectSites),
  activateTrialSite: mutation(activateTrialSite),
  recordEnrollment: mutation(recordEnrollment),
  sharePipelineProgram: mutation(sharePipelineProgram),
  recordInvestment: mutation(recordInvestment),
  respondToProtocolFeedback: mutation(respondToProtocolFeedback),
  raiseProtocolFeedback: mutation(raiseProtocolFeedback),
  inviteAdvocateReview: mutation(inviteAdvocateReview),
};
