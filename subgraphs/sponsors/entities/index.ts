import { InvestmentEntity } from './Investment';
import { PartnershipEntity } from './Partnership';
import { PipelineProgramEntity } from './PipelineProgram';
import { PipelineShareEntity } from './PipelineShare';
import { ProtocolFeedbackEntity } from './ProtocolFeedback';
import { ProtocolVersionEntity, type ProtocolProcedure, type ScheduledVisit } from './ProtocolVersion';
import { ReviewInvitationEntity } from './ReviewInvitation';
import { SponsorEntity } from './Sponsor';
import { TrialEntity } from './Trial';
import { TrialSiteEntity } from './TrialSite';

export {
  InvestmentEntity,
  PartnershipEntity,
  PipelineProgramEntity,
  PipelineShareEntity,
  ProtocolFeedbackEntity,
  ProtocolVersionEntity,
  ReviewInvitationEntity,
  SponsorEntity,
  TrialEntity,
  TrialSiteEntity,
};
export type { ProtocolProcedure, ScheduledVisit };
export const sponsorsEntities = [
  SponsorEntity,
  TrialEntity,
  ProtocolVersionEntity,
  TrialSiteEntity,
  PartnershipEntity,
  InvestmentEntity,
  PipelineProgramEntity,
  PipelineShareEntity,
  ProtocolFeedbackEntity,
  ReviewInvitationEntity,
];
