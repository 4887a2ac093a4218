// Advocacy groups review a protocol at its sponsor's invitation: the invitation is what shows the
// group the trial (its protocol), so only the trial's sponsor makes one.
import type { EntityManager } from 'typeorm';
import { notInFuture } from '../../../shared/dates';
import { badUserInput } from '../../../shared/errors';
import { mutation } from '../../../shared/writes';
import { ReviewInvitationEntity } from '../../entities';
import type { InviteAdvocateReviewInput } from '../../generated/resolvers';
import type { SponsorsContext } from '../../loaders';
import { bySponsor, newId, ownTrial } from './ownership';
import * as check from './validation';

/** The group invited and the day, checked. */
const invitation = (input: InviteAdvocateReviewInput) => ({
  advocacyGroupId: check.referenceId(input.advocacyGroupId, 'input.advocacyGroupId', 'an advocacy group'),
  invitedOn: notInFuture(input.invitedOn, 'input.invitedOn'),
});

export const inviteAdvocateReview = mutation({
  ...bySponsor('invite advocacy groups to review its protocol'),
  check: (input: InviteAdvocateReviewInput) => invitation(input),
  record: (manager: EntityManager, input: InviteAdvocateReviewInput, { caller }: SponsorsContext) =>
    ownTrial(manager, caller, input.trialId, 'input.trialId', 'invite advocacy groups to review its protocol'),
  async write(manager, trial, _input, _context, { advocacyGroupId, invitedOn }): Promise<ReviewInvitationEntity> {
    const id = newId('invitation');
    // The unique (trial, group) pair decides a repeat, so two invitations sent at once store one.
    const inserted: { id: string }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO review_invitations (id, trial_id, advocacy_group_id, invited_on) VALUES ($1, $2, $3, $4)
         ON CONFLICT (trial_id, advocacy_group_id) DO NOTHING
         RETURNING id)
       SELECT id FROM inserted`,
      [id, trial.id, advocacyGroupId, invitedOn],
    );
    if (inserted.length === 0) {
      throw badUserInput(`Advocacy group ${advocacyGroupId} is already invited to review trial ${trial.id}`, 'input.advocacyGroupId');
    }
    return manager.findOneByOrFail(ReviewInvitationEntity, { id });
  },
});
