import type { ReviewInvitationEntity } from '../entities';
import type { SponsorsContext } from '../loaders';

export const ReviewInvitation = {
  // Only those who see the trial see its invitations: its sponsor, admins and the invited group.
  trial: (invitation: ReviewInvitationEntity, _: unknown, { loaders }: SponsorsContext) => loaders.trialById.load(invitation.trialId),
};
