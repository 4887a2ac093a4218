// The insights subgraph's writes, on the whole stack (a site's trials, a trial's sponsor and the
// groups it invited to review it are the sponsors subgraph's to say): who may make each, what input is refused and why, idempotent survey
// batches, versions against lost updates, and all-or-nothing transactions.
import { randomUUID } from 'node:crypto';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset } from '../seed/model';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, type GraphQLResponse } from './support/subgraph-harness';
import { as } from './support/tokens';

const dataset: DemoDataset = generateDemoDataset({ seed: 42, scale: 0.1 });
const { siteId: SITE, trialId: TRIAL_AT_SITE } = dataset.trialSites[0];
const OTHER_SITE = dataset.sites.find((site) => site.id !== SITE)!.id;
const TRIAL_ELSEWHERE = dataset.trials.find((trial) => !dataset.trialSites.some((row) => row.siteId === SITE && row.trialId === trial.id))!.id;
const REVIEWED_TRIAL = dataset.trials[0];
const SPONSOR = REVIEWED_TRIAL.sponsorId;
const OTHER_SPONSOR = dataset.sponsors.find((sponsor) => sponsor.id !== SPONSOR)!.id;
const CRO = dataset.cros[0].id;
const ADVOCATES = 'advocates-01';

// Findings to decide on, one per test that changes one.
const FINDINGS = ['adopt', 'conflict', 'race', 'refused', 'fails', 'bad-input', 'twice'].map((name) => `finding-to-${name}`);
dataset.advocateReviews.push({
  id: 'review-to-decide',
  advocacyGroupId: ADVOCATES,
  trialId: REVIEWED_TRIAL.id,
  protocolVersion: 1,
  format: 'PANEL',
  reviewedOn: '2026-02-01',
  findings: FINDINGS.map((id) => ({ id, area: 'Visit schedule', severity: 'HIGH', recommendation: 'Merge visits 2 and 3', sponsorDecision: 'PENDING' })),
});

// The demo data invites each group that reviewed a trial (advocates-01 reviewed REVIEWED_TRIAL
// above); this group reviewed it never, so its sponsor has not invited it.
const UNINVITED = dataset.advocacyGroups.find(
  (group) => !dataset.advocateReviews.some((review) => review.trialId === REVIEWED_TRIAL.id && review.advocacyGroupId === group.id),
)!.id;

let stack: TestStack;
let url: string;

beforeAll(async () => {
  stack = await startTestStack(dataset);
  url = stack.subgraphUrls.insights;
});
afterAll(() => stack?.shutdown());

type Caller = [PartyKind, string];
const SITE_CALLER: Caller = ['SITE', SITE];
const SPONSOR_CALLER: Caller = ['SPONSOR', SPONSOR];
const ADVOCATE_CALLER: Caller = ['PATIENT_ADVOCATE', ADVOCATES];
const ADMIN: Caller = ['PLATFORM_ADMIN', 'platform'];

async function ask(caller: Caller, query: string, variables: Record<string, unknown>, at = url): Promise<GraphQLResponse> {
  return postGraphQL(at, query, variables, await as(caller[0], caller[1]));
}

const sql = <T = any>(text: string, parameters: unknown[] = []): Promise<T[]> => stack.databases.insights.dataSource.query(text, parameters);

/** One error, with this code (and field or rule), and nothing else answered. */
function expectOnlyError(response: GraphQLResponse, extensions: Record<string, unknown>, message?: RegExp) {
  expect(response.data?.[Object.keys(response.data ?? {})[0]] ?? null).toBeNull();
  expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining(extensions) })]);
  if (message) expect(response.errors![0].message).toMatch(message);
}

/**
 * A database failure part way through a write, made by a trigger the test installs for the
 * duration of `work`: what the subgraph itself cannot be made to do, but a real database can.
 */
async function withFailingTrigger(table: string, timing: 'INSERT' | 'UPDATE', condition: string, work: () => Promise<void>) {
  await sql(`CREATE FUNCTION fail_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF ${condition} THEN RAISE EXCEPTION 'simulated failure part way through the write'; END IF; RETURN NEW; END $$`);
  await sql(`CREATE TRIGGER fail_for_test BEFORE ${timing} ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_for_test()`);
  try {
    await work();
  } finally {
    await sql(`DROP TRIGGER fail_for_test ON ${table}`);
    await sql('DROP FUNCTION fail_for_test()');
  }
}

// ---------------------------------------------------------------------------------------------
// submitSurveyResponses

const SUBMIT = `mutation ($responses: [SurveyResponseInput!]!) {
  submitSurveyResponses(input: { responses: $responses }) {
    accepted duplicates rejected results { clientResponseId status errors { field message } } } }`;

function answer(overrides: Record<string, unknown> = {}) {
  return {
    clientResponseId: randomUUID(),
    trialId: TRIAL_AT_SITE,
    siteId: SITE,
    visitNumber: 3,
    submittedMonth: '2026-01',
    burden: { travel: 4, visitLength: 3, procedures: 2, scheduling: 1, cost: 5 },
    understanding: 4,
    wouldRecommend: true,
    discontinuationReason: null,
    ...overrides,
  };
}

const storedAnswers = (ids: string[]) =>
  sql(
    `SELECT client_response_id, trial_id, site_id, visit_number, submitted_month, burden_travel, burden_visit_length,
       burden_procedures, burden_scheduling, burden_cost, understanding, would_recommend, discontinuation_reason
     FROM survey_responses WHERE client_response_id = ANY($1) ORDER BY visit_number, client_response_id`,
    [ids],
  );
const responseCount = async () => (await sql('SELECT count(*)::int AS n FROM survey_responses'))[0].n as number;

describe('submitSurveyResponses', () => {
  test('a site\'s batch is accepted and stored as sent', async () => {
    const batch = [answer({ visitNumber: 1 }), answer({ visitNumber: 2, wouldRecommend: false, discontinuationReason: 'TRAVEL' })];
    const { data, errors } = await ask(SITE_CALLER, SUBMIT, { responses: batch });
    expect(errors).toBeUndefined();
    expect(data.submitSurveyResponses).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: 0,
      results: batch.map((item) => ({ clientResponseId: item.clientResponseId, status: 'ACCEPTED', errors: [] })),
    });
    expect(await storedAnswers(batch.map((item) => item.clientResponseId))).toEqual(
      batch.map((item) => ({
        client_response_id: item.clientResponseId,
        trial_id: TRIAL_AT_SITE,
        site_id: SITE,
        visit_number: item.visitNumber,
        submitted_month: '2026-01',
        burden_travel: 4,
        burden_visit_length: 3,
        burden_procedures: 2,
        burden_scheduling: 1,
        burden_cost: 5,
        understanding: 4,
        would_recommend: item.wouldRecommend,
        discontinuation_reason: item.discontinuationReason,
      })),
    );
  });

  test('a retried batch stores nothing twice: each response it already sent is a DUPLICATE, a new one ACCEPTED', async () => {
    const first = [answer(), answer()];
    await ask(SITE_CALLER, SUBMIT, { responses: first });
    const before = await responseCount();
    const retry = [...first, answer()];
    const { data } = await ask(SITE_CALLER, SUBMIT, { responses: retry });
    expect(data.submitSurveyResponses).toMatchObject({ accepted: 1, duplicates: 2, rejected: 0 });
    expect(data.submitSurveyResponses.results.map((result: any) => result.status)).toEqual(['DUPLICATE', 'DUPLICATE', 'ACCEPTED']);
    expect(await responseCount()).toBe(before + 1);
  });

  test('the same client response id twice in one batch is one response: the first is stored', async () => {
    const item = answer({ visitNumber: 5 });
    const { data } = await ask(SITE_CALLER, SUBMIT, { responses: [item, { ...item, visitNumber: 6 }] });
    expect(data.submitSurveyResponses.results.map((result: any) => result.status)).toEqual(['ACCEPTED', 'DUPLICATE']);
    expect((await storedAnswers([item.clientResponseId])).map((row) => row.visit_number)).toEqual([5]);
  });

  test('idempotency is per site: another site\'s response with the same client id is its own, not a duplicate', async () => {
    const other = dataset.trialSites.find((row) => row.siteId !== SITE)!;
    const item = answer();
    await ask(SITE_CALLER, SUBMIT, { responses: [item] });
    const { data } = await ask(['SITE', other.siteId], SUBMIT, { responses: [{ ...item, siteId: other.siteId, trialId: other.trialId }] });
    expect(data.submitSurveyResponses.results.map((result: any) => result.status)).toEqual(['ACCEPTED']);
    expect((await storedAnswers([item.clientResponseId])).map((row) => row.site_id).sort()).toEqual([SITE, other.siteId].sort());
  });

  test('one bad response does not sink the rest: each is REJECTED with every field at fault and why', async () => {
    const good = answer();
    const bad = [
      answer({ burden: { travel: 7, visitLength: 3, procedures: 0, scheduling: 1, cost: 5 }, understanding: 6 }),
      answer({ submittedMonth: '2026-05-14' }),
      answer({ submittedMonth: '2999-01' }),
      answer({ submittedMonth: 'May 2026', visitNumber: -1 }),
      answer({ clientResponseId: 'Jane Doe, born 1961' }),
      answer({ siteId: OTHER_SITE }),
      answer({ trialId: 'trial-that-does-not-exist' }),
      answer({ trialId: TRIAL_ELSEWHERE }),
    ];
    const { data, errors } = await ask(SITE_CALLER, SUBMIT, { responses: [good, ...bad] });
    expect(errors).toBeUndefined();
    const { results, ...counts } = data.submitSurveyResponses;
    expect(counts).toEqual({ accepted: 1, duplicates: 0, rejected: 8 });
    expect(results[0]).toEqual({ clientResponseId: good.clientResponseId, status: 'ACCEPTED', errors: [] });
    const fields = results.slice(1).map((result: any) => {
      expect(result.status).toBe('REJECTED');
      return result.errors.map((error: any) => error.field);
    });
    expect(fields).toEqual([
      ['input.responses[1].burden.travel', 'input.responses[1].burden.procedures', 'input.responses[1].understanding'],
      ['input.responses[2].submittedMonth'],
      ['input.responses[3].submittedMonth'],
      ['input.responses[4].visitNumber', 'input.responses[4].submittedMonth'],
      ['input.responses[5].clientResponseId'],
      ['input.responses[6].siteId'],
      ['input.responses[7].trialId'],
      ['input.responses[8].trialId'],
    ]);
    const message = (i: number) => results[i].errors[0].message;
    expect(message(1)).toMatch(/burden.travel must be a whole number from 1 to 5 .*got 7/);
    expect(message(2)).toMatch(/must be a month \(yyyy-MM\), not an exact date: .*send 2026-05, not 2026-05-14/);
    expect(message(3)).toMatch(/2999-01 is in the future/);
    expect(message(5)).toMatch(/never a patient identifier/);
    expect(message(6)).toMatch(new RegExp(`is ${OTHER_SITE}, but SITE ${SITE} submits only what its own patients answered`));
    expect(message(7)).toMatch(new RegExp(`trial-that-does-not-exist is not a trial SITE ${SITE} runs`));
    // A real trial, run at other sites: the sponsors subgraph does not show it to this site.
    expect(message(8)).toMatch(new RegExp(`${TRIAL_ELSEWHERE} is not a trial SITE ${SITE} runs`));
    expect(await storedAnswers([good, ...bad].map((item) => item.clientResponseId))).toHaveLength(1);
  });

  test('the input has no place for free text or a date of birth: an extra field is refused, nothing stored', async () => {
    const before = await responseCount();
    for (const extra of [{ dateOfBirth: '1961-04-02' }, { comments: 'Mrs Smith found the biopsy painful' }]) {
      const { data, errors } = await ask(SITE_CALLER, SUBMIT, { responses: [answer(), answer(extra)] });
      expect(data).toBeUndefined();
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      expect(errors![0].message).toMatch(new RegExp(`Field "${Object.keys(extra)[0]}" is not defined by type "SurveyResponseInput"`));
    }
    expect(await responseCount()).toBe(before);
    const { data } = await ask(ADMIN, '{ __type(name: "SurveyResponseInput") { inputFields { name } } }', {});
    expect(data.__type.inputFields.map((field: any) => field.name)).toEqual([
      'clientResponseId', 'trialId', 'siteId', 'visitNumber', 'submittedMonth', 'burden', 'understanding', 'wouldRecommend', 'discontinuationReason',
    ]);
  });

  test('more than 1000 responses in one batch is BAD_USER_INPUT on input.responses, and nothing is stored', async () => {
    const before = await responseCount();
    const response = await ask(SITE_CALLER, SUBMIT, { responses: Array.from({ length: 1001 }, () => answer()) });
    expectOnlyError(response, { code: 'BAD_USER_INPUT', field: 'input.responses' }, /holds 1001 responses; send at most 1000/);
    expect(await responseCount()).toBe(before);
  });

  test('1000 responses are stored in one go', async () => {
    const batch = Array.from({ length: 1000 }, () => answer());
    const { data } = await ask(SITE_CALLER, SUBMIT, { responses: batch });
    expect(data.submitSurveyResponses).toMatchObject({ accepted: 1000, duplicates: 0, rejected: 0 });
    expect(await storedAnswers(batch.map((item) => item.clientResponseId))).toHaveLength(1000);
  });

  test.each<[string, Caller]>([
    ['a sponsor', SPONSOR_CALLER],
    ['a CRO', ['CRO', CRO]],
    ['a patient advocate', ADVOCATE_CALLER],
    ['a platform admin', ADMIN],
  ])('%s may not submit survey responses: FORBIDDEN, nothing stored', async (_, caller) => {
    const before = await responseCount();
    const response = await ask(caller, SUBMIT, { responses: [answer()] });
    expectOnlyError(response, { code: 'FORBIDDEN', rule: 'survey-submitter' }, new RegExp(`Only SITE callers may submit survey responses; the caller is ${caller.join(' ')}`));
    expect(await responseCount()).toBe(before);
  });

  test('the accepted responses are stored in one transaction: a failure storing one stores none', async () => {
    const batch = [answer({ visitNumber: 776 }), answer({ visitNumber: 777 })];
    await withFailingTrigger('survey_responses', 'INSERT', 'NEW.visit_number = 777', async () => {
      const { errors } = await ask(SITE_CALLER, SUBMIT, { responses: batch });
      expect(errors).toHaveLength(1);
    });
    expect(await storedAnswers(batch.map((item) => item.clientResponseId))).toEqual([]);
    // Nothing was stored, so the same batch is accepted whole once the failure is gone.
    const { data } = await ask(SITE_CALLER, SUBMIT, { responses: batch });
    expect(data.submitSurveyResponses).toMatchObject({ accepted: 2, duplicates: 0 });
  });

  test('the gateway passes a batch and its per-response results through', async () => {
    const batch = [answer(), answer({ understanding: 9 })];
    const { data, errors } = await ask(SITE_CALLER, SUBMIT, { responses: batch }, stack.gatewayUrl);
    expect(errors).toBeUndefined();
    expect(data.submitSurveyResponses.results.map((result: any) => [result.status, result.errors.map((error: any) => error.field)])).toEqual([
      ['ACCEPTED', []],
      ['REJECTED', ['input.responses[1].understanding']],
    ]);
    expect(await storedAnswers(batch.map((item) => item.clientResponseId))).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// recordAdvocateReview

const RECORD = `mutation ($input: RecordAdvocateReviewInput!) { recordAdvocateReview(input: $input) {
  id advocacyGroupId trial { id } protocolVersion format reviewedOn findings { id area severity recommendation sponsorDecision version } } }`;

function reviewInput(overrides: Record<string, unknown> = {}) {
  return {
    trialId: REVIEWED_TRIAL.id,
    protocolVersion: 2,
    format: 'SITE_RUN_THROUGH',
    reviewedOn: '2026-03-15',
    findings: [
      { area: 'Travel', severity: 'HIGH', recommendation: 'Pay travel costs up front' },
      { area: 'Consent form', severity: 'LOW', recommendation: 'Add a one-page summary\nin plain language' },
    ],
    ...overrides,
  };
}
const reviewCount = async () => (await sql('SELECT count(*)::int AS n FROM advocate_reviews'))[0].n as number;

describe('recordAdvocateReview', () => {
  test('an advocate records a review for its own group; findings start PENDING at version 1', async () => {
    const { data, errors } = await ask(ADVOCATE_CALLER, RECORD, { input: reviewInput() });
    expect(errors).toBeUndefined();
    const recorded = data.recordAdvocateReview;
    expect(recorded).toMatchObject({
      advocacyGroupId: ADVOCATES,
      trial: { id: REVIEWED_TRIAL.id },
      protocolVersion: 2,
      format: 'SITE_RUN_THROUGH',
      reviewedOn: '2026-03-15',
    });
    expect(recorded.findings.map(({ id: _id, ...finding }: any) => finding).sort((a: any, b: any) => (a.area < b.area ? -1 : 1))).toEqual([
      { area: 'Consent form', severity: 'LOW', recommendation: 'Add a one-page summary\nin plain language', sponsorDecision: 'PENDING', version: 1 },
      { area: 'Travel', severity: 'HIGH', recommendation: 'Pay travel costs up front', sponsorDecision: 'PENDING', version: 1 },
    ]);
    // Read back as the group, and as the trial's sponsor.
    for (const caller of [ADVOCATE_CALLER, SPONSOR_CALLER]) {
      const listed = await ask(caller, `query ($t: ID) { advocateReviews(trialId: $t) { id advocacyGroupId findings { id sponsorDecision } } }`, { t: REVIEWED_TRIAL.id });
      expect(listed.data.advocateReviews).toContainEqual({
        id: recorded.id,
        advocacyGroupId: ADVOCATES,
        findings: recorded.findings.map((finding: any) => ({ id: finding.id, sponsorDecision: 'PENDING' })).sort((a: any, b: any) => (a.id < b.id ? -1 : 1)),
      });
    }
  });

  test.each<[string, Caller]>([
    ['a site', SITE_CALLER],
    ['a sponsor', SPONSOR_CALLER],
    ['a CRO', ['CRO', CRO]],
    ['a platform admin', ADMIN],
  ])('%s may not record an advocate review: FORBIDDEN, nothing stored', async (_, caller) => {
    const before = await reviewCount();
    const response = await ask(caller, RECORD, { input: reviewInput() });
    expectOnlyError(response, { code: 'FORBIDDEN', rule: 'advocate-review-author' }, /Only PATIENT_ADVOCATE callers may record advocate reviews/);
    expect(await reviewCount()).toBe(before);
  });

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a review dated in the future', { reviewedOn: '2999-01-01' }, 'input.reviewedOn', /2999-01-01 is in the future/],
    ['protocol version 0', { protocolVersion: 0 }, 'input.protocolVersion', /from 1 to 1000, got 0/],
    ['a blank trial id', { trialId: '  ' }, 'input.trialId', /must not be blank/],
    [
      'a blank finding area',
      { findings: [{ area: 'Travel', severity: 'LOW', recommendation: 'x' }, { area: ' ', severity: 'LOW', recommendation: 'y' }] },
      'input.findings[1].area',
      /must not be blank/,
    ],
    [
      'an area over two lines',
      { findings: [{ area: 'Travel\nand parking', severity: 'LOW', recommendation: 'x' }] },
      'input.findings[0].area',
      /one line of text/,
    ],
    [
      'more than 50 findings',
      { findings: Array.from({ length: 51 }, () => ({ area: 'Travel', severity: 'LOW', recommendation: 'x' })) },
      'input.findings',
      /at most 50/,
    ],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is stored', async (_, overrides, field, message) => {
    const before = await reviewCount();
    expectOnlyError(await ask(ADVOCATE_CALLER, RECORD, { input: reviewInput(overrides) }), { code: 'BAD_USER_INPUT', field }, message);
    expect(await reviewCount()).toBe(before);
  });

  test('a group the trial\'s sponsor did not invite may not record a review, and still does not see the trial after trying', async () => {
    const uninvited: Caller = ['PATIENT_ADVOCATE', UNINVITED];
    const trialAsGroup = `query ($id: ID!) { trial(id: $id) { id protocol { version } } }`;
    const before = await reviewCount();
    const response = await ask(uninvited, RECORD, { input: reviewInput() });
    expectOnlyError(
      response,
      { code: 'FORBIDDEN', rule: 'advocate-review-author', field: 'input.trialId' },
      new RegExp(`input\\.trialId names no trial whose sponsor invited PATIENT_ADVOCATE ${UNINVITED} to review its protocol`),
    );
    expect(await reviewCount()).toBe(before);
    expect(await sql('SELECT id FROM advocate_reviews WHERE advocacy_group_id = $1 AND trial_id = $2', [UNINVITED, REVIEWED_TRIAL.id])).toEqual([]);
    // The hole this closes: recording a review never shows the group the sponsor's protocol.
    const seen = await ask(uninvited, trialAsGroup, { id: REVIEWED_TRIAL.id }, stack.gatewayUrl);
    expect(seen.data.trial).toBeNull();
    expect(seen.errors).toEqual([expect.objectContaining({ path: ['trial'], extensions: expect.objectContaining({ code: 'FORBIDDEN', rule: 'trial-relationship' }) })]);
  });

  test('a trial nobody knows is refused the same way: nothing says whether it exists', async () => {
    const before = await reviewCount();
    const unknown = await ask(ADVOCATE_CALLER, RECORD, { input: reviewInput({ trialId: 'trial-nobody-registered' }) });
    expectOnlyError(unknown, { code: 'FORBIDDEN', rule: 'advocate-review-author', field: 'input.trialId' }, /names no trial whose sponsor invited PATIENT_ADVOCATE advocates-01/);
    expect(unknown.errors![0].message).not.toContain('trial-nobody-registered');
    expect(await reviewCount()).toBe(before);
  });

  test('the invited group records its review and sees the trial, as it did from the invitation on', async () => {
    const trialAsGroup = `query ($id: ID!) { trial(id: $id) { id protocol { version } reviewInvitations { advocacyGroupId } } }`;
    const before = await ask(ADVOCATE_CALLER, trialAsGroup, { id: REVIEWED_TRIAL.id }, stack.gatewayUrl);
    expect(before.errors).toBeUndefined();
    expect(before.data.trial).toMatchObject({ id: REVIEWED_TRIAL.id, reviewInvitations: [{ advocacyGroupId: ADVOCATES }] });
    const { data, errors } = await ask(ADVOCATE_CALLER, RECORD, { input: reviewInput({ findings: [] }) });
    expect(errors).toBeUndefined();
    expect(data.recordAdvocateReview).toMatchObject({ advocacyGroupId: ADVOCATES, trial: { id: REVIEWED_TRIAL.id }, findings: [] });
    expect((await ask(ADVOCATE_CALLER, trialAsGroup, { id: REVIEWED_TRIAL.id }, stack.gatewayUrl)).data).toEqual(before.data);
  });

  test('the review and its findings are stored together: a failure storing a finding stores no review', async () => {
    const before = await reviewCount();
    await withFailingTrigger('review_findings', 'INSERT', `NEW.area = 'Consent form'`, async () => {
      const { data, errors } = await ask(ADVOCATE_CALLER, RECORD, { input: reviewInput() });
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
    });
    expect(await reviewCount()).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------
// decideOnFinding

const DECIDE = `mutation ($input: DecideOnFindingInput!) { decideOnFinding(input: $input) { id sponsorDecision version } }`;
const decide = (caller: Caller, findingId: string, decision: string, expectedVersion = 1) =>
  ask(caller, DECIDE, { input: { findingId, decision, expectedVersion } });
const storedFinding = async (id: string) =>
  (await sql('SELECT sponsor_decision, version FROM review_findings WHERE id = $1', [id]))[0] as { sponsor_decision: string; version: number };

describe('decideOnFinding', () => {
  const [ADOPT, CONFLICT, RACE, REFUSED, FAILS, BAD_INPUT, TWICE] = FINDINGS;

  test('the trial\'s sponsor decides; the finding moves to the next version', async () => {
    const { data, errors } = await decide(SPONSOR_CALLER, ADOPT, 'ADOPTED');
    expect(errors).toBeUndefined();
    expect(data.decideOnFinding).toEqual({ id: ADOPT, sponsorDecision: 'ADOPTED', version: 2 });
    expect(await storedFinding(ADOPT)).toEqual({ sponsor_decision: 'ADOPTED', version: 2 });
    // And it may change its mind from what it last read.
    const again = await decide(SPONSOR_CALLER, ADOPT, 'PARTIALLY_ADOPTED', 2);
    expect(again.data.decideOnFinding).toEqual({ id: ADOPT, sponsorDecision: 'PARTIALLY_ADOPTED', version: 3 });
  });

  test('a stale expectedVersion is CONFLICT with the current version, and the finding is unchanged', async () => {
    await decide(SPONSOR_CALLER, CONFLICT, 'DECLINED');
    const response = await decide(SPONSOR_CALLER, CONFLICT, 'ADOPTED', 1);
    expectOnlyError(response, { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 2 }, /is at version 2, not 1/);
    expect(await storedFinding(CONFLICT)).toEqual({ sponsor_decision: 'DECLINED', version: 2 });
  });

  test('two decisions from the same version at once: one is stored, the other is CONFLICT', async () => {
    const [first, second] = await Promise.all([decide(SPONSOR_CALLER, RACE, 'ADOPTED'), decide(SPONSOR_CALLER, RACE, 'DECLINED')]);
    const won = [first, second].filter((response) => !response.errors);
    const lost = [first, second].filter((response) => response.errors);
    expect(won).toHaveLength(1);
    expect(lost.map((response) => response.errors![0].extensions!.code)).toEqual(['CONFLICT']);
    expect(await storedFinding(RACE)).toEqual({ sponsor_decision: won[0].data.decideOnFinding.sponsorDecision, version: 2 });
  });

  test('another sponsor may not decide on a finding about a trial it does not sponsor', async () => {
    const response = await decide(['SPONSOR', OTHER_SPONSOR], REFUSED, 'DECLINED');
    expectOnlyError(
      response,
      { code: 'FORBIDDEN', rule: 'finding-decision', field: 'input.findingId' },
      new RegExp(`Only the sponsor of the trial a finding is about may decide on it; input\\.findingId names no finding on a trial of SPONSOR ${OTHER_SPONSOR}$`),
    );
    expect(await storedFinding(REFUSED)).toEqual({ sponsor_decision: 'PENDING', version: 1 });
  });

  test.each<[string, Caller]>([
    ['a site', SITE_CALLER],
    ['a CRO', ['CRO', CRO]],
    ['the advocates who raised it', ADVOCATE_CALLER],
    ['a platform admin', ADMIN],
  ])('%s may not decide on a finding: FORBIDDEN', async (_, caller) => {
    expectOnlyError(await decide(caller, REFUSED, 'ADOPTED'), { code: 'FORBIDDEN', rule: 'finding-decision' }, /Only SPONSOR callers may decide/);
    expect(await storedFinding(REFUSED)).toEqual({ sponsor_decision: 'PENDING', version: 1 });
  });

  test('PENDING is not a decision: BAD_USER_INPUT; an unknown finding is refused as another sponsor\'s is, word for word', async () => {
    expectOnlyError(await decide(SPONSOR_CALLER, BAD_INPUT, 'PENDING'), { code: 'BAD_USER_INPUT', field: 'input.decision' }, /PENDING is where findings start/);
    const unknown = await decide(['SPONSOR', OTHER_SPONSOR], 'finding-nobody-made', 'DECLINED');
    expectOnlyError(unknown, { code: 'FORBIDDEN', rule: 'finding-decision', field: 'input.findingId' });
    expect(unknown).toEqual(await decide(['SPONSOR', OTHER_SPONSOR], REFUSED, 'DECLINED'));
    expect(await storedFinding(BAD_INPUT)).toEqual({ sponsor_decision: 'PENDING', version: 1 });
    expect(await storedFinding(REFUSED)).toEqual({ sponsor_decision: 'PENDING', version: 1 });
  });

  test('the version and the decision change together: a failure storing the decision leaves the version as it was', async () => {
    await withFailingTrigger('review_findings', 'UPDATE', `NEW.sponsor_decision = 'DECLINED'`, async () => {
      const { errors } = await decide(SPONSOR_CALLER, FAILS, 'DECLINED');
      expect(errors).toHaveLength(1);
    });
    expect(await storedFinding(FAILS)).toEqual({ sponsor_decision: 'PENDING', version: 1 });
  });

  test('two decisions on one finding in one request: the second answers what is stored, and so does a later read', async () => {
    const twice = `mutation ($id: ID!) {
      a: decideOnFinding(input: { findingId: $id, decision: ADOPTED, expectedVersion: 1 }) { id sponsorDecision version }
      b: decideOnFinding(input: { findingId: $id, decision: DECLINED, expectedVersion: 2 }) { id sponsorDecision version } }`;
    const { data, errors } = await ask(SPONSOR_CALLER, twice, { id: TWICE });
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      a: { id: TWICE, sponsorDecision: 'ADOPTED', version: 2 },
      b: { id: TWICE, sponsorDecision: 'DECLINED', version: 3 },
    });
    expect(await storedFinding(TWICE)).toEqual({ sponsor_decision: 'DECLINED', version: 3 });
    const read = await ask(SPONSOR_CALLER, `query ($t: ID) { advocateReviews(trialId: $t) { findings { id sponsorDecision version } } }`, { t: REVIEWED_TRIAL.id });
    const findings = read.data.advocateReviews.flatMap((review: any) => review.findings);
    expect(findings.filter((finding: any) => finding.id === TWICE)).toEqual([{ id: TWICE, sponsorDecision: 'DECLINED', version: 3 }]);
  });
});

describe('two writes in one request', () => {
  test('a second review of the same trial is in the trial\'s reviews answered after it, not the list cached by the first', async () => {
    const twice = `mutation ($first: RecordAdvocateReviewInput!, $second: RecordAdvocateReviewInput!) {
      a: recordAdvocateReview(input: $first) { id trial { advocateReviews { id } } }
      b: recordAdvocateReview(input: $second) { id trial { advocateReviews { id } } } }`;
    const { data, errors } = await ask(ADVOCATE_CALLER, twice, { first: reviewInput({ findings: [] }), second: reviewInput({ protocolVersion: 3, findings: [] }) });
    expect(errors).toBeUndefined();
    const stored: string[] = (await sql('SELECT id FROM advocate_reviews WHERE trial_id = $1 AND advocacy_group_id = $2', [REVIEWED_TRIAL.id, ADVOCATES])).map((row) => row.id);
    const listed = (answer: any) => answer.trial.advocateReviews.map((review: any) => review.id).sort();
    expect(stored).toEqual(expect.arrayContaining([data.a.id, data.b.id]));
    expect(listed(data.a)).not.toContain(data.b.id);
    expect(listed(data.b)).toEqual([...stored].sort());
    const read = await ask(ADVOCATE_CALLER, `query ($t: ID) { advocateReviews(trialId: $t) { id } }`, { t: REVIEWED_TRIAL.id });
    expect(read.data.advocateReviews.map((review: any) => review.id).sort()).toEqual([...stored].sort());
  });
});
