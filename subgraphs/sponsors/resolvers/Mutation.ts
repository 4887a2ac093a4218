// The sponsors subgraph's writes, one file per kind of record under mutations/, each through the
// shared write path (shared/writes.ts): who may write, the input, one transaction that stores all
// of it or none of it, and the request's loaders and relationship answers forgotten after it.
import type { MutationResolvers } from '../generated/resolvers';
import { raiseProtocolFeedback, respondToProtocolFeedback } from './mutations/feedback';
import { inviteAdvocateReview } from './mutations/invitations';
import { recordInvestment } from './mutations/partnerships';
import { sharePipelineProgram } from './mutations/pipeline';
import { acceptSiteSelection, declineSiteSelection } from './mutations/selections';
import { activateTrialSite, recordEnrollment } from './mutations/trial-sites';
import { createTrial, publishProtocolVersion, selectSites } from './mutations/trials';

export const Mutation: MutationResolvers = {
  createTrial,
  publishProtocolVersion,
  selectSites,
  acceptSiteSelection,
  declineSiteSelection,
  activateTrialSite,
  recordEnrollment,
  sharePipelineProgram,
  recordInvestment,
  respondToProtocolFeedback,
  raiseProtocolFeedback,
  inviteAdvocateReview,
};
