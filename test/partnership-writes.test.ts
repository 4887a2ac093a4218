// Every party maintains its own data through the gateway, and what one party writes changes what
// the others may see: a sponsor selecting a site makes the trial visible to it, and the site
// accepting the selection makes the sponsor a partner the site's PARTNERS policy shares with; a site's feedback reaches the sponsor;
// the sponsor's invitation lets an advocacy group see the protocol and review it, and the review's
// findings are the sponsor's to decide; a site's survey responses become the sponsor's aggregate, counted once however often sent.
import { generateDemoDataset } from '../seed/generate';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { as } from './support/tokens';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const NCT_ID = 'NCT09999991';

// A sponsor and a site that have never worked together, a second sponsor who is a stranger to the
// site, a CRO with an engagement of the sponsor's, and an advocacy group.
const sponsor = dataset.sponsors.find((candidate) => dataset.engagements.some((engagement) => engagement.sponsorId === candidate.id))!;
const partnersOf = (siteId: string) => new Set(dataset.partnerships.filter((partnership) => partnership.siteId === siteId).map((partnership) => partnership.sponsorId));
const site = dataset.sites.find((candidate) => !partnersOf(candidate.id).has(sponsor.id) && partnersOf(candidate.id).size < dataset.sponsors.length - 1)!;
const stranger = dataset.sponsors.find((candidate) => candidate.id !== sponsor.id && !partnersOf(site.id).has(candidate.id))!;
const otherSite = dataset.sites.find((candidate) => candidate.id !== site.id)!;
const engagement = dataset.engagements.find((candidate) => candidate.sponsorId === sponsor.id)!;
const advocate = dataset.advocacyGroups[0];

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 120_000);
afterAll(() => stack?.shutdown());

async function run(party: PartyKind, orgId: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await stack.query(query, variables, await as(party, orgId));
  return response;
}
/** Runs an operation that must succeed and returns its data. */
async function ok(party: PartyKind, orgId: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await run(party, orgId, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data;
}

const PROTOCOL = {
  effectiveOn: '2026-09-01',
  visits: [
    { number: 1, name: 'Screening', dayOffset: 0, durationMinutes: 120, procedures: ['Consent', 'Blood draw'] },
    { number: 2, name: 'Week 4', dayOffset: 28, durationMinutes: 60, procedures: ['Blood draw', 'Quality of life questionnaire'] },
  ],
  procedures: [
    { name: 'Consent', invasive: false, patientReported: false, durationMinutes: 30 },
    { name: 'Blood draw', invasive: true, patientReported: false, durationMinutes: 15 },
    { name: 'Quality of life questionnaire', invasive: false, patientReported: true, durationMinutes: 20 },
  ],
  inclusionCriteriaCount: 8,
  exclusionCriteriaCount: 12,
  endpoints: [{ kind: 'PRIMARY', count: 1 }],
  countries: [site.countryCode],
};

let trialId: string;
let trialSiteId: string;

test('a sponsor creates a trial; a site sees it only once the sponsor selects the site', async () => {
  const created = await ok('SPONSOR', sponsor.id, `mutation ($input: CreateTrialInput!) { createTrial(input: $input) { id nctId version status sponsor { id } } }`, {
    input: { nctId: NCT_ID, title: 'A walking programme after knee replacement', phase: 'PHASE_2', therapeuticArea: 'Orthopedics', enrollmentTarget: 40, protocol: PROTOCOL },
  });
  expect(created.createTrial).toMatchObject({ nctId: NCT_ID, version: 1, status: 'PLANNED', sponsor: { id: sponsor.id } });
  trialId = created.createTrial.id;

  const before = await run('SITE', site.id, `query ($nctId: String!) { trial(nctId: $nctId) { id } }`, { nctId: NCT_ID });
  expect(before.data?.trial).toBeNull();
  expect(before.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

  const selected = await ok('SPONSOR', sponsor.id, `mutation ($input: SelectSitesInput!) { selectSites(input: $input) { version sites { id status site { id } } } }`, {
    input: { trialId, expectedVersion: 1, selectedOn: '2026-10-01', sites: [{ siteId: site.id, enrollmentTarget: 12 }] },
  });
  expect(selected.selectSites.version).toBe(2);
  expect(selected.selectSites.sites).toEqual([expect.objectContaining({ status: 'SELECTED', site: { id: site.id } })]);
  trialSiteId = selected.selectSites.sites[0].id;

  const after = await ok('SITE', site.id, `query ($nctId: String!) { trial(nctId: $nctId) { id protocol { version } sites { site { id } } } }`, { nctId: NCT_ID });
  expect(after.trial).toEqual({ id: trialId, protocol: { version: 1 }, sites: [{ site: { id: site.id } }] });
});

test('a stale version is a CONFLICT and changes nothing', async () => {
  const stale = await run('SPONSOR', sponsor.id, `mutation ($input: SelectSitesInput!) { selectSites(input: $input) { version } }`, {
    input: { trialId, expectedVersion: 1, selectedOn: '2026-10-02', sites: [{ siteId: otherSite.id }] },
  });
  expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  const trial = await ok('SPONSOR', sponsor.id, `query ($nctId: String!) { trial(nctId: $nctId) { version sites { id } } }`, { nctId: NCT_ID });
  expect(trial.trial).toEqual({ version: 2, sites: [{ id: trialSiteId }] });
});

test('the site shares its capacity with PARTNERS: the sponsor that selected it sees it once the site accepted, a stranger never', async () => {
  const read = await ok('SITE', site.id, `query ($id: ID!) { site(id: $id) { version } }`, { id: site.id });
  await ok('SITE', site.id, `mutation ($input: SetSharingPolicyInput!) { setSharingPolicy(input: $input) { sharingPolicy { capacity } } }`, {
    input: { siteId: site.id, expectedVersion: read.site.version, capacity: 'PARTNERS', staff: 'SITE_ONLY', assets: 'SITE_ONLY' },
  });
  const capacity = `query ($id: ID!) { site(id: $id) { capacity { maxConcurrentTrials } } }`;
  // Selected, not yet accepted: the selection alone makes no partner.
  const selectedOnly = await run('SPONSOR', sponsor.id, capacity, { id: site.id });
  expect(selectedOnly.data?.site.capacity).toBeNull();
  expect(selectedOnly.errors?.[0]).toMatchObject({ path: ['site', 'capacity'], extensions: { code: 'FORBIDDEN', rule: 'site-sharing-policy' } });
  const accepted = await ok('SITE', site.id, `mutation ($input: AnswerSiteSelectionInput!) { acceptSiteSelection(input: $input) { siteResponse version } }`, {
    input: { trialSiteId, expectedVersion: 1, respondedOn: '2026-10-03' },
  });
  expect(accepted.acceptSiteSelection).toEqual({ siteResponse: 'ACCEPTED', version: 2 });
  const partner = await ok('SPONSOR', sponsor.id, capacity, { id: site.id });
  expect(partner.site.capacity).toEqual({ maxConcurrentTrials: site.capacity.maxConcurrentTrials });
  const outsider = await run('SPONSOR', stranger.id, capacity, { id: site.id });
  expect(outsider.data?.site.capacity).toBeNull();
  expect(outsider.errors?.[0]).toMatchObject({ path: ['site', 'capacity'], extensions: { code: 'FORBIDDEN', rule: 'site-sharing-policy' } });
});

test('the sponsor activates the site and records enrollment; the site raises feedback and the sponsor answers it', async () => {
  const activated = await ok('SPONSOR', sponsor.id, `mutation ($input: ActivateTrialSiteInput!) { activateTrialSite(input: $input) { status version activationCycleDays } }`, {
    input: { trialSiteId, expectedVersion: 2, activatedOn: '2026-10-31' },
  });
  expect(activated.activateTrialSite).toEqual({ status: 'ACTIVATED', version: 3, activationCycleDays: 30 });
  const enrolled = await ok('SPONSOR', sponsor.id, `mutation ($input: RecordEnrollmentInput!) { recordEnrollment(input: $input) { status screened enrolled screenFailureRate } }`, {
    input: { trialSiteId, expectedVersion: 3, screened: 10, enrolled: 8, withdrawn: 0, firstPatientInOn: '2026-11-10' },
  });
  expect(enrolled.recordEnrollment).toEqual({ status: 'ENROLLING', screened: 10, enrolled: 8, screenFailureRate: 0.2 });

  // The site may not write the sponsor's figures.
  const refused = await run('SITE', site.id, `mutation ($input: RecordEnrollmentInput!) { recordEnrollment(input: $input) { enrolled } }`, {
    input: { trialSiteId, expectedVersion: 4, screened: 99, enrolled: 99, withdrawn: 0 },
  });
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  const raised = await ok('SITE', site.id, `mutation ($input: RaiseProtocolFeedbackInput!) { raiseProtocolFeedback(input: $input) { id status protocolVersion version } }`, {
    input: { trialId, topic: 'VISIT_SCHEDULE', body: 'Week 4 falls in our August closure; could it move to week 5?' },
  });
  expect(raised.raiseProtocolFeedback).toMatchObject({ status: 'OPEN', protocolVersion: 1 });
  const answered = await ok('SPONSOR', sponsor.id, `mutation ($input: RespondToProtocolFeedbackInput!) { respondToProtocolFeedback(input: $input) { status response respondedAt } }`, {
    input: { feedbackId: raised.raiseProtocolFeedback.id, expectedVersion: raised.raiseProtocolFeedback.version, status: 'ADOPTED', response: 'Moved to week 5 in the next amendment.' },
  });
  expect(answered.respondToProtocolFeedback).toMatchObject({ status: 'ADOPTED', response: 'Moved to week 5 in the next amendment.' });
  expect(answered.respondToProtocolFeedback.respondedAt).toEqual(expect.any(String));
});

test('the CRO sets who does what on its engagement and the answer shows the gaps that leaves', async () => {
  const read = await ok('CRO', engagement.croId, `query ($id: ID!) { cro(id: $id) { engagements { id version servicesInScope } } }`, { id: engagement.croId });
  const current = read.cro.engagements.find((candidate: any) => candidate.id === engagement.id);
  const [covered, ...uncovered] = current.servicesInScope;
  const answer = await ok('CRO', engagement.croId, `mutation ($input: SetResponsibilitiesInput!) { setResponsibilities(input: $input) { version responsibilityGaps responsibilityConflicts } }`, {
    input: { engagementId: engagement.id, expectedVersion: current.version, responsibilities: [{ activity: covered, responsible: ['CRO'], accountable: ['SPONSOR', 'CRO'] }] },
  });
  expect(answer.setResponsibilities).toEqual({ version: current.version + 1, responsibilityGaps: uncovered, responsibilityConflicts: [covered] });
  // The sponsor sees the same engagement as its CRO left it.
  const seen = await ok('SPONSOR', sponsor.id, `query ($id: ID!) { cro(id: $id) { engagements { id responsibilityGaps } } }`, { id: engagement.croId });
  expect(seen.cro.engagements.find((candidate: any) => candidate.id === engagement.id).responsibilityGaps).toEqual(uncovered);
});

test('a site\'s survey batch is stored once however often it is sent, and becomes the sponsor\'s aggregate', async () => {
  const responses = Array.from({ length: 12 }, (_, i) => ({
    clientResponseId: `flow-${i}`,
    trialId,
    siteId: site.id,
    visitNumber: 2,
    submittedMonth: '2026-11',
    burden: { travel: 3, visitLength: 2, procedures: 2, scheduling: 1, cost: 1 },
    understanding: 4,
    wouldRecommend: i % 4 !== 0,
  }));
  const submit = `mutation ($input: SubmitSurveyResponsesInput!) { submitSurveyResponses(input: $input) { accepted duplicates rejected } }`;
  expect((await ok('SITE', site.id, submit, { input: { responses } })).submitSurveyResponses).toEqual({ accepted: 12, duplicates: 0, rejected: 0 });
  expect((await ok('SITE', site.id, submit, { input: { responses } })).submitSurveyResponses).toEqual({ accepted: 0, duplicates: 12, rejected: 0 });

  const experience = await ok('SPONSOR', sponsor.id, `query ($nctId: String!) { trial(nctId: $nctId) { patientExperience { suppressed respondents recommendRate } } }`, { nctId: NCT_ID });
  expect(experience.trial.patientExperience).toEqual({ suppressed: false, respondents: 12, recommendRate: 0.75 });
});

test('the sponsor invites an advocacy group, which then sees the protocol and reviews it; the sponsor decides on the finding', async () => {
  const seeTrial = `query ($nctId: String!) { trial(nctId: $nctId) { id protocol { version } } }`;
  const recordReview = `mutation ($input: RecordAdvocateReviewInput!) { recordAdvocateReview(input: $input) { id findings { id version sponsorDecision } } }`;
  const reviewInput = {
    input: { trialId, protocolVersion: 1, format: 'PANEL', reviewedOn: '2026-11-15', findings: [{ area: 'Travel', severity: 'MEDIUM', recommendation: 'Reimburse travel before the visit, not after.' }] },
  };

  // Uninvited, the group neither sees the trial nor may review it (so a review cannot show it the trial).
  const before = await run('PATIENT_ADVOCATE', advocate.id, seeTrial, { nctId: NCT_ID });
  expect(before.data?.trial).toBeNull();
  expect(before.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'trial-relationship' });
  const refused = await run('PATIENT_ADVOCATE', advocate.id, recordReview, reviewInput);
  expect(refused.data).toBeNull();
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'advocate-review-author' });
  expect((await run('PATIENT_ADVOCATE', advocate.id, seeTrial, { nctId: NCT_ID })).data?.trial).toBeNull();

  // Only the sponsor invites; the group cannot invite itself.
  const invite = `mutation ($input: InviteAdvocateReviewInput!) { inviteAdvocateReview(input: $input) { advocacyGroupId invitedOn trial { id } } }`;
  const selfInvited = await run('PATIENT_ADVOCATE', advocate.id, invite, { input: { trialId, advocacyGroupId: advocate.id, invitedOn: '2026-11-01' } });
  expect(selfInvited.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
  const invited = await ok('SPONSOR', sponsor.id, invite, { input: { trialId, advocacyGroupId: advocate.id, invitedOn: '2026-11-01' } });
  expect(invited.inviteAdvocateReview).toEqual({ advocacyGroupId: advocate.id, invitedOn: '2026-11-01', trial: { id: trialId } });

  const after = await ok('PATIENT_ADVOCATE', advocate.id, seeTrial, { nctId: NCT_ID });
  expect(after.trial).toEqual({ id: trialId, protocol: { version: 1 } });

  const review = await ok('PATIENT_ADVOCATE', advocate.id, recordReview, reviewInput);
  const [finding] = review.recordAdvocateReview.findings;
  expect(finding).toMatchObject({ sponsorDecision: 'PENDING', version: 1 });

  // Only the trial's sponsor decides.
  const decide = `mutation ($input: DecideOnFindingInput!) { decideOnFinding(input: $input) { sponsorDecision version } }`;
  const byStranger = await run('SPONSOR', stranger.id, decide, { input: { findingId: finding.id, expectedVersion: 1, decision: 'DECLINED' } });
  expect(byStranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const decided = await ok('SPONSOR', sponsor.id, decide, { input: { findingId: finding.id, expectedVersion: 1, decision: 'ADOPTED' } });
  expect(decided.decideOnFinding).toEqual({ sponsorDecision: 'ADOPTED', version: 2 });

  const seen = await ok('PATIENT_ADVOCATE', advocate.id, `query ($nctId: String!) { trial(nctId: $nctId) { advocateReviews { findings { sponsorDecision } } } }`, { nctId: NCT_ID });
  expect(seen.trial.advocateReviews).toEqual([{ findings: [{ sponsorDecision: 'ADOPTED' }] }]);
});
