// The CROs' writes, on the whole stack (a site's existence is the sites subgraph's to say), each
// sent straight to the cros subgraph, which enforces its rules whoever calls it. For every
// mutation: the owner's write is stored (read back), every other kind of caller is refused,
// bad input names its field, a stale version changes nothing, and a failure part way through
// leaves nothing written.
import { generateDemoDataset } from '../seed/generate';
import { ACTIVITIES } from '../subgraphs/cros/raci';
import { DAY_MS, today } from '../subgraphs/shared/dates';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, type GraphQLResponse } from './support/subgraph-harness';
import { as, asAdmin } from './support/tokens';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });

function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
const TODAY = today();

// An open-ended engagement well under way, with several activities in scope.
const engagement = dataset.engagements.find(
  (e) => e.endsOn === null && e.startsOn <= daysAfter(TODAY, -60) && e.servicesInScope.length >= 3,
)!;
const otherCroId = dataset.cros.find((c) => c.id !== engagement.croId)!.id;
const otherSponsorId = dataset.sponsors.find((s) => s.id !== engagement.sponsorId)!.id;
// A site that runs the engagement's trial (it accepted its selection: a CRO works only there), its
// CRO staff on that trial taken out, so a first assignment has no predecessor.
const site = dataset.sites.find((s) =>
  dataset.trialSites.some((row) => row.siteId === s.id && row.trialId === engagement.trialId && row.siteResponse === 'ACCEPTED'),
)!;
dataset.staffAssignments = dataset.staffAssignments.filter((a) => a.siteId !== site.id || a.trialId !== engagement.trialId);
const [a0, a1, a2] = engagement.servicesInScope;
const outOfScope = ACTIVITIES.find((activity) => !engagement.servicesInScope.includes(activity))!;

// CRA turnover, on real numbers: a site where a trial closed and a CRO engaged on that trial, away
// from the engagement the writes use. Before the stack starts its staff there are replaced by three
// CRAs: one left a month before the closing, one ten days after it, one is still there.
const closedAtSite = dataset.trialSites.find(
  (ts) => ts.closedOn !== null && ts.trialId !== engagement.trialId && ts.siteId !== site.id && dataset.engagements.some((e) => e.trialId === ts.trialId),
)!;
dataset.staffAssignments = dataset.staffAssignments.filter((a) => a.siteId !== closedAtSite.siteId || a.trialId !== closedAtSite.trialId);
const turnoverEngagement = dataset.engagements.find((e) => e.trialId === closedAtSite.trialId)!;
const cra = (id: string, startedOn: string, endedOn: string | null) => ({
  id, croId: turnoverEngagement.croId, role: 'CLINICAL_RESEARCH_ASSOCIATE' as const, pseudonym: `CRA-${id.slice(-4).toUpperCase()}`,
  siteId: closedAtSite.siteId, trialId: closedAtSite.trialId, startedOn, endedOn,
});
dataset.staffAssignments.push(
  cra('turnover-left-early', daysAfter(closedAtSite.closedOn!, -200), daysAfter(closedAtSite.closedOn!, -30)),
  cra('turnover-left-late', daysAfter(closedAtSite.closedOn!, -100), daysAfter(closedAtSite.closedOn!, 10)),
  cra('turnover-still-on', daysAfter(closedAtSite.closedOn!, -40), null),
);

const CRO_ONLY = 'cro-writes-own-engagements';
const RAISERS = 'engagement-parties-raise-actions';

/** Everyone but the engagement's CRO, each kind of party (the sponsor, too, for CRO-only writes). */
const STRANGERS: [string, PartyKind, string][] = [
  ['a site', 'SITE', site.id],
  ["the engagement's sponsor", 'SPONSOR', engagement.sponsorId],
  ['another CRO', 'CRO', otherCroId],
  ['a patient advocate', 'PATIENT_ADVOCATE', 'advocates-01'],
  ['a platform admin', 'PLATFORM_ADMIN', 'platform'],
];

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 300_000);
afterAll(() => stack?.shutdown());

const owner = () => as('CRO', engagement.croId);
const cros = async (query: string, variables: Record<string, unknown>, headers?: Record<string, string>) =>
  postGraphQL(stack.subgraphUrls.cros, query, variables, headers ?? (await asAdmin()));

function expectRefused(response: GraphQLResponse, mutation: string, rule: string) {
  expect(response.data).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0]).toMatchObject({ path: [mutation], extensions: { code: 'FORBIDDEN', rule } });
}

function expectBadInput(response: GraphQLResponse, field: string, message: RegExp) {
  expect(response.data).toBeNull();
  expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(response.errors![0].message).toMatch(message);
}

/**
 * A record the owner's CRO names that does not exist: refused as another CRO's record is (FORBIDDEN,
 * the rule, the field), in words that do not echo the id, so no write tells which ids exist.
 */
function expectNoneOfTheCallers(response: GraphQLResponse, mutation: string, rule: string, field: string, id: string) {
  expectRefused(response, mutation, rule);
  expect(response.errors![0].extensions).toEqual({ code: 'FORBIDDEN', rule, field });
  expect(response.errors![0].message).toMatch(new RegExp(`; ${field.replace('.', '\\.')} names no .* of CRO ${engagement.croId}$`));
  expect(response.errors![0].message).not.toContain(id);
}

/** The engagement as an admin reads it back from the cros subgraph. */
async function stored() {
  const { data } = await cros(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { engagements { id version
    responsibilities { activity responsible accountable consulted informed } responsibilityGaps responsibilityConflicts
    actions { id version description raisedBy severity raisedAt resolvedAt status }
    monitoringVisits { id version kind visitedOn findings followUpLetterSentOn followUpLetterLagDays site { id } } } } } }`,
  { r: [{ __typename: 'Trial', id: engagement.trialId }] });
  return data._entities[0].engagements.find((e: any) => e.id === engagement.id);
}

async function storedAssignments() {
  const { data } = await cros(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { staffAssignments {
    id version role pseudonym startedOn endedOn handoverOverlapDays cro { id } trial { id } } } } }`, { r: [{ __typename: 'Site', id: site.id }] });
  return data._entities[0].staffAssignments.filter((a: any) => a.trial.id === engagement.trialId);
}

/** Runs `work` while the database refuses rows matching `condition` on `table`: a failure part way through a write. */
async function whileRefusing<T>(table: string, condition: string, work: () => Promise<T>): Promise<T> {
  const db = stack.databases.cros.dataSource;
  await db.query(`CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF ${condition} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
  await db.query(`CREATE TRIGGER refuse_for_test BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_for_test()`);
  try {
    return await work();
  } finally {
    await db.query(`DROP TRIGGER refuse_for_test ON ${table}`);
    await db.query(`DROP FUNCTION refuse_for_test()`);
  }
}

test('the dataset has what these tests write to', () => {
  expect(engagement).toBeDefined();
  expect(site).toBeDefined();
  expect(outOfScope).toBeDefined();
  expect(otherCroId).not.toBe(engagement.croId);
});

describe('setResponsibilities', () => {
  const SET = `mutation($input: SetResponsibilitiesInput!) { setResponsibilities(input: $input) { id version
    responsibilities { activity responsible accountable consulted informed } responsibilityGaps responsibilityConflicts } }`;
  const rows = [
    { activity: a0, responsible: ['CRO'], accountable: ['SPONSOR', 'CRO'], consulted: ['SITE'] },
    { activity: a1, responsible: [], accountable: ['SPONSOR'], informed: ['SITE'] },
  ];

  test.each(STRANGERS)('%s may not set the RACI: FORBIDDEN, nothing changes', async (_, party, orgId) => {
    const before = await stored();
    expectRefused(await cros(SET, { input: { engagementId: engagement.id, expectedVersion: before.version, responsibilities: rows } }, await as(party, orgId)), 'setResponsibilities', CRO_ONLY);
    expect(await stored()).toEqual(before);
  });

  test.each([
    ['an activity out of scope', [rows[0], { ...rows[1], activity: outOfScope }], 'input.responsibilities[1].activity', new RegExp(`${outOfScope} is not in the scope`)],
    ['an activity twice', [rows[0], { ...rows[1], activity: a0 }], 'input.responsibilities[1].activity', /already given at input.responsibilities\[0\]/],
    ['a party twice in one list', [{ ...rows[0], accountable: ['SPONSOR', 'SPONSOR'] }], 'input.responsibilities[0].accountable', /SPONSOR is listed twice as accountable/],
  ])('%s is BAD_USER_INPUT naming the field, and nothing changes', async (_, responsibilities, field, message) => {
    const before = await stored();
    expectBadInput(await cros(SET, { input: { engagementId: engagement.id, expectedVersion: before.version, responsibilities } }, await owner()), field, message);
    expect(await stored()).toEqual(before);
  });

  test('an engagement that does not exist is refused as another CRO\'s is: FORBIDDEN on input.engagementId, the id not echoed', async () => {
    const response = await cros(SET, { input: { engagementId: 'engagement-none', expectedVersion: 1, responsibilities: [] } }, await owner());
    expectNoneOfTheCallers(response, 'setResponsibilities', CRO_ONLY, 'input.engagementId', 'engagement-none');
  });

  test("the engagement's CRO replaces the RACI; the answer's gaps and conflicts and the stored rows follow it", async () => {
    const before = await stored();
    const { data, errors } = await cros(SET, { input: { engagementId: engagement.id, expectedVersion: before.version, responsibilities: rows } }, await owner());
    expect(errors).toBeUndefined();
    const expectedRows = [
      { activity: a0, responsible: ['CRO'], accountable: ['SPONSOR', 'CRO'], consulted: ['SITE'], informed: [] },
      { activity: a1, responsible: [], accountable: ['SPONSOR'], consulted: [], informed: ['SITE'] },
    ];
    expect(data.setResponsibilities).toEqual({
      id: engagement.id,
      version: before.version + 1,
      responsibilities: expectedRows,
      // Everything in scope but a0: a1 has no one responsible, the rest have no row at all.
      responsibilityGaps: ACTIVITIES.filter((activity) => engagement.servicesInScope.includes(activity) && activity !== a0),
      responsibilityConflicts: [a0],
    });
    const after = await stored();
    expect(after.version).toBe(before.version + 1);
    expect(after.responsibilities).toEqual(expectedRows);
  });

  test('a stale expectedVersion is CONFLICT with the current version, and the RACI stays as it was', async () => {
    const before = await stored();
    const { data, errors } = await cros(SET, { input: { engagementId: engagement.id, expectedVersion: before.version - 1, responsibilities: [] } }, await owner());
    expect(data).toBeNull();
    expect(errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: before.version });
    expect(await stored()).toEqual(before);
  });

  test('a failure while the new rows are written leaves the old RACI and version in place', async () => {
    const before = await stored();
    // The old rows are deleted, then the new one is refused: the delete must not stand.
    const response = await whileRefusing('engagement_responsibilities', `NEW.activity = '${a2}'`, async () =>
      cros(SET, { input: { engagementId: engagement.id, expectedVersion: before.version, responsibilities: [{ activity: a2, responsible: ['CRO'], accountable: ['CRO'] }] } }, await owner()),
    );
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(await stored()).toEqual(before);
  });

  test('two writes in one request: the second answers what it stored, not what the first left in the request', async () => {
    const before = await stored();
    // b's expectedVersion is the one a moves the engagement to: mutations run one after the other.
    const TWICE = `mutation($a: SetResponsibilitiesInput!, $b: SetResponsibilitiesInput!) {
      a: setResponsibilities(input: $a) { version responsibilities { activity } }
      b: setResponsibilities(input: $b) { version responsibilities { activity } } }`;
    const row = (activity: string) => ({ activity, responsible: ['CRO'], accountable: ['CRO'] });
    const { data, errors } = await cros(
      TWICE,
      {
        a: { engagementId: engagement.id, expectedVersion: before.version, responsibilities: [row(a0)] },
        b: { engagementId: engagement.id, expectedVersion: before.version + 1, responsibilities: [row(a1)] },
      },
      await owner(),
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      a: { version: before.version + 1, responsibilities: [{ activity: a0 }] },
      b: { version: before.version + 2, responsibilities: [{ activity: a1 }] },
    });
    const after = await stored();
    expect(after.version).toBe(before.version + 2);
    expect(after.responsibilities.map((r: { activity: string }) => r.activity)).toEqual([a1]);
  });
});

describe('recordMonitoringVisit and recordFollowUpLetter', () => {
  const RECORD = `mutation($input: RecordMonitoringVisitInput!) { recordMonitoringVisit(input: $input) { id version kind visitedOn findings
    followUpLetterSentOn followUpLetterLagDays site { id } engagement { id } } }`;
  const LETTER = `mutation($input: RecordFollowUpLetterInput!) { recordFollowUpLetter(input: $input) { id version followUpLetterSentOn followUpLetterLagDays } }`;
  const visitedOn = daysAfter(TODAY, -10);
  const visit = { engagementId: engagement.id, siteId: site.id, kind: 'ROUTINE', visitedOn, findings: 2 };
  let visitId: string;

  test.each(STRANGERS)('%s may not record a visit: FORBIDDEN, nothing stored', async (_, party, orgId) => {
    const before = (await stored()).monitoringVisits.length;
    expectRefused(await cros(RECORD, { input: visit }, await as(party, orgId)), 'recordMonitoringVisit', CRO_ONLY);
    expect((await stored()).monitoringVisits).toHaveLength(before);
  });

  test.each([
    ['a site the sites subgraph does not know', { siteId: 'site-9999' }, 'input.siteId', /no site site-9999/],
    ['a visit before the engagement started', { visitedOn: daysAfter(engagement.startsOn, -1) }, 'input.visitedOn', /before engagement .* started/],
    ['a visit in the future', { visitedOn: daysAfter(TODAY, 2) }, 'input.visitedOn', /is in the future/],
    ['a negative count of findings', { findings: -1 }, 'input.findings', /0 or more/],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is stored', async (_, change, field, message) => {
    const before = (await stored()).monitoringVisits.length;
    expectBadInput(await cros(RECORD, { input: { ...visit, ...change } }, await owner()), field, message);
    expect((await stored()).monitoringVisits).toHaveLength(before);
  });

  test("the engagement's CRO records a visit at a site the sites subgraph knows; it is stored at version 1", async () => {
    const { data, errors } = await cros(RECORD, { input: visit }, await owner());
    expect(errors).toBeUndefined();
    visitId = data.recordMonitoringVisit.id;
    const expected = { id: visitId, version: 1, kind: 'ROUTINE', visitedOn, findings: 2, followUpLetterSentOn: null, followUpLetterLagDays: null, site: { id: site.id } };
    expect(data.recordMonitoringVisit).toEqual({ ...expected, engagement: { id: engagement.id } });
    expect((await stored()).monitoringVisits.find((v: any) => v.id === visitId)).toEqual(expected);
    // The site visited sees it too.
    const { data: asSite } = await cros(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { monitoringVisits { id } } } }`, { r: [{ __typename: 'Site', id: site.id }] }, await as('SITE', site.id));
    expect(asSite._entities[0].monitoringVisits.map((v: any) => v.id)).toContain(visitId);
  });

  test.each(STRANGERS)('%s may not record the follow-up letter: FORBIDDEN, the visit unchanged', async (_, party, orgId) => {
    expectRefused(await cros(LETTER, { input: { visitId, expectedVersion: 1, sentOn: visitedOn } }, await as(party, orgId)), 'recordFollowUpLetter', CRO_ONLY);
    expect((await stored()).monitoringVisits.find((v: any) => v.id === visitId)).toMatchObject({ version: 1, followUpLetterSentOn: null });
  });

  test.each([
    ['a letter before the visit', { sentOn: daysAfter(visitedOn, -1) }, 'input.sentOn', /before the visit itself/],
    ['a letter in the future', { sentOn: daysAfter(TODAY, 2) }, 'input.sentOn', /is in the future/],
  ] as [string, Record<string, unknown>, string, RegExp][])('%s is BAD_USER_INPUT naming the field', async (_, change, field, message) => {
    expectBadInput(await cros(LETTER, { input: { visitId, expectedVersion: 1, sentOn: visitedOn, ...change } }, await owner()), field, message);
    expect((await stored()).monitoringVisits.find((v: any) => v.id === visitId)).toMatchObject({ version: 1, followUpLetterSentOn: null });
  });

  test('a visit that does not exist is refused as another CRO\'s is: FORBIDDEN on input.visitId', async () => {
    const response = await cros(LETTER, { input: { visitId: 'monitoring-visit-none', expectedVersion: 1, sentOn: visitedOn } }, await owner());
    expectNoneOfTheCallers(response, 'recordFollowUpLetter', CRO_ONLY, 'input.visitId', 'monitoring-visit-none');
    expect((await stored()).monitoringVisits.find((v: any) => v.id === visitId)).toMatchObject({ version: 1, followUpLetterSentOn: null });
  });

  test('a failure after the version is claimed leaves the visit at its version with no letter', async () => {
    const sentOn = daysAfter(visitedOn, 1);
    const response = await whileRefusing('monitoring_visits', `NEW.follow_up_letter_sent_on = DATE '${sentOn}'`, async () =>
      cros(LETTER, { input: { visitId, expectedVersion: 1, sentOn } }, await owner()),
    );
    expect(response.errors).toHaveLength(1);
    expect((await stored()).monitoringVisits.find((v: any) => v.id === visitId)).toMatchObject({ version: 1, followUpLetterSentOn: null });
  });

  test("the engagement's CRO records the letter: the lag follows, the version moves on; the old version is then CONFLICT", async () => {
    const sentOn = daysAfter(visitedOn, 3);
    const { data, errors } = await cros(LETTER, { input: { visitId, expectedVersion: 1, sentOn } }, await owner());
    expect(errors).toBeUndefined();
    expect(data.recordFollowUpLetter).toEqual({ id: visitId, version: 2, followUpLetterSentOn: sentOn, followUpLetterLagDays: 3 });
    expect((await stored()).monitoringVisits.find((v: any) => v.id === visitId)).toMatchObject({ version: 2, followUpLetterSentOn: sentOn, followUpLetterLagDays: 3 });

    const stale = await cros(LETTER, { input: { visitId, expectedVersion: 1, sentOn: visitedOn } }, await owner());
    expect(stale.data).toBeNull();
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 2 });
    expect((await stored()).monitoringVisits.find((v: any) => v.id === visitId)).toMatchObject({ version: 2, followUpLetterSentOn: sentOn });
  });
});

describe('openAction and resolveAction', () => {
  const OPEN = `mutation($input: OpenActionInput!) { openAction(input: $input) { id version description raisedBy severity raisedAt resolvedAt status } }`;
  const RESOLVE = `mutation($input: ResolveActionInput!) { resolveAction(input: $input) { id version status resolvedAt } }`;
  const opened: Record<'CRO' | 'SPONSOR', string> = { CRO: '', SPONSOR: '' };
  const storedAction = async (id: string) => (await stored()).actions.find((a: any) => a.id === id);

  test.each([
    ['a site', 'SITE', site.id],
    ['another sponsor', 'SPONSOR', otherSponsorId],
    ['another CRO', 'CRO', otherCroId],
    ['a patient advocate', 'PATIENT_ADVOCATE', 'advocates-01'],
    ['a platform admin', 'PLATFORM_ADMIN', 'platform'],
  ] as [string, PartyKind, string][])('%s may not raise an action: FORBIDDEN, nothing stored', async (_, party, orgId) => {
    const before = (await stored()).actions.length;
    expectRefused(await cros(OPEN, { input: { engagementId: engagement.id, description: 'Check the pharmacy log', severity: 'LOW' } }, await as(party, orgId)), 'openAction', RAISERS);
    expect((await stored()).actions).toHaveLength(before);
  });

  test('a blank description is BAD_USER_INPUT naming the field; an unknown engagement is refused as another\'s is; nothing stored', async () => {
    const before = (await stored()).actions.length;
    expectBadInput(await cros(OPEN, { input: { engagementId: engagement.id, description: '   ', severity: 'LOW' } }, await owner()), 'input.description', /needs a description/);
    const unknown = await cros(OPEN, { input: { engagementId: 'engagement-none', description: 'x', severity: 'LOW' } }, await owner());
    expectNoneOfTheCallers(unknown, 'openAction', RAISERS, 'input.engagementId', 'engagement-none');
    expect((await stored()).actions).toHaveLength(before);
  });

  test.each([
    ['CRO', () => owner()],
    ['SPONSOR', () => as('SPONSOR', engagement.sponsorId)],
  ] as const)('the engagement\'s %s raises an action: raisedBy is the caller, raisedAt the clock, stored OPEN at version 1', async (party, headers) => {
    const before = Date.now();
    const { data, errors } = await cros(OPEN, { input: { engagementId: engagement.id, description: `  ${party}: source data verification backlog `, severity: 'HIGH' } }, await headers());
    const after = Date.now();
    expect(errors).toBeUndefined();
    const action = data.openAction;
    opened[party] = action.id;
    expect(action).toMatchObject({ version: 1, description: `${party}: source data verification backlog`, raisedBy: party, severity: 'HIGH', resolvedAt: null, status: 'OPEN' });
    expect(Date.parse(action.raisedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(action.raisedAt)).toBeLessThanOrEqual(after + 1000);
    expect(await storedAction(action.id)).toEqual(action);
  });

  test.each(STRANGERS)('%s may not resolve an action: FORBIDDEN, it stays open', async (_, party, orgId) => {
    expectRefused(await cros(RESOLVE, { input: { actionId: opened.SPONSOR, expectedVersion: 1 } }, await as(party, orgId)), 'resolveAction', CRO_ONLY);
    expect(await storedAction(opened.SPONSOR)).toMatchObject({ version: 1, status: 'OPEN', resolvedAt: null });
  });

  test('a stale expectedVersion is CONFLICT and the action stays open', async () => {
    const { data, errors } = await cros(RESOLVE, { input: { actionId: opened.CRO, expectedVersion: 7 } }, await owner());
    expect(data).toBeNull();
    expect(errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 1 });
    expect(await storedAction(opened.CRO)).toMatchObject({ version: 1, status: 'OPEN', resolvedAt: null });
  });

  test("the engagement's CRO resolves the sponsor's action; resolving it again is BAD_USER_INPUT; no action is FORBIDDEN", async () => {
    const { data, errors } = await cros(RESOLVE, { input: { actionId: opened.SPONSOR, expectedVersion: 1 } }, await owner());
    expect(errors).toBeUndefined();
    expect(data.resolveAction).toMatchObject({ id: opened.SPONSOR, version: 2, status: 'RESOLVED' });
    const resolved = await storedAction(opened.SPONSOR);
    expect(resolved).toMatchObject({ version: 2, status: 'RESOLVED', resolvedAt: data.resolveAction.resolvedAt });
    expect(Date.parse(resolved.resolvedAt)).toBeGreaterThanOrEqual(Date.parse(resolved.raisedAt));

    expectBadInput(await cros(RESOLVE, { input: { actionId: opened.SPONSOR, expectedVersion: 2 } }, await owner()), 'input.actionId', /already resolved/);
    expect(await storedAction(opened.SPONSOR)).toEqual(resolved);
    expectNoneOfTheCallers(await cros(RESOLVE, { input: { actionId: 'action-none', expectedVersion: 1 } }, await owner()), 'resolveAction', CRO_ONLY, 'input.actionId', 'action-none');
  });
});

describe('assignStaff and handOverStaff', () => {
  const ASSIGN = `mutation($input: AssignStaffInput!) { assignStaff(input: $input) { id version role pseudonym startedOn endedOn handoverOverlapDays cro { id } trial { id } } }`;
  const HAND_OVER = `mutation($input: HandOverStaffInput!) { handOverStaff(input: $input) { id version role pseudonym startedOn endedOn handoverOverlapDays cro { id } trial { id } } }`;
  const startedOn = daysAfter(TODAY, -40);
  const assignment = { engagementId: engagement.id, siteId: site.id, role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'CRA-T3ST1', startedOn };
  let assignmentId: string;

  test.each(STRANGERS)('%s may not assign staff: FORBIDDEN, nothing stored', async (_, party, orgId) => {
    expectRefused(await cros(ASSIGN, { input: assignment }, await as(party, orgId)), 'assignStaff', CRO_ONLY);
    expect(await storedAssignments()).toEqual([]);
  });

  test.each([
    ['a name for a pseudonym', { pseudonym: 'Jane Doe' }, 'input.pseudonym', /looks like a name/],
    ['an email for a pseudonym', { pseudonym: 'jane.doe@cro.example' }, 'input.pseudonym', /looks like an email address/],
    ["a CRA's pseudonym for a project manager", { role: 'PROJECT_MANAGER' }, 'input.pseudonym', /PM- then 3 to 12 capital letters or digits/],
    ['a site the sites subgraph does not know', { siteId: 'site-9999' }, 'input.siteId', /no site site-9999/],
    ['a start before the engagement', { startedOn: daysAfter(engagement.startsOn, -1) }, 'input.startedOn', /before engagement .* started/],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is stored', async (_, change, field, message) => {
    const response = await cros(ASSIGN, { input: { ...assignment, ...change } }, await owner());
    expectBadInput(response, field, message);
    // A refused pseudonym is never echoed back: it may be a real person's name.
    if ('pseudonym' in change) expect(response.errors![0].message).not.toContain(change.pseudonym);
    expect(await storedAssignments()).toEqual([]);
  });

  test("an engagement that does not exist is refused as another CRO's is: FORBIDDEN on input.engagementId, nothing stored", async () => {
    const response = await cros(ASSIGN, { input: { ...assignment, engagementId: 'engagement-none' } }, await owner());
    expectNoneOfTheCallers(response, 'assignStaff', CRO_ONLY, 'input.engagementId', 'engagement-none');
    expect(await storedAssignments()).toEqual([]);
  });

  test("the engagement's CRO assigns a monitor to a site on its trial: the first there has no handover", async () => {
    const { data, errors } = await cros(ASSIGN, { input: assignment }, await owner());
    expect(errors).toBeUndefined();
    assignmentId = data.assignStaff.id;
    const expected = {
      id: assignmentId, version: 1, role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'CRA-T3ST1', startedOn, endedOn: null,
      handoverOverlapDays: null, cro: { id: engagement.croId }, trial: { id: engagement.trialId },
    };
    expect(data.assignStaff).toEqual(expected);
    expect(await storedAssignments()).toEqual([expected]);
  });

  const handOver = (overrides: Record<string, unknown> = {}, successor: Record<string, unknown> = {}) => ({
    assignmentId, expectedVersion: 1, endedOn: daysAfter(startedOn, 20), ...overrides,
    successor: { pseudonym: 'CRA-N3XT2', startedOn: daysAfter(startedOn, 15), ...successor },
  });

  test.each(STRANGERS)('%s may not hand over staff: FORBIDDEN, nothing changes', async (_, party, orgId) => {
    const before = await storedAssignments();
    expectRefused(await cros(HAND_OVER, { input: handOver() }, await as(party, orgId)), 'handOverStaff', CRO_ONLY);
    expect(await storedAssignments()).toEqual(before);
  });

  test.each([
    ['an end before the start', [{ endedOn: daysAfter(startedOn, -1) }, {}], 'input.endedOn', /before the assignment started/],
    ['an email for the successor', [{}, { pseudonym: 'next@cro.example' }], 'input.successor.pseudonym', /looks like an email address/],
    ['the same person as successor', [{}, { pseudonym: 'CRA-T3ST1' }], 'input.successor.pseudonym', /another person/],
    ['a successor who started first', [{}, { startedOn }], 'input.successor.startedOn', /must be after the outgoing assignment started/],
  ] as [string, [Record<string, unknown>, Record<string, unknown>], string, RegExp][])('%s is BAD_USER_INPUT naming the field, and nothing changes', async (_, [change, successor], field, message) => {
    const before = await storedAssignments();
    expectBadInput(await cros(HAND_OVER, { input: handOver(change, successor) }, await owner()), field, message);
    expect(await storedAssignments()).toEqual(before);
  });

  test("an assignment that does not exist is refused as another CRO's is: FORBIDDEN on input.assignmentId, nothing changes", async () => {
    const before = await storedAssignments();
    const response = await cros(HAND_OVER, { input: handOver({ assignmentId: 'assignment-none' }) }, await owner());
    expectNoneOfTheCallers(response, 'handOverStaff', CRO_ONLY, 'input.assignmentId', 'assignment-none');
    expect(await storedAssignments()).toEqual(before);
  });

  test('a failure while the successor is stored leaves the outgoing assignment open at its version', async () => {
    const before = await storedAssignments();
    const response = await whileRefusing('staff_assignments', `NEW.pseudonym = 'CRA-FA1L'`, async () =>
      cros(HAND_OVER, { input: handOver({}, { pseudonym: 'CRA-FA1L' }) }, await owner()),
    );
    expect(response.errors).toHaveLength(1);
    expect(await storedAssignments()).toEqual(before);
  });

  test("the engagement's CRO hands over in one write: the old one ends, the successor starts, overlapping 5 days", async () => {
    const { data, errors } = await cros(HAND_OVER, { input: handOver() }, await owner());
    expect(errors).toBeUndefined();
    const successor = {
      id: data.handOverStaff.id, version: 1, role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'CRA-N3XT2', startedOn: daysAfter(startedOn, 15),
      endedOn: null, handoverOverlapDays: 5, cro: { id: engagement.croId }, trial: { id: engagement.trialId },
    };
    expect(data.handOverStaff).toEqual(successor);
    expect(await storedAssignments()).toEqual([
      { id: assignmentId, version: 2, role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'CRA-T3ST1', startedOn, endedOn: daysAfter(startedOn, 20),
        handoverOverlapDays: null, cro: { id: engagement.croId }, trial: { id: engagement.trialId } },
      successor,
    ]);
  });

  test('the ended assignment cannot be handed over again, and a stale version is CONFLICT', async () => {
    const before = await storedAssignments();
    expectBadInput(await cros(HAND_OVER, { input: handOver({ expectedVersion: 2 }) }, await owner()), 'input.assignmentId', /already ended/);
    const successorId = before[1].id;
    const stale = await cros(HAND_OVER, { input: { assignmentId: successorId, expectedVersion: 3, endedOn: TODAY, successor: { pseudonym: 'CRA-L4TER', startedOn: TODAY } } }, await owner());
    expect(stale.data).toBeNull();
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 1 });
    expect(await storedAssignments()).toEqual(before);
  });
});

describe('CRA turnover', () => {
  const TURNOVER = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Site { craTurnover { site { id } trial { id } assignments endedBeforeClose rate } }
    ... on Trial { craTurnover { site { id } trial { id } assignments endedBeforeClose rate } } } }`;
  const representations = [
    { __typename: 'Site', id: closedAtSite.siteId },
    { __typename: 'Trial', id: closedAtSite.trialId },
  ];
  // One left before the closing, one after it, one is still there: 1 of 3.
  const atClosedSite = {
    site: { id: closedAtSite.siteId },
    trial: { id: closedAtSite.trialId },
    assignments: 3,
    endedBeforeClose: 1,
    rate: 1 / 3,
  };
  const rowsAt = (rows: any[]) => rows.filter((row) => row.site.id === closedAtSite.siteId && row.trial.id === closedAtSite.trialId);

  test('the dataset has a closed trial site with a CRO engaged on its trial', () => {
    expect(closedAtSite).toBeDefined();
    expect(turnoverEngagement).toBeDefined();
  });

  test.each([
    ['the site', 'SITE', closedAtSite.siteId],
    ["the assignments' CRO", 'CRO', turnoverEngagement.croId],
    ['the sponsor that engaged that CRO on the trial', 'SPONSOR', turnoverEngagement.sponsorId],
    ['a platform admin', 'PLATFORM_ADMIN', 'platform'],
  ] as [string, PartyKind, string][])('%s sees the turnover on Site and on Trial: 1 of 3 ended before the trial closed there', async (_, party, orgId) => {
    const { data, errors } = await cros(TURNOVER, { r: representations }, await as(party, orgId));
    expect(errors).toBeUndefined();
    const [onSite, onTrial] = data._entities;
    expect(rowsAt(onSite.craTurnover)).toEqual([atClosedSite]);
    expect(rowsAt(onTrial.craTurnover)).toEqual([atClosedSite]);
  });

  test.each([
    ['another CRO', 'CRO', dataset.cros.find((c) => c.id !== turnoverEngagement.croId)!.id],
    ['another sponsor', 'SPONSOR', dataset.sponsors.find((s) => s.id !== turnoverEngagement.sponsorId)!.id],
    ['another site', 'SITE', site.id],
    ['a patient advocate', 'PATIENT_ADVOCATE', 'advocates-01'],
  ] as [string, PartyKind, string][])('%s gets no turnover for that site and trial', async (_, party, orgId) => {
    // A CRO or sponsor with no engagement there, another site, an advocate: none of these assignments is theirs to see.
    const { data, errors } = await cros(TURNOVER, { r: representations }, await as(party, orgId));
    expect(errors).toBeUndefined();
    const [onSite, onTrial] = data._entities;
    expect(rowsAt(onSite.craTurnover)).toEqual([]);
    expect(rowsAt(onTrial.craTurnover)).toEqual([]);
  });

  test('through the gateway the site reads it on its own site', async () => {
    const { data, errors } = await stack.query(
      `query($id: ID!) { site(id: $id) { craTurnover { trial { id } assignments endedBeforeClose rate } } }`,
      { id: closedAtSite.siteId },
      await as('SITE', closedAtSite.siteId),
    );
    expect(errors).toBeUndefined();
    expect(data.site.craTurnover.filter((row: any) => row.trial.id === closedAtSite.trialId)).toEqual([
      { trial: { id: closedAtSite.trialId }, assignments: 3, endedBeforeClose: 1, rate: 1 / 3 },
    ]);
  });
});
