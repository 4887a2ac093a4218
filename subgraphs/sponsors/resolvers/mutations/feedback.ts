// Protocol feedback: a site taking part in a trial raises it, the trial's sponsor answers it.
import type { EntityManager } from 'typeorm';
import { describeCaller } from '../../../shared/access';
import { badUserInput } from '../../../shared/errors';
import { mutation, writableRecord } from '../../../shared/writes';
import { RULES } from '../../access';
import { ProtocolFeedbackEntity, ProtocolVersionEntity, TrialEntity, TrialSiteEntity } from '../../entities';
import type { RaiseProtocolFeedbackInput, RespondToProtocolFeedbackInput } from '../../generated/resolvers';
import type { SponsorsContext } from '../../loaders';
import { versionInForce } from '../../protocol';
import { bySponsor, newId, ownFeedback } from './ownership';
import * as check from './validation';

const FEEDBACK = { table: 'protocol_feedback', what: 'Protocol feedback', idField: 'input.feedbackId' };
const MAX_LENGTH = 4000;

const feedbackBody = (input: RaiseProtocolFeedbackInput) => check.text(input.body, 'input.body', MAX_LENGTH);

export const raiseProtocolFeedback = mutation({
  what: 'raise feedback on a protocol',
  parties: ['SITE'],
  rule: RULES.feedbackFromTrialSites,
  check: (input: RaiseProtocolFeedbackInput) => feedbackBody(input),
  async record(manager: EntityManager, input: RaiseProtocolFeedbackInput, { caller, today }: SponsorsContext) {
    // A trial the site takes part in, refused alike when it takes no part and when there is no such trial.
    const trial = await writableRecord(
      await manager.findOneBy(TrialEntity, { id: input.trialId }),
      (found) => manager.existsBy(TrialSiteEntity, { trialId: found.id, siteId: caller.orgId }),
      {
        rule: RULES.feedbackFromTrialSites,
        field: 'input.trialId',
        writer: "Feedback on a trial's protocol comes from the sites taking part in it",
        record: `trial ${describeCaller(caller)} takes part in`,
      },
    );
    // Feedback is on the version the site is working to: the one in force today.
    const version = versionInForce(await manager.findBy(ProtocolVersionEntity, { trialId: trial.id }), today);
    if (!version) throw badUserInput(`Trial ${trial.id} has no protocol yet to give feedback on`, 'input.trialId');
    return version;
  },
  async write(manager, version, input, { caller }, body): Promise<ProtocolFeedbackEntity> {
    const id = newId('feedback');
    await manager.insert(ProtocolFeedbackEntity, {
      id,
      trialId: version.trialId,
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
  },
});

/** The answer, checked: OPEN is no answer. */
function answer(input: RespondToProtocolFeedbackInput) {
  if (input.status === 'OPEN') throw badUserInput('An answer ACKNOWLEDGEs, ADOPTs or DECLINEs the feedback; OPEN is for feedback not yet answered', 'input.status');
  return check.text(input.response, 'input.response', MAX_LENGTH);
}

export const respondToProtocolFeedback = mutation({
  ...bySponsor('answer feedback on its protocol'),
  check: (input: RespondToProtocolFeedbackInput) => answer(input),
  record: (manager: EntityManager, input: RespondToProtocolFeedbackInput, { caller }: SponsorsContext) =>
    ownFeedback(manager, caller, input.feedbackId, 'input.feedbackId', 'answer feedback on its protocol'),
  version: { ...FEEDBACK, id: (feedback) => feedback.id, expected: (input) => input.expectedVersion },
  async write(manager, { id }, input, _context, response): Promise<ProtocolFeedbackEntity> {
    // Read again under the claimed version's lock: the first answer's time is the stored one.
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
  },
});
