// submitSurveyResponses: a site's batch of what its patients answered. Each response is checked on
// its own and refused on its own, so one bad answer does not sink the rest; the accepted ones are
// stored in one statement in one transaction, and a response the site already sent (same client
// response id) is recognised rather than stored twice, so a client may safely retry a whole batch.
import { requireParty } from '../../shared/access';
import { badUserInput } from '../../shared/errors';
import { forgetRequestState, inTransaction } from '../../shared/writes';
import { latestToday } from '../../shared/dates';
import { RULES } from '../access';
import { SurveyResponseEntity } from '../entities';
import type { InsightsContext } from '../loaders';
import type { MutationResolvers, SurveyItemResult, SurveyItemStatus, SurveyResponseInput } from '../generated/resolvers';
import { wholeNumberError, type FieldError } from './validation';

/** Most responses in one batch: one INSERT of at most 13,000 parameters, well under PostgreSQL's limit. */
const MAX_SURVEY_BATCH = 1000;

// Made by the submitting system, e.g. a UUID: an opaque key, so no room for a name or a sentence.
const CLIENT_RESPONSE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const EXACT_DATE = /^\d{4}-\d{2}-\d{2}/;
const BURDEN_FIELDS = ['travel', 'visitLength', 'procedures', 'scheduling', 'cost'] as const;
/** Visits are numbered from 0 (screening); no schedule we hold comes near this. */
const MAX_VISIT_NUMBER = 999;

/** Everything wrong with one response, each naming its field from the argument root. */
function responseErrors(response: SurveyResponseInput, at: string, siteId: string, latestMonth: string): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field: `${at}.${field}`, message: `${at}.${field} ${message}` });
  if (!CLIENT_RESPONSE_ID.test(response.clientResponseId)) {
    fail(
      'clientResponseId',
      "must be the submitting system's own id for the response (1 to 64 letters, digits, '.', '_', ':' or '-'; a UUID is best), never a patient identifier or text",
    );
  }
  if (response.siteId !== siteId) {
    fail('siteId', `is ${response.siteId}, but SITE ${siteId} submits only what its own patients answered`);
  }
  if (response.trialId.trim() === '') fail('trialId', 'must be the id of a trial the site runs');
  const visit = wholeNumberError(response.visitNumber, `${at}.visitNumber`, 0, MAX_VISIT_NUMBER);
  if (visit) errors.push(visit);
  const month = response.submittedMonth;
  if (EXACT_DATE.test(month)) {
    fail(
      'submittedMonth',
      `must be a month (yyyy-MM), not an exact date: a day could tie the answer to one patient's visit; send ${month.slice(0, 7)}, not ${month}`,
    );
  } else if (!MONTH.test(month)) {
    fail('submittedMonth', `must be a month as yyyy-MM, e.g. 2025-09; got ${JSON.stringify(month)}`);
  } else if (month > latestMonth) {
    fail('submittedMonth', `${month} is in the future; the latest month is ${latestMonth}`);
  }
  for (const dimension of BURDEN_FIELDS) {
    const error = wholeNumberError(response.burden[dimension], `${at}.burden.${dimension}`, 1, 5, ' (1 no burden, 5 heavy burden)');
    if (error) errors.push(error);
  }
  const understanding = wholeNumberError(response.understanding, `${at}.understanding`, 1, 5, ' (1 disagree, 5 agree)');
  if (understanding) errors.push(understanding);
  return errors;
}

/** A response as stored: the burden scores in a column each. The seed stores the demo data the same way. */
export const surveyResponseRow = (response: SurveyResponseInput) => ({
  clientResponseId: response.clientResponseId,
  trialId: response.trialId,
  siteId: response.siteId,
  visitNumber: response.visitNumber,
  submittedMonth: response.submittedMonth,
  burdenTravel: response.burden.travel,
  burdenVisitLength: response.burden.visitLength,
  burdenProcedures: response.burden.procedures,
  burdenScheduling: response.burden.scheduling,
  burdenCost: response.burden.cost,
  understanding: response.understanding,
  wouldRecommend: response.wouldRecommend,
  discontinuationReason: response.discontinuationReason ?? null,
});

/**
 * Not through the shared `mutation` steps: a batch is triaged response by response (each checked,
 * and its trial asked of the sponsors subgraph before the transaction), and the accepted ones are
 * stored while the rest are answered as REJECTED; the steps' `check` can only refuse the whole
 * input. It still makes the same moves: the party first, one transaction, the request state
 * forgotten after it.
 */
export const submitSurveyResponses: NonNullable<MutationResolvers['submitSurveyResponses']> = async (_, { input }, context) => {
  try {
    return await triageAndStore(input.responses, context);
  } finally {
    forgetRequestState(context);
  }
};

async function triageAndStore(responses: SurveyResponseInput[], context: InsightsContext) {
  const { access, caller, db } = context;
  requireParty(caller, ['SITE'], RULES.surveySubmitter, 'submit survey responses');
  if (responses.length > MAX_SURVEY_BATCH) {
    throw badUserInput(`input.responses holds ${responses.length} responses; send at most ${MAX_SURVEY_BATCH} at a time`, 'input.responses');
  }
  const latestMonth = latestToday().slice(0, 7);
  const results: SurveyItemResult[] = responses.map((response, i) => {
    const errors = responseErrors(response, `input.responses[${i}]`, caller.orgId, latestMonth);
    return { clientResponseId: response.clientResponseId, status: errors.length > 0 ? 'REJECTED' : 'ACCEPTED', errors };
  });

  // Whether the site runs a trial is the sponsors subgraph's to say: it shows a site only the
  // trials it takes part in. Asked once for all the batch's trials, before the transaction.
  const pending = results.flatMap((result, i) => (result.status === 'ACCEPTED' ? [i] : []));
  const shown = await Promise.all(pending.map((i) => access.runsTrial(responses[i].trialId)));
  pending.forEach((i, n) => {
    if (shown[n]) return;
    const field = `input.responses[${i}].trialId`;
    results[i].status = 'REJECTED';
    results[i].errors.push({ field, message: `${field} ${responses[i].trialId} is not a trial SITE ${caller.orgId} runs` });
  });

  // The same id twice in one batch is one response: the first is stored, the second is a duplicate.
  const firstOfId = new Map<string, number>();
  results.forEach((result, i) => {
    if (result.status !== 'ACCEPTED') return;
    if (firstOfId.has(result.clientResponseId)) result.status = 'DUPLICATE';
    else firstOfId.set(result.clientResponseId, i);
  });

  const toStore = [...firstOfId.values()];
  if (toStore.length > 0) {
    // ON CONFLICT DO NOTHING answers only the rows it stored: the rest the site had already sent,
    // even if another request stored them a moment ago.
    const stored = await inTransaction(db, async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(SurveyResponseEntity)
        .values(toStore.map((i) => surveyResponseRow(responses[i])))
        .orIgnore()
        .returning(['clientResponseId'])
        .execute();
      return new Set((inserted.raw as { client_response_id: string }[]).map((row) => row.client_response_id));
    });
    for (const i of toStore) if (!stored.has(responses[i].clientResponseId)) results[i].status = 'DUPLICATE';
  }

  const count = (status: SurveyItemStatus) => results.filter((result) => result.status === status).length;
  return { accepted: count('ACCEPTED'), duplicates: count('DUPLICATE'), rejected: count('REJECTED'), results };
}
