// Protocol feedback: a site taking part in a trial raises it, the trial's sponsor answers it.
import { describeCaller, requireParty } from '../../../shared/access';
import { badUserInput, forbidden } from '../../../shared/errors';
import { claimVersion, inTransaction } from '../../../shared/writes';
import { RULES } from '../../access';
import { ProtocolFeedbackEntity, ProtocolVersionEntity, TrialEntity, TrialSiteEntity } from '../../entities';
import type { SponsorsContext } from '../../loaders';
import { versionInForce } from '../../protocol';
import { newId, ownFeedback } from './ownership';
import * as check from './validation';

const FEEDBACK = { table: 'protocol_feedback', what: 'Protocol feedback', idField: 'input.feedbackId' };
const MAX_LENGTH = 4000;

interface RaiseProtocolFeedbackInput {
  trialId: string;
  topic: string;
  body: string;
}

interface RespondToProtocolFeedbackInput {
  feedbackId: string;
  expectedVersion: number;
  status: string;
  response: string;
}

export async function raiseProtocolFeedback(input: RaiseProtocolFeedbackInput, context: SponsorsContext): Promise<ProtocolFeedbackEntity> {
  const { caller, db, today } = context;
  requireParty(caller, ['SITE'], RULES.feedbackFromTrialSites, 'raise feedback on a protocol');
  const body = check.text(input.body, 'input.body', MAX_LENGTH);
  const trial = await db.getRepository(TrialEntity).findOneBy({ id: input.trialId });
  if (!trial) throw badUserInput(`There is no trial ${input.trialId}`, 'input.trialId');
  if (!(await db.getRepository(TrialSiteEntity).existsBy({ trialId: trial.id, siteId: caller.orgId }))) {
    throw forbidden(
      RULES.feedbackFromTrialSites,
      `Feedback on trial ${trial.id}'s protocol comes from the sites taking part in it; ${describeCaller(caller)} does not`,
    );
  }

  return inTransaction(db, async (manager) => {
    // Feedback is on the version the site is working to: the one in force today.
    const version = versionInForce(await manager.findBy(ProtocolVersionEntity, { trialId: trial.id }), today);
    if (!version) throw badUserInput(`Trial ${trial.id} has no protocol yet to give feedback on`, 'input.trialId');
    const id = newId('feedback');
    await manager.insert(ProtocolFeedbackEntity, {
      id,
      trialId: trial.id,
      protocolVersion: version.version,
      siteId: caller.orgId,
      topic: input.topic,
      body,
      raisedAt: new Date(),
      status: 'OPEN',
      response: null,
      respondedAt: null,
    });
    return manager.findOneByOrFail(ProtocolFeedbackEntity, { id });
  });
}

export async function respondToProtocolFeedback(
  input: RespondToProtocolFeedbackInput,
  context: SponsorsContext,
): Promise<ProtocolFeedbackEntity> {
  const { id } = await ownFeedback(context, input.feedbackId, 'input.feedbackId', 'answer feedback on its protocol');
  if (input.status === 'OPEN') throw badUserInput('An answer ACKNOWLEDGEs, ADOPTs or DECLINEs the feedback; OPEN is for feedback not yet answered', 'input.status');
  const response = check.text(input.response, 'input.response', MAX_LENGTH);

  return inTransaction(context.db, async (manager) => {
    await claimVersion(manager, FEEDBACK, id, input.expectedVersion);
    const feedback = await manager.findOneByOrFail(ProtocolFeedbackEntity, { id });
    await manager.update(
      ProtocolFeedbackEntity,
      { id },
      {
        status: input.status,
        response,
        // Response time measures how fast the site was first answered: a later decision (an
        // acknowledgement turned into ADOPTED) keeps the first answer's time.
        respondedAt: feedback.respondedAt ?? new Date(),
      },
    );
    return manager.findOneByOrFail(ProtocolFeedbackEntity, { id });
  });
}
