// The sponsors subgraph's writes, on the whole stack (selecting sites and sharing a programme ask
// the sites subgraph whether the sites exist). Each mutation: stored for its owner and read back;
// FORBIDDEN for every other kind of party, platform admins included; BAD_USER_INPUT naming the
// input field; CONFLICT on a stale version with the record unchanged; nothing written when it
// fails part way. Mutations go straight to the sponsors subgraph, as a partner system would.
import { generateDemoDataset } from '../seed/generate';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, type GraphQLResponse } from './support/subgraph-harness';
import { as, asAdmin } from './support/tokens';

const dataset = generateDemoDataset({ seed: 42, scale: 0.1 });

interface Caller {
  party: PartyKind;
  orgId: string;
}
const partnerSitesOf = (sponsorId: string) => dataset.partnerships.filter((p) => p.sponsorId === sponsorId).map((p) => p.siteId);
// The sponsor writing: one with partners and with sites it has never worked with.
const sponsorId = dataset.sponsors.find((sponsor) => partnerSitesOf(sponsor.id).length >= 2 && dataset.sites.length - partnerSitesOf(sponsor.id).length >= 3)!.id;
const owner: Caller = { party: 'SPONSOR', orgId: sponsorId };
const otherSponsor: Caller = { party: 'SPONSOR', orgId: dataset.sponsors.find((sponsor) => sponsor.id !== sponsorId)!.id };
const partnerSites = partnerSitesOf(sponsorId);
// Sites the sponsor already partners with, and sites it has never worked with.
const [partnerSite, secondPartnerSite] = partnerSites;
const [newSite, secondNewSite, thirdNewSite] = dataset.sites.map((site) => site.id).filter((id) => !partnerSites.includes(id));
const cro: Caller = { party: 'CRO', orgId: dataset.cros[0].id };
const advocate: Caller = { party: 'PATIENT_ADVOCATE', orgId: dataset.advocacyGroups[0].id };
const admin: Caller = { party: 'PLATFORM_ADMIN', orgId: 'platform' };
const siteCaller = (siteId: string): Caller => ({ party: 'SITE', orgId: siteId });

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 300_000);
afterAll(() => stack?.shutdown());

/** An operation straight to the sponsors subgraph, as this caller (a platform admin to read back). */
const send = async (caller: Caller | null, query: string, variables: Record<string, unknown> = {}) =>
  postGraphQL(stack.subgraphUrls.sponsors, query, variables, caller ? await as(caller.party, caller.orgId) : await asAdmin());
const sql = (query: string, parameters: unknown[] = []) => stack.databases.sponsors.dataSource.query(query, parameters);

/** The one error, with these extensions, on the mutation's path; no data. */
function expectFailure(response: GraphQLResponse, mutation: string, extensions: Record<string, unknown>) {
  expect(response.data?.[mutation] ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].path).toEqual([mutation]);
  expect(response.errors![0].extensions).toMatchObject(extensions);
}
const expectBadInput = (response: GraphQLResponse, mutation: string, field: string) =>
  expectFailure(response, mutation, { code: 'BAD_USER_INPUT', field });

/**
 * An id that names no record, refused as another party's record is: FORBIDDEN with the rule and
 * the field, in words that hold either way and do not echo the id (no write tells which ids exist).
 */
function expectNamesNone(response: GraphQLResponse, mutation: string, rule: string, field: string, id: string) {
  expectFailure(response, mutation, { code: 'FORBIDDEN', rule, field });
  expect(Object.keys(response.errors![0].extensions!).sort()).toEqual(['code', 'field', 'rule']);
  expect(response.errors![0].message).toContain(`; ${field} names no `);
  expect(response.errors![0].message).not.toContain(id);
}

// ---- Fixtures: each test works on records it makes itself ----

let nctSerial = 77_000_000;
const nextNctId = () => `NCT${++nctSerial}`;

const PROTOCOL = {
  effectiveOn: '2026-01-01',
  visits: [
    { number: 1, name: 'Screening', dayOffset: -14, durationMinutes: 120, procedures: ['Blood draw', 'ECG', 'QoL questionnaire'] },
    { number: 2, name: 'Baseline', dayOffset: 0, durationMinutes: 90, procedures: ['Blood draw', 'ECG'] },
    { number: 3, name: 'Week 4', dayOffset: 28, durationMinutes: 60, procedures: ['Blood draw'] },
  ],
  procedures: [
    { name: 'Blood draw', invasive: true, patientReported: false, durationMinutes: 10 },
    { name: 'ECG', invasive: false, patientReported: false, durationMinutes: 15 },
    { name: 'QoL questionnaire', invasive: false, patientReported: true, durationMinutes: 20 },
  ],
  inclusionCriteriaCount: 8,
  exclusionCriteriaCount: 12,
  endpoints: [
    { kind: 'PRIMARY', count: 1 },
    { kind: 'SECONDARY', count: 3 },
  ],
  countries: ['ES', 'PT'],
};

const TRIAL_FIELDS = `id nctId title phase status therapeuticArea conditions enrollmentTarget plannedStartOn plannedEndOn version sponsor { id }
  protocol { version effectiveOn amendmentReason visits { number procedures } procedures { name frequency } endpoints { kind count } countries }
  protocolVersions { version } complexity { score } sites { id site { id } status selectedOn enrollmentTarget version }`;

const CREATE_TRIAL = `mutation ($input: CreateTrialInput!) { createTrial(input: $input) { ${TRIAL_FIELDS} } }`;
const PUBLISH = `mutation ($input: PublishProtocolVersionInput!) { publishProtocolVersion(input: $input) { ${TRIAL_FIELDS} } }`;
const SELECT_SITES = `mutation ($input: SelectSitesInput!) { selectSites(input: $input) { ${TRIAL_FIELDS} } }`;
const TRIAL_SITE_FIELDS = `id status selectedOn activatedOn firstPatientInOn screened enrolled withdrawn activationCycleDays version trial { id }`;
const ANSWER_FIELDS = 'id siteResponse respondedOn version site { id }';
const ACCEPT = `mutation ($input: AnswerSiteSelectionInput!) { acceptSiteSelection(input: $input) { ${ANSWER_FIELDS} } }`;
const DECLINE = `mutation ($input: AnswerSiteSelectionInput!) { declineSiteSelection(input: $input) { ${ANSWER_FIELDS} } }`;
const ACTIVATE = `mutation ($input: ActivateTrialSiteInput!) { activateTrialSite(input: $input) { ${TRIAL_SITE_FIELDS} } }`;
const RECORD_ENROLLMENT = `mutation ($input: RecordEnrollmentInput!) { recordEnrollment(input: $input) { ${TRIAL_SITE_FIELDS} } }`;
const PROGRAM_FIELDS = `id sponsor { id } indication therapeuticArea phase plannedStartQuarter estimatedSites countries sharedWith { id } version`;
const SHARE_PROGRAM = `mutation ($input: SharePipelineProgramInput!) { sharePipelineProgram(input: $input) { ${PROGRAM_FIELDS} } }`;
const RECORD_INVESTMENT = `mutation ($input: RecordInvestmentInput!) { recordInvestment(input: $input) {
  id sponsor { id } site { id } investments { id kind description amount { amount currency } reusableBeyondTrial investedOn } } }`;
const FEEDBACK_FIELDS = `id trial { id } protocolVersion site { id } topic body raisedAt status response respondedAt version`;
const RAISE = `mutation ($input: RaiseProtocolFeedbackInput!) { raiseProtocolFeedback(input: $input) { ${FEEDBACK_FIELDS} } }`;
const RESPOND = `mutation ($input: RespondToProtocolFeedbackInput!) { respondToProtocolFeedback(input: $input) { ${FEEDBACK_FIELDS} } }`;

const trialInput = (overrides: Record<string, unknown> = {}) => ({
  nctId: nextNctId(),
  title: 'NVG-301 versus standard of care in early heart failure',
  phase: 'PHASE_3',
  therapeuticArea: 'CARDIOLOGY',
  conditions: ['Heart failure'],
  enrollmentTarget: 400,
  plannedStartOn: '2026-03-01',
  plannedEndOn: '2029-02-28',
  protocol: PROTOCOL,
  ...overrides,
});

async function createTrial(overrides: Record<string, unknown> = {}) {
  const response = await send(owner, CREATE_TRIAL, { input: trialInput(overrides) });
  expect(response.errors).toBeUndefined();
  return response.data.createTrial;
}

/** A trial of the owner's with sites selected: returns the trial and its rows by site. */
async function trialWithSites(siteIds: string[], selectedOn = '2026-02-01') {
  const trial = await createTrial();
  const response = await send(owner, SELECT_SITES, {
    input: { trialId: trial.id, expectedVersion: trial.version, selectedOn, sites: siteIds.map((siteId) => ({ siteId, enrollmentTarget: 20 })) },
  });
  expect(response.errors).toBeUndefined();
  const rows = Object.fromEntries(response.data.selectSites.sites.map((row: any) => [row.site.id, row]));
  return { trial: response.data.selectSites, rows };
}

/** A selection of `siteId` that the site accepted: at version 2, ready to be activated. */
async function acceptedRow(siteId: string, selectedOn = '2026-02-01') {
  const { trial, rows } = await trialWithSites([siteId], selectedOn);
  const accepted = await send(siteCaller(siteId), ACCEPT, { input: { trialSiteId: rows[siteId].id, expectedVersion: 1, respondedOn: selectedOn } });
  expect(accepted.errors).toBeUndefined();
  return { trial, row: { ...rows[siteId], version: 2 } };
}

async function readTrial(id: string) {
  const { data } = await send(null, `query ($id: ID!) { trial(id: $id) { ${TRIAL_FIELDS} } }`, { id });
  return data.trial;
}
async function readTrialSite(trialId: string, trialSiteId: string) {
  return (await readTrial(trialId)).sites.find((row: any) => row.id === trialSiteId);
}

const NOT_OWNERS: [string, () => Caller][] = [
  ['another sponsor', () => otherSponsor],
  ['a site', () => siteCaller(partnerSite)],
  ['a CRO', () => cro],
  ['a patient advocate', () => advocate],
  ['a platform admin', () => admin],
];

// ---- createTrial ----

describe('createTrial', () => {
  test('a sponsor registers a PLANNED trial of its own with its first protocol version', async () => {
    const input = trialInput();
    const { data, errors } = await send(owner, CREATE_TRIAL, { input });
    expect(errors).toBeUndefined();
    const stored = await readTrial(data.createTrial.id);
    expect(stored).toEqual(data.createTrial);
    expect(stored).toMatchObject({
      nctId: input.nctId,
      title: input.title,
      phase: 'PHASE_3',
      status: 'PLANNED',
      therapeuticArea: 'CARDIOLOGY',
      conditions: ['Heart failure'],
      enrollmentTarget: 400,
      plannedStartOn: '2026-03-01',
      plannedEndOn: '2029-02-28',
      version: 1,
      sponsor: { id: sponsorId },
      protocolVersions: [{ version: 1 }],
      sites: [],
    });
    expect(stored.protocol).toEqual({
      version: 1,
      effectiveOn: '2026-01-01',
      amendmentReason: null,
      visits: PROTOCOL.visits.map(({ number, procedures }) => ({ number, procedures })),
      procedures: [
        { name: 'Blood draw', frequency: 3 },
        { name: 'ECG', frequency: 2 },
        { name: 'QoL questionnaire', frequency: 1 },
      ],
      endpoints: [
        { kind: 'PRIMARY', count: 1 },
        { kind: 'SECONDARY', count: 3 },
        { kind: 'OTHER', count: 0 },
      ],
      countries: ['ES', 'PT'],
    });
    // 3 distinct and 6 total procedures, 3 visits, 4 endpoints score 0; 20 criteria and 2 countries 1 each.
    expect(stored.complexity).toEqual({ score: 2 });
  });

  test('a trial may be registered before its protocol is written', async () => {
    const trial = await createTrial({ protocol: null });
    expect(await readTrial(trial.id)).toMatchObject({ protocol: null, protocolVersions: [], complexity: null, version: 1 });
  });

  test.each([...NOT_OWNERS.filter(([name]) => name !== 'another sponsor')])('%s may not register a trial, and nothing is stored', async (_, caller) => {
    const input = trialInput();
    const response = await send(caller(), CREATE_TRIAL, { input });
    expectFailure(response, 'createTrial', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
    expect(await sql('SELECT id FROM trials WHERE nct_id = $1', [input.nctId])).toEqual([]);
  });

  test('a sponsor token for an organisation this subgraph does not know registers nothing', async () => {
    const input = trialInput();
    expectFailure(await send({ party: 'SPONSOR', orgId: 'sponsor-999' }, CREATE_TRIAL, { input }), 'createTrial', {
      code: 'FORBIDDEN',
      rule: 'sponsor-writes-own-trials',
    });
    expect(await sql('SELECT id FROM trials WHERE nct_id = $1', [input.nctId])).toEqual([]);
  });

  test.each([
    ['an NCT id that is not NCT and 8 digits', { nctId: 'NCT1234' }, 'input.nctId'],
    ['an NCT id already registered', { nctId: dataset.trials[0].nctId }, 'input.nctId'],
    ['an empty title', { title: '   ' }, 'input.title'],
    ['a negative enrollment target', { enrollmentTarget: -1 }, 'input.enrollmentTarget'],
    ['an end before the start', { plannedEndOn: '2026-02-28' }, 'input.plannedEndOn'],
    ['a visit listing a procedure the protocol does not', { protocol: { ...PROTOCOL, visits: [PROTOCOL.visits[0], { ...PROTOCOL.visits[1], procedures: ['ECG', 'MRI'] }] } }, 'input.protocol.visits[1].procedures[1]'],
    ['two visits with one number', { protocol: { ...PROTOCOL, visits: [PROTOCOL.visits[0], { ...PROTOCOL.visits[1], number: 1 }] } }, 'input.protocol.visits[1].number'],
    ['a procedure named twice', { protocol: { ...PROTOCOL, procedures: [...PROTOCOL.procedures, PROTOCOL.procedures[1]] } }, 'input.protocol.procedures[3].name'],
    ['a country that is not ISO 3166-1', { protocol: { ...PROTOCOL, countries: ['ES', 'XX'] } }, 'input.protocol.countries[1]'],
    ['one endpoint kind counted twice', { protocol: { ...PROTOCOL, endpoints: [...PROTOCOL.endpoints, { kind: 'PRIMARY', count: 2 }] } }, 'input.protocol.endpoints[2].kind'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is stored', async (_, overrides, field) => {
    const before = await sql('SELECT count(*)::int AS trials FROM trials');
    const response = await send(owner, CREATE_TRIAL, { input: trialInput(overrides) });
    expectBadInput(response, 'createTrial', field);
    expect(response.errors![0].message.length).toBeGreaterThan(20);
    expect(await sql('SELECT count(*)::int AS trials FROM trials')).toEqual(before);
  });
});

// ---- publishProtocolVersion ----

describe('publishProtocolVersion', () => {
  const amendment = (trialId: string, expectedVersion: number, overrides: Record<string, unknown> = {}) => {
    const { countries, ...design } = PROTOCOL;
    return {
      input: {
        trialId,
        expectedVersion,
        ...design,
        effectiveOn: '2026-06-01',
        amendmentReason: 'Week 4 visit made remote',
        visits: PROTOCOL.visits.slice(0, 2),
        countries: [...countries, 'FR'],
        ...overrides,
      },
    };
  };

  test('the sponsor publishes the next version with its reason; the trial moves to the next version', async () => {
    const trial = await createTrial();
    const { data, errors } = await send(owner, PUBLISH, amendment(trial.id, 1));
    expect(errors).toBeUndefined();
    expect(data.publishProtocolVersion.version).toBe(2);
    const stored = await readTrial(trial.id);
    expect(stored.protocolVersions).toEqual([{ version: 1 }, { version: 2 }]);
    expect(stored.protocol).toMatchObject({ version: 2, effectiveOn: '2026-06-01', amendmentReason: 'Week 4 visit made remote', countries: ['ES', 'PT', 'FR'] });
    expect(stored.protocol.visits).toHaveLength(2);
  });

  test('two amendments in one request: the second answers the versions stored, not what the first read', async () => {
    const trial = await createTrial();
    const FIELDS = 'version protocol { version amendmentReason } protocolVersions { version }';
    const { data, errors } = await send(
      owner,
      `mutation ($a: PublishProtocolVersionInput!, $b: PublishProtocolVersionInput!) {
        a: publishProtocolVersion(input: $a) { ${FIELDS} }
        b: publishProtocolVersion(input: $b) { ${FIELDS} }
      }`,
      {
        a: amendment(trial.id, 1, { effectiveOn: '2026-06-01', amendmentReason: 'Week 4 visit made remote' }).input,
        // The version `a` moves the trial to: the caller read it from a's answer.
        b: amendment(trial.id, 2, { effectiveOn: '2026-07-01', amendmentReason: 'ECG dropped at baseline' }).input,
      },
    );
    expect(errors).toBeUndefined();
    expect(data.a).toEqual({ version: 2, protocol: { version: 2, amendmentReason: 'Week 4 visit made remote' }, protocolVersions: [{ version: 1 }, { version: 2 }] });
    const stored = { version: 3, protocol: { version: 3, amendmentReason: 'ECG dropped at baseline' }, protocolVersions: [{ version: 1 }, { version: 2 }, { version: 3 }] };
    expect(data.b).toEqual(stored);
    expect(await readTrial(trial.id)).toMatchObject(stored);
  });

  test('the first version of a trial registered without one carries no amendment reason', async () => {
    const trial = await createTrial({ protocol: null });
    const withReason = await send(owner, PUBLISH, amendment(trial.id, 1));
    expectBadInput(withReason, 'publishProtocolVersion', 'input.amendmentReason');
    const { data, errors } = await send(owner, PUBLISH, amendment(trial.id, 1, { amendmentReason: null }));
    expect(errors).toBeUndefined();
    expect(data.publishProtocolVersion.protocol).toMatchObject({ version: 1, amendmentReason: null });
  });

  test('a stale expectedVersion is a CONFLICT and nothing changes', async () => {
    const trial = await createTrial();
    await send(owner, PUBLISH, amendment(trial.id, 1));
    const response = await send(owner, PUBLISH, amendment(trial.id, 1, { amendmentReason: 'Written on a stale read' }));
    expectFailure(response, 'publishProtocolVersion', { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 2 });
    const stored = await readTrial(trial.id);
    expect(stored.version).toBe(2);
    expect(stored.protocolVersions).toEqual([{ version: 1 }, { version: 2 }]);
  });

  test.each([
    ['an amendment without a reason', { amendmentReason: null }, 'input.amendmentReason'],
    ['an amendment taking effect before the version it amends', { effectiveOn: '2025-12-31' }, 'input.effectiveOn'],
  ])('%s is refused after the version was claimed, and the claim is rolled back', async (_, overrides, field) => {
    const trial = await createTrial();
    expectBadInput(await send(owner, PUBLISH, amendment(trial.id, 1, overrides)), 'publishProtocolVersion', field);
    const stored = await readTrial(trial.id);
    expect(stored.version).toBe(1);
    expect(stored.protocolVersions).toEqual([{ version: 1 }]);
  });

  test('a visit listing an unknown procedure is BAD_USER_INPUT naming it', async () => {
    const trial = await createTrial();
    const visits = [{ ...PROTOCOL.visits[0], procedures: ['Blood draw', 'Biopsy'] }];
    expectBadInput(await send(owner, PUBLISH, amendment(trial.id, 1, { visits })), 'publishProtocolVersion', 'input.visits[0].procedures[1]');
  });

  test("an unknown trial is refused as another sponsor's is: FORBIDDEN naming input.trialId", async () => {
    expectNamesNone(await send(owner, PUBLISH, amendment('trial-nope', 1)), 'publishProtocolVersion', 'sponsor-writes-own-trials', 'input.trialId', 'trial-nope');
  });

  test.each(NOT_OWNERS)('%s may not amend the sponsor’s protocol', async (_, caller) => {
    const trial = await createTrial();
    expectFailure(await send(caller(), PUBLISH, amendment(trial.id, 1)), 'publishProtocolVersion', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
    expect((await readTrial(trial.id)).protocolVersions).toEqual([{ version: 1 }]);
  });
});

// ---- selectSites ----

describe('selectSites', () => {
  const partnershipsWith = (siteId: string) => sql('SELECT id, since FROM partnerships WHERE sponsor_id = $1 AND site_id = $2', [sponsorId, siteId]);

  const rowOf = async (trialId: string, siteId: string) =>
    (await send(null, `query ($id: ID!) { trial(id: $id) { sites { ${ANSWER_FIELDS} } } }`, { id: trialId })).data.trial.sites.find((row: any) => row.site.id === siteId);

  test('the sponsor selects sites; each selection waits for the site, and no partnership comes of it until the site accepts', async () => {
    const trial = await createTrial();
    const partnershipBefore = await partnershipsWith(partnerSite);
    expect(await partnershipsWith(newSite)).toEqual([]);
    const { data, errors } = await send(owner, SELECT_SITES, {
      input: { trialId: trial.id, expectedVersion: 1, selectedOn: '2026-02-15', sites: [{ siteId: partnerSite, enrollmentTarget: 30 }, { siteId: newSite }] },
    });
    expect(errors).toBeUndefined();
    expect(data.selectSites.version).toBe(2);
    const stored = await readTrial(trial.id);
    expect(stored.sites.map((row: any) => [row.site.id, row.status, row.selectedOn, row.enrollmentTarget, row.version]).sort()).toEqual(
      [
        [partnerSite, 'SELECTED', '2026-02-15', 30, 1],
        [newSite, 'SELECTED', '2026-02-15', null, 1],
      ].sort(),
    );
    expect(await rowOf(trial.id, newSite)).toMatchObject({ siteResponse: 'PENDING', respondedOn: null });
    expect(await partnershipsWith(partnerSite)).toEqual(partnershipBefore);
    expect(await partnershipsWith(newSite)).toEqual([]);

    // The site accepts: the partnership starts that day.
    const row = await rowOf(trial.id, newSite);
    const accepted = await send(siteCaller(newSite), ACCEPT, { input: { trialSiteId: row.id, expectedVersion: row.version, respondedOn: '2026-02-20' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptSiteSelection).toEqual({ id: row.id, siteResponse: 'ACCEPTED', respondedOn: '2026-02-20', version: 2, site: { id: newSite } });
    expect(await partnershipsWith(newSite)).toEqual([{ id: expect.stringMatching(/^partnership-/), since: '2026-02-20' }]);

    // Answered once: a second answer is BAD_USER_INPUT, and nothing changes.
    const again = await send(siteCaller(newSite), DECLINE, { input: { trialSiteId: row.id, expectedVersion: 2, respondedOn: '2026-02-21' } });
    expectBadInput(again, 'declineSiteSelection', 'input.trialSiteId');
    expect(await rowOf(trial.id, newSite)).toMatchObject({ siteResponse: 'ACCEPTED', version: 2 });
  });

  test('a site that declines its selection makes no partnership', async () => {
    const { trial } = await trialWithSites([secondNewSite]);
    const row = await rowOf(trial.id, secondNewSite);
    const declined = await send(siteCaller(secondNewSite), DECLINE, { input: { trialSiteId: row.id, expectedVersion: row.version, respondedOn: '2026-02-05' } });
    expect(declined.errors).toBeUndefined();
    expect(declined.data.declineSiteSelection).toMatchObject({ siteResponse: 'DECLINED' });
    expect(await partnershipsWith(secondNewSite)).toEqual([]);
    const investment = await send(owner, RECORD_INVESTMENT, {
      input: { siteId: secondNewSite, kind: 'TRAINING', description: 'GCP', amount: { amount: 1000, currency: 'EUR' }, reusableBeyondTrial: true, investedOn: '2026-01-10' },
    });
    expectBadInput(investment, 'recordInvestment', 'input.siteId');
  });

  test.each<[string, () => Caller]>([
    ['the sponsor itself', () => owner],
    ['another site', () => siteCaller(thirdNewSite)],
    ['a CRO', () => cro],
    ['a platform admin', () => admin],
  ])('%s may not answer a site\'s selection: FORBIDDEN site-answers-own-selections, and it stays PENDING', async (_, caller) => {
    const { trial } = await trialWithSites([partnerSite]);
    const row = await rowOf(trial.id, partnerSite);
    const response = await send(caller(), ACCEPT, { input: { trialSiteId: row.id, expectedVersion: row.version, respondedOn: '2026-02-20' } });
    expectFailure(response, 'acceptSiteSelection', { code: 'FORBIDDEN', rule: 'site-answers-own-selections' });
    expect(response.errors![0].message).not.toContain(row.id);
    expect(await rowOf(trial.id, partnerSite)).toMatchObject({ siteResponse: 'PENDING', version: row.version });
  });

  test('a site already in the trial fails the whole selection after the others were inserted: nothing is kept', async () => {
    const { trial } = await trialWithSites([partnerSite]);
    const response = await send(owner, SELECT_SITES, {
      input: { trialId: trial.id, expectedVersion: trial.version, selectedOn: '2026-03-01', sites: [{ siteId: secondNewSite }, { siteId: partnerSite }] },
    });
    expectBadInput(response, 'selectSites', 'input.sites[1].siteId');
    expect(response.errors![0].message).toContain('already');
    const stored = await readTrial(trial.id);
    expect(stored.version).toBe(trial.version);
    expect(stored.sites.map((row: any) => row.site.id)).toEqual([partnerSite]);
    expect(await partnershipsWith(secondNewSite)).toEqual([]);
  });

  test('a site the sites subgraph does not know is BAD_USER_INPUT naming it, before anything is written', async () => {
    const trial = await createTrial();
    const response = await send(owner, SELECT_SITES, {
      input: { trialId: trial.id, expectedVersion: 1, selectedOn: '2026-03-01', sites: [{ siteId: partnerSite }, { siteId: 'site-9999' }] },
    });
    expectBadInput(response, 'selectSites', 'input.sites[1].siteId');
    expect(response.errors![0].message).toContain('site-9999');
    expect(await readTrial(trial.id)).toMatchObject({ version: 1, sites: [] });
  });

  test.each([
    ['a site named twice', [{ siteId: partnerSite }, { siteId: partnerSite }], 'input.sites[1].siteId'],
    ['a negative enrollment target', [{ siteId: partnerSite, enrollmentTarget: -5 }], 'input.sites[0].enrollmentTarget'],
    ['no sites at all', [], 'input.sites'],
  ])('%s is BAD_USER_INPUT naming the field', async (_, sites, field) => {
    const trial = await createTrial();
    expectBadInput(await send(owner, SELECT_SITES, { input: { trialId: trial.id, expectedVersion: 1, selectedOn: '2026-03-01', sites } }), 'selectSites', field);
    expect(await readTrial(trial.id)).toMatchObject({ version: 1, sites: [] });
  });

  test('a stale expectedVersion is a CONFLICT and no site is selected', async () => {
    const { trial } = await trialWithSites([partnerSite]);
    const response = await send(owner, SELECT_SITES, {
      input: { trialId: trial.id, expectedVersion: 1, selectedOn: '2026-03-01', sites: [{ siteId: secondPartnerSite }] },
    });
    expectFailure(response, 'selectSites', { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 2 });
    expect((await readTrial(trial.id)).sites.map((row: any) => row.site.id)).toEqual([partnerSite]);
  });

  test.each(NOT_OWNERS)('%s may not select the sponsor’s sites', async (_, caller) => {
    const trial = await createTrial();
    const response = await send(caller(), SELECT_SITES, { input: { trialId: trial.id, expectedVersion: 1, selectedOn: '2026-03-01', sites: [{ siteId: partnerSite }] } });
    expectFailure(response, 'selectSites', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
    expect(await readTrial(trial.id)).toMatchObject({ version: 1, sites: [] });
  });
});

// ---- activateTrialSite and recordEnrollment ----

describe('activateTrialSite', () => {
  test('the sponsor activates a site that accepted its selection; the row moves to ACTIVATED and its next version', async () => {
    const { trial, row } = await acceptedRow(partnerSite);
    const { data, errors } = await send(owner, ACTIVATE, { input: { trialSiteId: row.id, expectedVersion: 2, activatedOn: '2026-03-03' } });
    expect(errors).toBeUndefined();
    const stored = await send(null, `query ($id: ID!) { trial(id: $id) { sites { ${TRIAL_SITE_FIELDS} } } }`, { id: trial.id });
    expect(stored.data.trial.sites).toEqual([data.activateTrialSite]);
    expect(data.activateTrialSite).toMatchObject({ id: row.id, status: 'ACTIVATED', selectedOn: '2026-02-01', activatedOn: '2026-03-03', activationCycleDays: 30, version: 3 });
  });

  test.each([
    ['a selection the site has not answered', 'PENDING'],
    ['a selection the site declined', 'DECLINED'],
  ])('%s is not activated: BAD_USER_INPUT on input.trialSiteId, and the row is unchanged', async (_, response) => {
    const { trial, rows } = await trialWithSites([partnerSite], '2026-02-01');
    const row = rows[partnerSite];
    let version = 1;
    if (response === 'DECLINED') {
      const declined = await send(siteCaller(partnerSite), DECLINE, { input: { trialSiteId: row.id, expectedVersion: 1, respondedOn: '2026-02-02' } });
      expect(declined.errors).toBeUndefined();
      version = 2;
    }
    const refused = await send(owner, ACTIVATE, { input: { trialSiteId: row.id, expectedVersion: version, activatedOn: '2026-03-03' } });
    expectBadInput(refused, 'activateTrialSite', 'input.trialSiteId');
    expect(refused.errors![0].message).toContain(response);
    expect(await readTrialSite(trial.id, row.id)).toMatchObject({ status: 'SELECTED', version });
  });

  test.each([
    ['activation before selection', { activatedOn: '2026-01-31' }, 'input.activatedOn'],
  ] as [string, Record<string, unknown>, string][])('%s is BAD_USER_INPUT naming the field, and the row is unchanged', async (_, overrides, field) => {
    const { trial, row } = await acceptedRow(partnerSite);
    expectBadInput(await send(owner, ACTIVATE, { input: { trialSiteId: row.id, expectedVersion: 2, activatedOn: '2026-03-03', ...overrides } }), 'activateTrialSite', field);
    expect(await readTrialSite(trial.id, row.id)).toMatchObject({ status: 'SELECTED', version: 2 });
  });

  test("an unknown trial site is refused as another sponsor's is: FORBIDDEN naming input.trialSiteId, the row unchanged", async () => {
    const { trial, row } = await acceptedRow(partnerSite);
    const response = await send(owner, ACTIVATE, { input: { trialSiteId: 'trial-site-nope', expectedVersion: 2, activatedOn: '2026-03-03' } });
    expectNamesNone(response, 'activateTrialSite', 'sponsor-writes-own-trials', 'input.trialSiteId', 'trial-site-nope');
    expect(await readTrialSite(trial.id, row.id)).toMatchObject({ status: 'SELECTED', version: 2 });
  });

  test('a site already activated is not activated again; a stale version is a CONFLICT', async () => {
    const { trial, row } = await acceptedRow(partnerSite);
    await send(owner, ACTIVATE, { input: { trialSiteId: row.id, expectedVersion: 2, activatedOn: '2026-03-03' } });
    const again = await send(owner, ACTIVATE, { input: { trialSiteId: row.id, expectedVersion: 3, activatedOn: '2026-04-01' } });
    expectBadInput(again, 'activateTrialSite', 'input.trialSiteId');
    expect(again.errors![0].message).toContain('ACTIVATED');
    const stale = await send(owner, ACTIVATE, { input: { trialSiteId: row.id, expectedVersion: 2, activatedOn: '2026-04-01' } });
    expectFailure(stale, 'activateTrialSite', { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 3 });
    expect(await readTrialSite(trial.id, row.id)).toMatchObject({ status: 'ACTIVATED', version: 3 });
  });

  test.each(NOT_OWNERS)('%s may not activate the sponsor’s trial site', async (_, caller) => {
    const { trial, row } = await acceptedRow(partnerSite);
    const response = await send(caller(), ACTIVATE, { input: { trialSiteId: row.id, expectedVersion: 2, activatedOn: '2026-03-03' } });
    expectFailure(response, 'activateTrialSite', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
    expect(await readTrialSite(trial.id, row.id)).toMatchObject({ status: 'SELECTED', version: 2 });
  });
});

describe('recordEnrollment', () => {
  async function activatedRow() {
    const { trial, row } = await acceptedRow(partnerSite);
    await send(owner, ACTIVATE, { input: { trialSiteId: row.id, expectedVersion: 2, activatedOn: '2026-03-01' } });
    return { trialId: trial.id, trialSiteId: row.id as string };
  }
  const figures = (trialSiteId: string, expectedVersion: number, overrides: Record<string, unknown> = {}) => ({
    input: { trialSiteId, expectedVersion, screened: 12, enrolled: 5, withdrawn: 1, firstPatientInOn: '2026-03-20', ...overrides },
  });

  test('the first patient in makes an activated site ENROLLING, with its figures', async () => {
    const { trialId, trialSiteId } = await activatedRow();
    const { data, errors } = await send(owner, RECORD_ENROLLMENT, figures(trialSiteId, 3));
    expect(errors).toBeUndefined();
    expect(data.recordEnrollment).toMatchObject({ status: 'ENROLLING', version: 4 });
    expect(await readTrialSite(trialId, trialSiteId)).toMatchObject({ status: 'ENROLLING', version: 4 });
    const stored = await sql('SELECT screened, enrolled, withdrawn, first_patient_in_on AS "firstPatientInOn", status FROM trial_sites WHERE id = $1', [trialSiteId]);
    expect(stored).toEqual([{ screened: 12, enrolled: 5, withdrawn: 1, firstPatientInOn: '2026-03-20', status: 'ENROLLING' }]);
    // Later figures keep the first patient's date without repeating it.
    const later = await send(owner, RECORD_ENROLLMENT, figures(trialSiteId, 4, { screened: 20, enrolled: 9, firstPatientInOn: null }));
    expect(later.data.recordEnrollment).toMatchObject({ screened: 20, enrolled: 9, firstPatientInOn: '2026-03-20', status: 'ENROLLING', version: 5 });
  });

  test('screening with nobody enrolled yet keeps the site ACTIVATED', async () => {
    const { trialSiteId } = await activatedRow();
    const { data } = await send(owner, RECORD_ENROLLMENT, figures(trialSiteId, 3, { screened: 3, enrolled: 0, withdrawn: 0, firstPatientInOn: null }));
    expect(data.recordEnrollment).toMatchObject({ status: 'ACTIVATED', screened: 3, enrolled: 0, firstPatientInOn: null });
  });

  test.each([
    ['a negative count', { screened: -1 }, 'input.screened'],
    ['more enrolled than screened', { enrolled: 13 }, 'input.enrolled'],
    ['more withdrawn than enrolled', { withdrawn: 6 }, 'input.withdrawn'],
    ['patients enrolled with no first-patient date', { firstPatientInOn: null }, 'input.firstPatientInOn'],
    ['a first patient before activation', { firstPatientInOn: '2026-02-28' }, 'input.firstPatientInOn'],
    ['a first-patient date with nobody enrolled', { enrolled: 0, withdrawn: 0 }, 'input.firstPatientInOn'],
  ])('%s is BAD_USER_INPUT naming the field, and the row is unchanged', async (_, overrides, field) => {
    const { trialId, trialSiteId } = await activatedRow();
    expectBadInput(await send(owner, RECORD_ENROLLMENT, figures(trialSiteId, 3, overrides)), 'recordEnrollment', field);
    expect(await readTrialSite(trialId, trialSiteId)).toMatchObject({ status: 'ACTIVATED', version: 3 });
    expect(await sql('SELECT screened, enrolled FROM trial_sites WHERE id = $1', [trialSiteId])).toEqual([{ screened: 0, enrolled: 0 }]);
  });

  test('a site not yet activated records no enrollment', async () => {
    const { trial, rows } = await trialWithSites([partnerSite]);
    expectBadInput(await send(owner, RECORD_ENROLLMENT, figures(rows[partnerSite].id, 1)), 'recordEnrollment', 'input.trialSiteId');
    expect(await readTrialSite(trial.id, rows[partnerSite].id)).toMatchObject({ status: 'SELECTED', version: 1 });
  });

  test('two updates made on the same read: one is stored, the other is a CONFLICT', async () => {
    const { trialSiteId } = await activatedRow();
    const [first, second] = await Promise.all([
      send(owner, RECORD_ENROLLMENT, figures(trialSiteId, 3, { screened: 30 })),
      send(owner, RECORD_ENROLLMENT, figures(trialSiteId, 3, { screened: 40 })),
    ]);
    const stored = [first, second].filter((response) => !response.errors);
    const refused = [first, second].filter((response) => response.errors);
    expect(stored).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expectFailure(refused[0], 'recordEnrollment', { code: 'CONFLICT', currentVersion: 4 });
    const [row] = await sql('SELECT screened, version FROM trial_sites WHERE id = $1', [trialSiteId]);
    expect(row).toEqual({ screened: stored[0].data.recordEnrollment.screened, version: 4 });
  });

  test.each(NOT_OWNERS)('%s may not record the sponsor’s enrollment', async (_, caller) => {
    const { trialId, trialSiteId } = await activatedRow();
    expectFailure(await send(caller(), RECORD_ENROLLMENT, figures(trialSiteId, 3)), 'recordEnrollment', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
    expect(await readTrialSite(trialId, trialSiteId)).toMatchObject({ status: 'ACTIVATED', version: 3 });
  });
});

// ---- sharePipelineProgram ----

describe('sharePipelineProgram', () => {
  const programme = (overrides: Record<string, unknown> = {}) => ({
    input: {
      indication: 'Heart failure with preserved ejection fraction, first line',
      therapeuticArea: 'CARDIOLOGY',
      phase: 'PHASE_2',
      plannedStartQuarter: '2027-Q3',
      estimatedSites: 15,
      countries: ['ES', 'IT'],
      sharedWithSiteIds: [partnerSite, newSite],
      ...overrides,
    },
  });
  const readProgramme = async (id: string) => {
    const { data } = await send(null, `query ($id: ID!) { sponsor(id: $id) { pipeline { ${PROGRAM_FIELDS} } } }`, { id: sponsorId });
    return data.sponsor.pipeline.find((program: any) => program.id === id) ?? null;
  };

  test('the sponsor creates a programme shared with the sites it names, then replaces them', async () => {
    const created = await send(owner, SHARE_PROGRAM, programme());
    expect(created.errors).toBeUndefined();
    const { id } = created.data.sharePipelineProgram;
    expect(await readProgramme(id)).toEqual({
      id,
      sponsor: { id: sponsorId },
      indication: 'Heart failure with preserved ejection fraction, first line',
      therapeuticArea: 'CARDIOLOGY',
      phase: 'PHASE_2',
      plannedStartQuarter: '2027-Q3',
      estimatedSites: 15,
      countries: ['ES', 'IT'],
      sharedWith: [partnerSite, newSite].sort().map((siteId) => ({ id: siteId })),
      version: 1,
    });
    const updated = await send(owner, SHARE_PROGRAM, programme({ programId: id, expectedVersion: 1, estimatedSites: 20, sharedWithSiteIds: [thirdNewSite] }));
    expect(updated.errors).toBeUndefined();
    expect(await readProgramme(id)).toMatchObject({ estimatedSites: 20, sharedWith: [{ id: thirdNewSite }], version: 2 });
    // The site it is no longer shared with no longer sees it.
    const asDropped = await send(siteCaller(newSite), `query ($id: ID!) { sponsor(id: $id) { pipeline { id } } }`, { id: sponsorId });
    expect(asDropped.data.sponsor.pipeline.map((program: any) => program.id)).not.toContain(id);
  });

  test('a stale expectedVersion is a CONFLICT and the programme and its sites are unchanged', async () => {
    const { data } = await send(owner, SHARE_PROGRAM, programme());
    const { id } = data.sharePipelineProgram;
    await send(owner, SHARE_PROGRAM, programme({ programId: id, expectedVersion: 1, estimatedSites: 25 }));
    const stale = await send(owner, SHARE_PROGRAM, programme({ programId: id, expectedVersion: 1, estimatedSites: 99, sharedWithSiteIds: [] }));
    expectFailure(stale, 'sharePipelineProgram', { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 2 });
    expect(await readProgramme(id)).toMatchObject({ estimatedSites: 25, sharedWith: [partnerSite, newSite].sort().map((siteId) => ({ id: siteId })), version: 2 });
  });

  test.each([
    ['a site the sites subgraph does not know', { sharedWithSiteIds: [partnerSite, 'site-9999'] }, 'input.sharedWithSiteIds[1]'],
    ['a site named twice', { sharedWithSiteIds: [partnerSite, partnerSite] }, 'input.sharedWithSiteIds[1]'],
    ['a quarter that is not one', { plannedStartQuarter: '2027-Q5' }, 'input.plannedStartQuarter'],
    ['a country that is not ISO 3166-1', { countries: ['Spain'] }, 'input.countries[0]'],
    ['a negative number of sites', { estimatedSites: -2 }, 'input.estimatedSites'],
    ['an expected version without a programme', { expectedVersion: 1 }, 'input.expectedVersion'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is stored', async (_, overrides, field) => {
    const before = await sql('SELECT count(*)::int AS programmes FROM pipeline_programs');
    expectBadInput(await send(owner, SHARE_PROGRAM, programme(overrides)), 'sharePipelineProgram', field);
    expect(await sql('SELECT count(*)::int AS programmes FROM pipeline_programs')).toEqual(before);
  });

  test("an unknown programme is refused as another sponsor's is: FORBIDDEN naming input.programId, nothing stored", async () => {
    const before = await sql('SELECT count(*)::int AS programmes FROM pipeline_programs');
    const response = await send(owner, SHARE_PROGRAM, programme({ programId: 'pipeline-nope', expectedVersion: 1 }));
    expectNamesNone(response, 'sharePipelineProgram', 'sponsor-writes-own-trials', 'input.programId', 'pipeline-nope');
    expect(await sql('SELECT count(*)::int AS programmes FROM pipeline_programs')).toEqual(before);
  });

  test('an update without the version read is BAD_USER_INPUT naming input.expectedVersion', async () => {
    const { data } = await send(owner, SHARE_PROGRAM, programme());
    const { id } = data.sharePipelineProgram;
    expectBadInput(await send(owner, SHARE_PROGRAM, programme({ programId: id, estimatedSites: 1 })), 'sharePipelineProgram', 'input.expectedVersion');
    expect(await readProgramme(id)).toMatchObject({ estimatedSites: 15, version: 1 });
  });

  test.each(NOT_OWNERS)('%s may not create or change the sponsor’s programme', async (_, caller) => {
    const { data } = await send(owner, SHARE_PROGRAM, programme());
    const { id } = data.sharePipelineProgram;
    const update = await send(caller(), SHARE_PROGRAM, programme({ programId: id, expectedVersion: 1, estimatedSites: 1 }));
    expectFailure(update, 'sharePipelineProgram', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
    expect(await readProgramme(id)).toMatchObject({ estimatedSites: 15, version: 1 });
    if (caller().party !== 'SPONSOR') {
      const before = await sql('SELECT count(*)::int AS programmes FROM pipeline_programs');
      expectFailure(await send(caller(), SHARE_PROGRAM, programme()), 'sharePipelineProgram', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
      expect(await sql('SELECT count(*)::int AS programmes FROM pipeline_programs')).toEqual(before);
    }
  });
});

// ---- recordInvestment ----

describe('recordInvestment', () => {
  const investment = (overrides: Record<string, unknown> = {}) => ({
    input: {
      siteId: partnerSite,
      kind: 'EQUIPMENT',
      description: 'Second ultra-low freezer for biobank samples',
      amount: { amount: 9450.75, currency: 'EUR' },
      reusableBeyondTrial: true,
      investedOn: '2026-05-04',
      ...overrides,
    },
  });
  const investmentsAt = (siteId: string) =>
    sql(
      `SELECT investment.description, investment.amount::float8 AS amount, investment.currency FROM investments investment
         JOIN partnerships partnership ON partnership.id = investment.partnership_id
        WHERE partnership.sponsor_id = $1 AND partnership.site_id = $2 ORDER BY investment.id`,
      [sponsorId, siteId],
    );

  test('the sponsor records an investment in a partner site; the partnership lists it', async () => {
    const before = await investmentsAt(partnerSite);
    const { data, errors } = await send(owner, RECORD_INVESTMENT, investment());
    expect(errors).toBeUndefined();
    expect(data.recordInvestment).toMatchObject({ sponsor: { id: sponsorId }, site: { id: partnerSite } });
    expect(data.recordInvestment.investments).toContainEqual({
      id: expect.stringMatching(/^investment-/),
      kind: 'EQUIPMENT',
      description: 'Second ultra-low freezer for biobank samples',
      amount: { amount: 9450.75, currency: 'EUR' },
      reusableBeyondTrial: true,
      investedOn: '2026-05-04',
    });
    const after = await investmentsAt(partnerSite);
    expect(after).toHaveLength(before.length + 1);
    expect(after).toContainEqual({ description: 'Second ultra-low freezer for biobank samples', amount: 9450.75, currency: 'EUR' });
  });

  test.each([
    ['a site the sponsor does not partner with', { siteId: secondNewSite }, 'input.siteId'],
    ['a currency that is not ISO 4217', { amount: { amount: 100, currency: 'EUX' } }, 'input.amount.currency'],
    ['a negative amount', { amount: { amount: -1, currency: 'EUR' } }, 'input.amount.amount'],
    ['fractions of a cent', { amount: { amount: 10.005, currency: 'EUR' } }, 'input.amount.amount'],
    ['an empty description', { description: '' }, 'input.description'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is stored', async (_, overrides, field) => {
    const before = await sql('SELECT count(*)::int AS investments FROM investments');
    expectBadInput(await send(owner, RECORD_INVESTMENT, investment(overrides)), 'recordInvestment', field);
    expect(await sql('SELECT count(*)::int AS investments FROM investments')).toEqual(before);
  });

  test.each(NOT_OWNERS.filter(([name]) => name !== 'another sponsor'))('%s may not record a sponsor’s investment', async (_, caller) => {
    const before = await sql('SELECT count(*)::int AS investments FROM investments');
    expectFailure(await send(caller(), RECORD_INVESTMENT, investment()), 'recordInvestment', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
    expect(await sql('SELECT count(*)::int AS investments FROM investments')).toEqual(before);
  });
});

// ---- raiseProtocolFeedback and respondToProtocolFeedback ----

describe('protocol feedback', () => {
  const raise = (trialId: string, overrides: Record<string, unknown> = {}) => ({
    input: { trialId, topic: 'VISIT_SCHEDULE', body: 'The week 4 visit falls in our summer closure; could it be remote?', ...overrides },
  });
  const feedbackOf = (trialId: string) => sql('SELECT id, site_id AS "siteId", status, version FROM protocol_feedback WHERE trial_id = $1', [trialId]);

  async function raised() {
    const { trial } = await trialWithSites([partnerSite, newSite]);
    const { data, errors } = await send(siteCaller(partnerSite), RAISE, raise(trial.id));
    expect(errors).toBeUndefined();
    return { trial, feedback: data.raiseProtocolFeedback };
  }

  test('a site taking part raises feedback on the version in force; the sponsor sees it OPEN', async () => {
    const { trial, feedback } = await raised();
    expect(feedback).toMatchObject({
      trial: { id: trial.id },
      protocolVersion: 1,
      site: { id: partnerSite },
      topic: 'VISIT_SCHEDULE',
      body: 'The week 4 visit falls in our summer closure; could it be remote?',
      status: 'OPEN',
      response: null,
      respondedAt: null,
      version: 1,
    });
    expect(Number.isNaN(Date.parse(feedback.raisedAt))).toBe(false);
    const asSponsor = await send(owner, `query ($id: ID!) { trial(id: $id) { feedback { id status site { id } } } }`, { id: trial.id });
    expect(asSponsor.data.trial.feedback).toEqual([{ id: feedback.id, status: 'OPEN', site: { id: partnerSite } }]);
  });

  test.each([
    ['an empty body', { body: ' ' }, 'input.body'],
    ['a body over 4000 characters', { body: 'x'.repeat(4001) }, 'input.body'],
  ])('raising %s is BAD_USER_INPUT naming the field', async (_, overrides, field) => {
    const { trial } = await trialWithSites([partnerSite]);
    expectBadInput(await send(siteCaller(partnerSite), RAISE, raise(trial.id, overrides)), 'raiseProtocolFeedback', field);
    expect(await feedbackOf(trial.id)).toEqual([]);
  });

  test('raising feedback on an unknown trial is refused as on a trial the site is not in: FORBIDDEN naming input.trialId', async () => {
    const { trial } = await trialWithSites([partnerSite]);
    const response = await send(siteCaller(partnerSite), RAISE, raise(trial.id, { trialId: 'trial-nope' }));
    expectNamesNone(response, 'raiseProtocolFeedback', 'feedback-from-trial-sites', 'input.trialId', 'trial-nope');
    expect(await feedbackOf(trial.id)).toEqual([]);
  });

  test('feedback on a trial without a protocol yet is BAD_USER_INPUT naming input.trialId', async () => {
    const trial = await createTrial({ protocol: null });
    await send(owner, SELECT_SITES, { input: { trialId: trial.id, expectedVersion: 1, selectedOn: '2026-02-01', sites: [{ siteId: partnerSite }] } });
    expectBadInput(await send(siteCaller(partnerSite), RAISE, raise(trial.id)), 'raiseProtocolFeedback', 'input.trialId');
    expect(await feedbackOf(trial.id)).toEqual([]);
  });

  test.each([
    ['a site not taking part', () => siteCaller(secondNewSite)],
    ['the trial’s own sponsor', () => owner],
    ['a CRO', () => cro],
    ['a patient advocate', () => advocate],
    ['a platform admin', () => admin],
  ])('%s may not raise feedback on the protocol', async (_, caller) => {
    const { trial } = await trialWithSites([partnerSite]);
    expectFailure(await send(caller(), RAISE, raise(trial.id)), 'raiseProtocolFeedback', { code: 'FORBIDDEN', rule: 'feedback-from-trial-sites' });
    expect(await feedbackOf(trial.id)).toEqual([]);
  });

  test('the sponsor answers; a later decision changes status and response but keeps the first answer’s time', async () => {
    const { feedback } = await raised();
    const first = await send(owner, RESPOND, { input: { feedbackId: feedback.id, expectedVersion: 1, status: 'ACKNOWLEDGED', response: 'Looking at a remote visit.' } });
    expect(first.errors).toBeUndefined();
    expect(first.data.respondToProtocolFeedback).toMatchObject({ status: 'ACKNOWLEDGED', response: 'Looking at a remote visit.', version: 2 });
    const answeredAt = first.data.respondToProtocolFeedback.respondedAt;
    expect(Date.parse(answeredAt)).toBeGreaterThanOrEqual(Date.parse(feedback.raisedAt));
    const second = await send(owner, RESPOND, { input: { feedbackId: feedback.id, expectedVersion: 2, status: 'ADOPTED', response: 'Week 4 goes remote in version 2.' } });
    expect(second.data.respondToProtocolFeedback).toMatchObject({ status: 'ADOPTED', response: 'Week 4 goes remote in version 2.', respondedAt: answeredAt, version: 3 });
    const asSite = await send(siteCaller(partnerSite), `query ($id: ID!) { trial(id: $id) { feedback { id status response respondedAt } } }`, {
      id: feedback.trial.id,
    });
    expect(asSite.data.trial.feedback).toEqual([{ id: feedback.id, status: 'ADOPTED', response: 'Week 4 goes remote in version 2.', respondedAt: answeredAt }]);
  });

  test.each([
    ['OPEN as an answer', { status: 'OPEN' }, 'input.status'],
    ['an empty response', { response: '' }, 'input.response'],
  ])('answering with %s is BAD_USER_INPUT naming the field, and the feedback is unchanged', async (_, overrides, field) => {
    const { trial, feedback } = await raised();
    const input = { feedbackId: feedback.id, expectedVersion: 1, status: 'DECLINED', response: 'Needed for the endpoint.', ...overrides };
    expectBadInput(await send(owner, RESPOND, { input }), 'respondToProtocolFeedback', field);
    expect(await feedbackOf(trial.id)).toEqual([{ id: feedback.id, siteId: partnerSite, status: 'OPEN', version: 1 }]);
  });

  test("answering an unknown feedback id is refused as another sponsor's feedback is: FORBIDDEN naming input.feedbackId", async () => {
    const { trial, feedback } = await raised();
    const input = { feedbackId: 'feedback-nope', expectedVersion: 1, status: 'DECLINED', response: 'Needed for the endpoint.' };
    expectNamesNone(await send(owner, RESPOND, { input }), 'respondToProtocolFeedback', 'sponsor-writes-own-trials', 'input.feedbackId', 'feedback-nope');
    expect(await feedbackOf(trial.id)).toEqual([{ id: feedback.id, siteId: partnerSite, status: 'OPEN', version: 1 }]);
  });

  test('an answer on a stale read is a CONFLICT and the feedback keeps the answer made first', async () => {
    const { trial, feedback } = await raised();
    await send(owner, RESPOND, { input: { feedbackId: feedback.id, expectedVersion: 1, status: 'ADOPTED', response: 'Yes.' } });
    const stale = await send(owner, RESPOND, { input: { feedbackId: feedback.id, expectedVersion: 1, status: 'DECLINED', response: 'No.' } });
    expectFailure(stale, 'respondToProtocolFeedback', { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 2 });
    expect(await feedbackOf(trial.id)).toEqual([{ id: feedback.id, siteId: partnerSite, status: 'ADOPTED', version: 2 }]);
  });

  test.each([...NOT_OWNERS, ['the site that raised it', () => siteCaller(partnerSite)] as [string, () => Caller]])(
    '%s may not answer the sponsor’s feedback',
    async (_, caller) => {
      const { trial, feedback } = await raised();
      const response = await send(caller(), RESPOND, { input: { feedbackId: feedback.id, expectedVersion: 1, status: 'ADOPTED', response: 'Yes.' } });
      expectFailure(response, 'respondToProtocolFeedback', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
      expect(await feedbackOf(trial.id)).toEqual([{ id: feedback.id, siteId: partnerSite, status: 'OPEN', version: 1 }]);
    },
  );
});

// ---- inviteAdvocateReview ----

describe('inviteAdvocateReview', () => {
  const INVITE = `mutation ($input: InviteAdvocateReviewInput!) { inviteAdvocateReview(input: $input) { id advocacyGroupId invitedOn trial { id } } }`;
  // A group that reviews nothing in the demo data: what it sees comes from these tests alone.
  const group = 'advocates-invited-in-tests';
  const invite = (caller: Caller | null, trialId: string, overrides: Record<string, unknown> = {}) =>
    send(caller, INVITE, { input: { trialId, advocacyGroupId: group, invitedOn: '2026-05-04', ...overrides } });
  const invitationsOf = (trialId: string) =>
    sql('SELECT advocacy_group_id AS "groupId", to_char(invited_on, \'YYYY-MM-DD\') AS "invitedOn" FROM review_invitations WHERE trial_id = $1 ORDER BY 1', [trialId]);
  const asGroup = (groupId = group): Caller => ({ party: 'PATIENT_ADVOCATE', orgId: groupId });
  const trialAs = (caller: Caller, id: string) => send(caller, `query ($id: ID!) { trial(id: $id) { id protocol { version } } }`, { id });

  test('the sponsor invites a group to review its trial: read back by the sponsor, and the group now sees the trial', async () => {
    const trial = await createTrial();
    const before = await trialAs(asGroup(), trial.id);
    expect(before.data.trial).toBeNull();
    expect(before.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'trial-relationship' });

    const { data, errors } = await invite(owner, trial.id);
    expect(errors).toBeUndefined();
    expect(data.inviteAdvocateReview).toEqual({ id: expect.stringMatching(/^invitation-/), advocacyGroupId: group, invitedOn: '2026-05-04', trial: { id: trial.id } });

    const read = `query ($id: ID!) { trial(id: $id) { reviewInvitations { id advocacyGroupId invitedOn trial { id } } } }`;
    expect((await send(owner, read, { id: trial.id })).data.trial.reviewInvitations).toEqual([data.inviteAdvocateReview]);
    expect((await send(null, read, { id: trial.id })).data.trial.reviewInvitations).toEqual([data.inviteAdvocateReview]);
    const after = await trialAs(asGroup(), trial.id);
    expect(after.errors).toBeUndefined();
    expect(after.data.trial).toEqual({ id: trial.id, protocol: { version: 1 } });
    // The group's own invitation only, and nobody else's: a second group invited is not shown to the first.
    expect((await invite(owner, trial.id, { advocacyGroupId: 'advocates_second' })).errors).toBeUndefined();
    expect((await send(asGroup(), read, { id: trial.id })).data.trial.reviewInvitations).toEqual([data.inviteAdvocateReview]);
    expect((await send(owner, read, { id: trial.id })).data.trial.reviewInvitations.map((i: any) => i.advocacyGroupId)).toEqual([group, 'advocates_second']);
  });

  test('an invitation dated today is not in the future', async () => {
    const trial = await createTrial();
    const today = new Date().toISOString().slice(0, 10);
    expect((await invite(owner, trial.id, { invitedOn: today })).data.inviteAdvocateReview.invitedOn).toBe(today);
  });

  test.each([
    ...NOT_OWNERS,
    ['the group itself', () => asGroup()] as [string, () => Caller],
  ])('%s may not invite a group to review the sponsor’s trial, and nothing is stored', async (_, caller) => {
    const trial = await createTrial();
    expectFailure(await invite(caller(), trial.id), 'inviteAdvocateReview', { code: 'FORBIDDEN', rule: 'sponsor-writes-own-trials' });
    expect(await invitationsOf(trial.id)).toEqual([]);
    expect((await trialAs(asGroup(), trial.id)).data.trial).toBeNull();
  });

  test("an unknown trial is refused as another sponsor's is: FORBIDDEN naming input.trialId, nothing stored", async () => {
    const trial = await createTrial();
    expectNamesNone(await invite(owner, trial.id, { trialId: 'trial-nope' }), 'inviteAdvocateReview', 'sponsor-writes-own-trials', 'input.trialId', 'trial-nope');
    expect(await invitationsOf(trial.id)).toEqual([]);
  });

  test.each([
    ['a blank group id', { advocacyGroupId: '   ' }, 'input.advocacyGroupId'],
    ['a group id with a space', { advocacyGroupId: 'advocates 01' }, 'input.advocacyGroupId'],
    ['a group id with a slash', { advocacyGroupId: 'advocates/01' }, 'input.advocacyGroupId'],
    ['a group id over 64 characters', { advocacyGroupId: 'a'.repeat(65) }, 'input.advocacyGroupId'],
    ['an invitation dated in the future', { invitedOn: '2999-01-01' }, 'input.invitedOn'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is stored', async (_, overrides, field) => {
    const trial = await createTrial();
    const response = await invite(owner, trial.id, overrides);
    expectBadInput(response, 'inviteAdvocateReview', field);
    expect(response.errors![0].message.length).toBeGreaterThan(20);
    expect(await invitationsOf(trial.id)).toEqual([]);
  });

  test('a group already invited is BAD_USER_INPUT naming input.advocacyGroupId, and the first invitation stands', async () => {
    const trial = await createTrial();
    await invite(owner, trial.id);
    const again = await invite(owner, trial.id, { invitedOn: '2026-06-01' });
    expectBadInput(again, 'inviteAdvocateReview', 'input.advocacyGroupId');
    expect(again.errors![0].message).toBe(`Advocacy group ${group} is already invited to review trial ${trial.id}`);
    expect(await invitationsOf(trial.id)).toEqual([{ groupId: group, invitedOn: '2026-05-04' }]);
  });

  test('the same invitation sent twice at once is stored once; the other is told it is a repeat', async () => {
    const trial = await createTrial();
    const answers = await Promise.all([invite(owner, trial.id), invite(owner, trial.id, { invitedOn: '2026-05-05' })]);
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    expect(answers.flatMap((answer) => answer.errors ?? []).map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.advocacyGroupId' }),
    ]);
    expect(await invitationsOf(trial.id)).toHaveLength(1);
  });
});

test('an update carries the version it was read at: every updatable record serves one', async () => {
  expect(new Set([partnerSite, secondPartnerSite, newSite, secondNewSite, thirdNewSite]).size).toBe(5);
  const { trial, rows } = await trialWithSites([partnerSite]);
  expect(trial.version).toBe(2);
  expect(rows[partnerSite].version).toBe(1);
  const seeded = await send(null, `query ($id: ID!) { sponsor(id: $id) { trials { version } pipeline { version } } }`, { id: otherSponsor.orgId });
  expect(seeded.errors).toBeUndefined();
  // Records stored before versions existed start at 1.
  expect(new Set(seeded.data.sponsor.trials.map((t: any) => t.version))).toEqual(new Set([1]));
});
