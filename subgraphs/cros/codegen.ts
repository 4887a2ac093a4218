// How `npm run codegen` types this subgraph's resolvers (see codegen.ts at the root): the context
// every resolver receives, and which TypeScript shape stands behind each GraphQL type (its mapper),
// so a resolver is typed by what its parent really is, an entity row rather than the API type.
import type { SubgraphResolverTypes } from '../../codegen';

export const resolverTypes: SubgraphResolverTypes = {
  contextType: '../loaders#CrosContext',
  mappers: {
    Cro: '../entities#CroEntity',
    Engagement: '../entities#EngagementEntity',
    // The plan is three of the engagement's columns, its cadence stored as text.
    CommunicationPlan: '../entities#CommunicationPlanColumns',
    EngagementAction: '../entities#EngagementActionEntity',
    KpiAgreement: '../entities#KpiAgreementEntity',
    MonitoringVisit: '../entities#MonitoringVisitEntity',
    Responsibility: '../entities#ResponsibilityEntity',
    // An assignment comes with its handover overlap, computed by the query that loads it.
    StaffAssignment: '../loaders#StaffAssignmentRow',
    // A measure's row names its site and trial by id.
    CraTurnover: '../measures#CraTurnoverRow',
    // Entities other subgraphs own: this one holds their key only.
    Site: '../references#SiteReference',
    Sponsor: '../references#SponsorReference',
    Trial: '../references#TrialReference',
  },
};
