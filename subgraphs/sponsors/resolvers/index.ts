import type { Resolvers } from '../generated/resolvers';
import { PartialDateScalar } from '../../shared/scalars';
import { Mutation } from './Mutation';
import { Investment, Partnership } from './Partnership';
import { PipelineProgram } from './PipelineProgram';
import { ProtocolFeedback } from './ProtocolFeedback';
import { ProtocolVersion } from './ProtocolVersion';
import { Query } from './Query';
import { ReviewInvitation } from './ReviewInvitation';
import { Site } from './Site';
import { Sponsor } from './Sponsor';
import { Trial } from './Trial';
import { TrialSite } from './TrialSite';

export const sponsorsResolvers: Resolvers = {
  PartialDate: PartialDateScalar,
  Query,
  Mutation,
  Sponsor,
  Trial,
  ProtocolVersion,
  TrialSite,
  Partnership,
  Investment,
  PipelineProgram,
  ProtocolFeedback,
  ReviewInvitation,
  Site,
};
