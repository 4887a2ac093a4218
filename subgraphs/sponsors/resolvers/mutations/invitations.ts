// Advocacy groups review a protocol at its sponsor's invitation: the invitation is what shows the
// group the trial (its protocol), so only the trial's sponsor makes one.
import { notInFuture } from '../../../shared/dates';
import { badUserInput } from '../../../shared/errors';
import { inTransaction } from '../../../shared/writes';
import { ReviewInvitationEntity } from '../../entities';
import type { SponsorsContext } from '../../loaders';
import { newId, ownTrial } from './ownership';
import * as check from './validation';

interface InviteAdvocateReviewInput {
  trialId: string;
  advocacyGroupId: string;
  invitedOn: string;
}

export async function inviteAdvocateReview(input: InviteAdvocateReviewInput, context: SponsorsContext): Promise<ReviewInvitationEntity> {
  const trial = await ownTrial(context, input.trialId, 'input.trialId', 'invite advocacy groups to review its protocol');
  const advocacyGroupId = check.referenceId(input.advocacyGroupId, 'input.advocacyGroupId', 'an advocacy group');
  const invitedOn = notInFuture(input.invitedOn, 'input.invitedOn');

  return inTransaction(context.db, async (manager) => {
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
  });
}
