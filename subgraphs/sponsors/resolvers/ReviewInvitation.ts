import type { ReviewInvitationResolvers } from '../generated/resolvers';
import { existing } from '../../shared/loaders';

export const ReviewInvitation: ReviewInvitationResolvers = {
  // Only those who see the trial see its invitations: its sponsor, admins and the invited group.
  trial: (invitation, _, { loaders }) => existing(loaders.trialById, invitation.trialId),
};
