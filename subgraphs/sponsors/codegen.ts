// How `npm run codegen` types this subgraph's resolvers (see codegen.ts at the root): the context
// every resolver receives, and which TypeScript shape stands behind each GraphQL type (its mapper),
// so a resolver is typed by what its parent really is, an entity row rather than the API type.
import type { SubgraphResolverTypes } from '../../codegen';

export const resolverTypes: SubgraphResolverTypes = {
  contextType: '../loaders#SponsorsContext',
  mappers: {
    Sponsor: '../entities#SponsorEntity',
    Trial: '../entities#TrialEntity',
    ProtocolVersion: '../entities#ProtocolVersionEntity',
    TrialSite: '../entities#TrialSiteEntity',
    Partnership: '../entities#PartnershipEntity',
    Investment: '../entities#InvestmentEntity',
    PipelineProgram: '../entities#PipelineProgramEntity',
    ProtocolFeedback: '../entities#ProtocolFeedbackEntity',
    ReviewInvitation: '../entities#ReviewInvitationEntity',
    // Site is the sites subgraph's: here it is only the reference this subgraph adds fields to.
    Site: '../resolvers/Site#SiteReference',
  },
};
