// Who sees what the insights subgraph holds, on the whole stack: the rules that depend on the
// sponsors subgraph (does this sponsor sponsor the trial? which of its trials run at a site?) are
// answered by it, as the caller. Aggregates are asked of the insights subgraph directly, as a
// partner system may, and compared with what the gateway gives.
import { generateDemoDataset } from '../seed/generate';
import type { AdvocateReviewRecord, DemoDataset, SurveyResponseRecord } from '../seed/model';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, type GraphQLResponse } from './support/subgraph-harness';
import { as } from './support/tokens';

const k = 5;

// ---------------------------------------------------------------------------------------------
// The dataset: a generated one, with the answers about a handful of trials and sites replaced by
// answers counted out by hand, so every figure below can be worked out on paper.

const dataset: DemoDataset = generateDemoDataset({ seed: 42, scale: 0.1 });
const sponsorOf = new Map(dataset.trials.map((trial) => [trial.id, trial.sponsorId]));
const sitesOf = (trialId: string) => dataset.trialSites.filter((row) => row.trialId === trialId).map((row) => row.siteId);
const trialsAt = (siteId: string) => dataset.trialSites.filter((row) => row.siteId === siteId).map((row) => row.trialId);

/**
 * Site X runs two trials of sponsor A (T1, T2) and one of sponsor B (T3); T1 also runs at site Y,
 * which also runs T4 of another sponsor; T2 also runs at site W.
 */
function findShape() {
  for (const { siteId: x } of dataset.trialSites) {
    for (const t1 of trialsAt(x)) {
      const a = sponsorOf.get(t1)!;
      const t2 = trialsAt(x).find((trial) => trial !== t1 && sponsorOf.get(trial) === a);
      const t3 = trialsAt(x).find((trial) => sponsorOf.get(trial) !== a);
      const y = sitesOf(t1).find((site) => site !== x && t2 !== undefined && !sitesOf(t2).includes(site));
      const w = t2 && sitesOf(t2).find((site) => site !== x && site !== y);
      const t4 = y && trialsAt(y).find((trial) => trial !== t1 && trial !== t3 && sponsorOf.get(trial) !== a);
      if (t2 && t3 && y && w && t4) return { x, y, w, t1, t2, t3, t4, a, b: sponsorOf.get(t3)! };
    }
  }
  throw new Error('The generated dataset has no site of the shape these tests need');
}
const { x: X, y: Y, w: W, t1: T1, t2: T2, t3: T3, t4: T4, a: SPONSOR_A, b: SPONSOR_B } = findShape();
/** A sponsor with no trial at site X. */
const SPONSOR_C = dataset.sponsors.find((sponsor) => !trialsAt(X).some((trial) => sponsorOf.get(trial) === sponsor.id))!.id;
const CRO = dataset.cros[0].id;

let answered = 0;
function answers(trialId: string, siteId: string, count: number, reason: SurveyResponseRecord['discontinuationReason'] = null): SurveyResponseRecord[] {
  return Array.from({ length: count }, () => ({
    clientResponseId: `counted-${++answered}`,
    trialId,
    siteId,
    visitNumber: 2,
    submittedMonth: '2026-03',
    burden: { travel: 2, visitLength: 3, procedures: 2, scheduling: 1, cost: 2 },
    understanding: 4,
    wouldRecommend: true,
    discontinuationReason: reason,
  }));
}

// Sponsor A's and B's trials, and sites X, Y and W, are answered for only here.
const counted = new Set([SPONSOR_A, SPONSOR_B]);
const handled = new Set([X, Y, W]);
dataset.surveyResponses = [
  ...dataset.surveyResponses.filter((response) => !counted.has(sponsorOf.get(response.trialId)!) && !handled.has(response.siteId)),
  ...answers(T1, X, 8), // T1: 14 in all, 8 at X, 6 at Y
  ...answers(T1, Y, 6),
  ...answers(T2, X, 7), // T2: 9 in all, 7 at X, 2 at W
  ...answers(T2, W, 2),
  ...answers(T3, X, 6), // T3: 6, all at X
  ...answers(T4, Y, 2), // X: 21 in all; Y: 8; W: 2
];

function review(id: string, advocacyGroupId: string, trialId: string, reviewedOn: string): AdvocateReviewRecord {
  return {
    id,
    advocacyGroupId,
    trialId,
    protocolVersion: 1,
    format: 'PANEL',
    reviewedOn,
    findings: [{ id: `${id}-finding`, area: 'Visit schedule', severity: 'MEDIUM', recommendation: 'Fewer visits', sponsorDecision: 'PENDING' }],
  };
}
dataset.advocateReviews.push(
  review('review-t1-by-01', 'advocates-01', T1, '2026-01-10'),
  review('review-t1-by-02', 'advocates-02', T1, '2026-02-10'),
  review('review-t3-by-01', 'advocates-01', T3, '2026-03-10'),
);

// ---------------------------------------------------------------------------------------------

let stack: TestStack;
let insightsUrl: string;

beforeAll(async () => {
  stack = await startTestStack(dataset, { PATIENT_EXPERIENCE_MIN_RESPONDENTS: String(k) });
  insightsUrl = stack.subgraphUrls.insights;
});
afterAll(() => stack?.shutdown());

type Caller = [PartyKind, string];
const ADMIN: Caller = ['PLATFORM_ADMIN', 'platform'];
const ADVOCATE_01: Caller = ['PATIENT_ADVOCATE', 'advocates-01'];
const ADVOCATE_02: Caller = ['PATIENT_ADVOCATE', 'advocates-02'];
const headers = ([party, orgId]: Caller) => as(party, orgId);

const served = (respondents: number) => ({ suppressed: false, respondents });
const SUPPRESSED = { suppressed: true, respondents: null };

interface Answer {
  experience: unknown;
  errors: NonNullable<GraphQLResponse['errors']>;
}

/** Trial.patientExperience(siteId) as the caller, from the insights subgraph's _entities. */
async function trialExperience(caller: Caller, trialId: string, siteId: string | null = null): Promise<Answer> {
  const response = await postGraphQL(
    insightsUrl,
    `query ($r: [_Any!]!, $siteId: ID) { _entities(representations: $r) {
      ... on Trial { patientExperience(siteId: $siteId) { suppressed respondents } } } }`,
    { r: [{ __typename: 'Trial', id: trialId }], siteId },
    await headers(caller),
  );
  return { experience: response.data._entities[0].patientExperience, errors: response.errors ?? [] };
}

/** Site.patientExperience(trialId) as the caller, from the insights subgraph's _entities. */
async function siteExperience(caller: Caller, siteId: string, trialId: string | null = null): Promise<Answer> {
  const response = await postGraphQL(
    insightsUrl,
    `query ($r: [_Any!]!, $trialId: ID) { _entities(representations: $r) {
      ... on Site { patientExperience(trialId: $trialId) { suppressed respondents } } } }`,
    { r: [{ __typename: 'Site', id: siteId }], trialId },
    await headers(caller),
  );
  return { experience: response.data._entities[0].patientExperience, errors: response.errors ?? [] };
}

const shown = (experience: unknown): Answer => ({ experience, errors: [] });

/** Null, with one FORBIDDEN error on the field naming the aggregate rule, and a message saying why. */
function refused(message: RegExp) {
  return {
    experience: null,
    errors: [
      expect.objectContaining({
        path: ['_entities', 0, 'patientExperience'],
        message: expect.stringMatching(message),
        extensions: expect.objectContaining({ code: 'FORBIDDEN', rule: 'patient-aggregate-scope' }),
      }),
    ],
  };
}

describe.each([
  ['a platform admin', ADMIN],
  ['a patient advocate', ADVOCATE_01],
])('patient experience for %s: every response, narrowed cells held to k and to what subtraction would leave', (_, caller) => {
  test('whole trials and sites are served over all their respondents; a site under k is suppressed', async () => {
    expect(await trialExperience(caller, T1)).toEqual(shown(served(14)));
    expect(await trialExperience(caller, T2)).toEqual(shown(served(9)));
    expect(await siteExperience(caller, X)).toEqual(shown(served(21)));
    // W (2) is withheld and Y (8) is shown: the grand total less X and Y would leave W's 2, but the
    // caller never sees the grand total and cannot add it up, since neither line of totals is shown
    // whole (test/insights-subtraction.test.ts searches every line of the caller's table for more).
    expect(await siteExperience(caller, Y)).toEqual(shown(served(8)));
    expect(await siteExperience(caller, W)).toEqual(shown(SUPPRESSED));
  });

  test('a trial narrowed to a site is served when what is left of the trial and of the site is 0 or at least k', async () => {
    // T1 at X: 8 of T1's 14 (6 left) and of X's 21 (13 left).
    // T1 at X (8) is withheld: T1 at Y is, so T1's 14 less this cell would give Y's 6 back.
    expect(await trialExperience(caller, T1, X)).toEqual(shown(SUPPRESSED));
    // T3 at X: all of T3's 6 (none left), 6 of X's 21.
    expect(await siteExperience(caller, X, T3)).toEqual(shown(served(6)));
  });

  test('a narrowed cell of k or more is suppressed when taking it out of the trial or the site leaves 1 to k − 1', async () => {
    // T2 at X: 7 ≥ k, but T2 − 7 = 2 (the two at W) could be described by subtraction.
    expect(await trialExperience(caller, T2, X)).toEqual(shown(SUPPRESSED));
    expect(await siteExperience(caller, X, T2)).toEqual(shown(SUPPRESSED));
    // T1 at Y: 6 ≥ k and T1 − 6 = 8, but Y − 6 = 2 (T4's two at Y).
    expect(await trialExperience(caller, T1, Y)).toEqual(shown(SUPPRESSED));
  });
});

describe('patient experience for a site: only its own patients', () => {
  const SITE_X: Caller = ['SITE', X];
  const SITE_Y: Caller = ['SITE', Y];

  test('its own site whole, and any trial as the trial × its own site cell', async () => {
    expect(await siteExperience(SITE_X, X)).toEqual(shown(served(21)));
    expect(await trialExperience(SITE_X, T1)).toEqual(shown(served(8)));
    expect(await trialExperience(SITE_X, T3)).toEqual(shown(served(6)));
    expect(await trialExperience(SITE_X, T1, X)).toEqual(shown(served(8)));
    expect(await siteExperience(SITE_X, X, T2)).toEqual(shown(served(7)));
  });

  test('a trial cell is suppressed when its own whole site minus the cell leaves 1 to k − 1', async () => {
    // T1 at Y is 6 ≥ k, but Y has 8: the other 2 would be Y − 6.
    expect(await trialExperience(SITE_Y, T1)).toEqual(shown(SUPPRESSED));
    expect(await siteExperience(SITE_Y, Y)).toEqual(shown(served(8)));
  });

  test('another site, or a trial narrowed to another site, is refused', async () => {
    expect(await siteExperience(SITE_X, Y)).toEqual(refused(new RegExp(`SITE ${X} sees only what its own patients answered; site ${Y} is another site`)));
    expect(await siteExperience(SITE_X, Y, T1)).toEqual(refused(/sees only what its own patients answered/));
    expect(await trialExperience(SITE_X, T1, Y)).toEqual(refused(new RegExp(`SITE ${X} .* cannot narrow to site ${Y}`)));
  });
});

describe('patient experience for a sponsor: its own trials, as the sponsors subgraph says', () => {
  const A: Caller = ['SPONSOR', SPONSOR_A];
  const B: Caller = ['SPONSOR', SPONSOR_B];

  test('its own trials whole and narrowed to a site, held to what subtraction would leave', async () => {
    expect(await trialExperience(A, T1)).toEqual(shown(served(14)));
    // T1 at X is withheld over A's whole table: A's X total 15 less it is T2 at X (7), and T2's 9
    // less that is W's 2.
    expect(await trialExperience(A, T1, X)).toEqual(shown(SUPPRESSED));
    expect(await trialExperience(A, T2, X)).toEqual(shown(SUPPRESSED));
    expect(await trialExperience(B, T3)).toEqual(shown(served(6)));
  });

  test('another sponsor\'s trial is refused', async () => {
    expect(await trialExperience(A, T3)).toEqual(refused(new RegExp(`A trial's patient experience is for its sponsor; SPONSOR ${SPONSOR_A} does not sponsor this one`)));
    expect(await trialExperience(B, T1, X)).toEqual(refused(/is for its sponsor/));
  });

  test('a site is narrowed to the sponsor\'s own trials there', async () => {
    // A: T1 (8) and T2 (7) at X, not B's T3 (6); B: only T3.
    expect(await siteExperience(A, X)).toEqual(shown(served(15)));
    expect(await siteExperience(B, X)).toEqual(shown(served(6)));
    // At Y only T1 is A's: its 6 are served though Y's whole 8 are not A's to subtract from.
    // At Y only T1 is A's, so Y's total is T1 at Y (6), withheld with it for T1's sake.
    expect(await siteExperience(A, Y)).toEqual(shown(SUPPRESSED));
    expect(await siteExperience(A, X, T1)).toEqual(shown(SUPPRESSED));
  });

  test('a site where the sponsor runs no trial is an empty, suppressed aggregate', async () => {
    expect(await siteExperience(['SPONSOR', SPONSOR_C], X)).toEqual(shown(SUPPRESSED));
  });

  test('narrowing a site to another sponsor\'s trial there is refused', async () => {
    expect(await siteExperience(A, X, T3)).toEqual(
      refused(new RegExp(`SPONSOR ${SPONSOR_A} sees patient experience at site ${X} only for its own trials there; this trial is not one of them`)),
    );
  });
});

test('a CRO sees no patient-experience aggregate at all', async () => {
  const cro: Caller = ['CRO', CRO];
  const refusal = refused(new RegExp(`CRO ${CRO} is none of them`));
  expect(await trialExperience(cro, T1)).toEqual(refusal);
  expect(await trialExperience(cro, T1, X)).toEqual(refusal);
  expect(await siteExperience(cro, X)).toEqual(refusal);
  expect(await siteExperience(cro, X, T1)).toEqual(refusal);
});

test('an empty narrowing id is bad input, not "everything"', async () => {
  const { experience, errors } = await trialExperience(ADMIN, T1, '');
  expect(experience).toBeNull();
  expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'siteId' }) })]);
});

test('a sponsor\'s narrowed aggregates of many trials and sites are one SQL statement in the insights subgraph', async () => {
  const representations = [
    ...[T1, T2, T1].map((id) => ({ __typename: 'Trial', id })),
    ...[X, Y, W].map((id) => ({ __typename: 'Site', id })),
  ];
  let response: GraphQLResponse | undefined;
  const statements = await stack.countStatements(async () => {
    response = await postGraphQL(
      insightsUrl,
      `query ($r: [_Any!]!, $x: ID!, $t1: ID!) { _entities(representations: $r) {
        ... on Trial { whole: patientExperience { respondents } atX: patientExperience(siteId: $x) { respondents } }
        ... on Site { whole: patientExperience { respondents } ofT1: patientExperience(trialId: $t1) { respondents } } } }`,
      { r: representations, x: X, t1: T1 },
      await headers(['SPONSOR', SPONSOR_A]),
    );
  });
  expect(response!.data._entities).toEqual([
    { whole: { respondents: 14 }, atX: { respondents: null } },
    { whole: { respondents: 9 }, atX: { respondents: null } },
    { whole: { respondents: 14 }, atX: { respondents: null } },
    { whole: { respondents: 15 }, ofT1: { respondents: null } },
    { whole: { respondents: null }, ofT1: { respondents: null } },
    // W runs T2 (2 answers) of A's trials, not T1.
    { whole: { respondents: null }, ofT1: null },
  ]);
  expect(response!.errors).toEqual([
    expect.objectContaining({ path: ['_entities', 5, 'ofT1'], extensions: expect.objectContaining({ rule: 'patient-aggregate-scope' }) }),
  ]);
  // The sponsor's whole table (what suppression is decided over) is tallied in the statement of the figures asked.
  expect(statements.insights).toBe(1);
});

// ---------------------------------------------------------------------------------------------
// Advocate reviews: the group that ran one, the trial's sponsor and admins.

const reviewIds = (where: (review: AdvocateReviewRecord) => boolean) =>
  dataset.advocateReviews
    .filter(where)
    .sort((a, b) => (a.reviewedOn === b.reviewedOn ? (a.id < b.id ? -1 : 1) : a.reviewedOn < b.reviewedOn ? -1 : 1))
    .map((review) => review.id);
const ofTrial = (trialId: string) => (review: AdvocateReviewRecord) => review.trialId === trialId;
const byGroup = (group: string) => (review: AdvocateReviewRecord) => review.advocacyGroupId === group;
const both = (...conditions: ((review: AdvocateReviewRecord) => boolean)[]) => (review: AdvocateReviewRecord) =>
  conditions.every((condition) => condition(review));

async function trialReviews(caller: Caller, trialIds: string[]) {
  const response = await postGraphQL(
    insightsUrl,
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { advocateReviews { id advocacyGroupId } } } }`,
    { r: trialIds.map((id) => ({ __typename: 'Trial', id })) },
    await headers(caller),
  );
  expect(response.errors).toBeUndefined();
  return response.data._entities.map((trial: any) => trial.advocateReviews.map((review: any) => review.id));
}

describe('Trial.advocateReviews leaves out the reviews the caller is not a party to', () => {
  test.each<[string, Caller, string[][]]>([
    ['a platform admin sees all of them', ADMIN, [reviewIds(ofTrial(T1)), reviewIds(ofTrial(T3))]],
    ['an advocate sees its own group\'s', ADVOCATE_01, [reviewIds(both(ofTrial(T1), byGroup('advocates-01'))), reviewIds(both(ofTrial(T3), byGroup('advocates-01')))]],
    ['another advocate sees its own', ADVOCATE_02, [reviewIds(both(ofTrial(T1), byGroup('advocates-02'))), reviewIds(both(ofTrial(T3), byGroup('advocates-02')))]],
    ['the trial\'s sponsor sees all of its trial\'s, none of another\'s', ['SPONSOR', SPONSOR_A], [reviewIds(ofTrial(T1)), []]],
    ['the other trial\'s sponsor likewise', ['SPONSOR', SPONSOR_B], [[], reviewIds(ofTrial(T3))]],
    ['a site running both trials sees none', ['SITE', X], [[], []]],
    ['a CRO sees none', ['CRO', CRO], [[], []]],
  ])('%s', async (_, caller, expected) => {
    expect(await trialReviews(caller, [T1, T3])).toEqual(expected);
  });

  test('the crafted reviews make each case distinct: both groups reviewed T1', () => {
    expect(reviewIds(both(ofTrial(T1), byGroup('advocates-01')))).toContain('review-t1-by-01');
    expect(reviewIds(both(ofTrial(T1), byGroup('advocates-02')))).toContain('review-t1-by-02');
    expect(reviewIds(both(ofTrial(T1), byGroup('advocates-01')))).not.toContain('review-t1-by-02');
  });
});

const ROOT_REVIEWS = `query ($trialId: ID) { advocateReviews(trialId: $trialId) { id advocacyGroupId trial { id } findings { id sponsorDecision version } } }`;

async function rootReviews(caller: Caller, trialId: string | null = null, url = insightsUrl) {
  const response = await postGraphQL(url, ROOT_REVIEWS, { trialId }, await headers(caller));
  expect(response.errors).toBeUndefined();
  return response.data.advocateReviews as { id: string; advocacyGroupId: string; trial: { id: string } }[];
}

describe('Query.advocateReviews lists the reviews the caller may see', () => {
  test('a platform admin: every review, in the order they happened', async () => {
    expect((await rootReviews(ADMIN)).map((r) => r.id)).toEqual(reviewIds(() => true));
  });

  test('an advocate: its group\'s, with the trials they are about', async () => {
    const reviews = await rootReviews(ADVOCATE_01);
    expect(reviews.map((r) => r.id)).toEqual(reviewIds(byGroup('advocates-01')));
    expect(reviews.map((r) => r.trial.id)).toEqual(reviews.map((r) => dataset.advocateReviews.find((d) => d.id === r.id)!.trialId));
    expect(new Set(reviews.map((r) => r.advocacyGroupId))).toEqual(new Set(['advocates-01']));
  });

  test('a sponsor: those of its own trials, as the sponsors subgraph lists them', async () => {
    expect((await rootReviews(['SPONSOR', SPONSOR_A])).map((r) => r.id)).toEqual(
      reviewIds((review) => sponsorOf.get(review.trialId) === SPONSOR_A),
    );
  });

  test('narrowed to one trial: the trial\'s sponsor gets its reviews, another sponsor none', async () => {
    expect((await rootReviews(['SPONSOR', SPONSOR_A], T1)).map((r) => r.id)).toEqual(reviewIds(ofTrial(T1)));
    expect(await rootReviews(['SPONSOR', SPONSOR_A], T3)).toEqual([]);
    expect((await rootReviews(ADVOCATE_02, T1)).map((r) => r.id)).toEqual(['review-t1-by-02']);
  });

  test('sites and CROs: none', async () => {
    expect(await rootReviews(['SITE', X])).toEqual([]);
    expect(await rootReviews(['CRO', CRO])).toEqual([]);
  });

  test('the gateway lists the same as the subgraph', async () => {
    for (const caller of [ADMIN, ADVOCATE_01, ['SPONSOR', SPONSOR_B] as Caller, ['SITE', X] as Caller]) {
      expect(await rootReviews(caller, null, stack.gatewayUrl)).toEqual(await rootReviews(caller));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// _entities on this subgraph gives no more than the gateway.

/** An advocacy group that did not review T1: the sponsors subgraph does not show it T1. */
const OUTSIDE_ADVOCATES = dataset.advocacyGroups.find((group) => !dataset.advocateReviews.some((r) => r.trialId === T1 && r.advocacyGroupId === group.id))!.id;

const CALLERS: Caller[] = [
  ADMIN,
  ADVOCATE_01,
  ADVOCATE_02,
  ['PATIENT_ADVOCATE', OUTSIDE_ADVOCATES],
  ['SPONSOR', SPONSOR_A],
  ['SPONSOR', SPONSOR_B],
  ['SITE', X],
  ['SITE', Y],
  ['CRO', CRO],
];

const TRIAL_FIELDS = `patientExperience { suppressed respondents meanBurden } atX: patientExperience(siteId: $x) { suppressed respondents } advocateReviews { id }`;

test.each(CALLERS.map((caller) => [caller.join(' '), caller] as const))(
  'for %s, _entities on the insights subgraph answers a trial as the gateway does, or less',
  async (_, caller) => {
    const auth = await headers(caller);
    const viaGateway = await postGraphQL(stack.gatewayUrl, `query ($id: ID!, $x: ID!) { trial(id: $id) { ${TRIAL_FIELDS} } }`, { id: T1, x: X }, auth);
    const direct = await postGraphQL(
      insightsUrl,
      `query ($r: [_Any!]!, $x: ID!) { _entities(representations: $r) { ... on Trial { ${TRIAL_FIELDS} } } }`,
      { r: [{ __typename: 'Trial', id: T1 }], x: X },
      auth,
    );
    const directTrial = direct.data._entities[0];
    const directRefusals = (direct.errors ?? []).map((error) => [error.path!.slice(2).join('.'), error.extensions!.rule]);
    const gatewayTrial = viaGateway.data.trial;
    if (gatewayTrial === null) {
      // The trial's owner does not show it to this caller: directly, its reviews do not show
      // either, and its aggregates are refused or suppressed. (Patient advocates are the exception
      // the rules make: every aggregate is theirs, through the gateway as Site.patientExperience.)
      expect(directTrial.advocateReviews).toEqual([]);
      if (caller[0] !== 'PATIENT_ADVOCATE') {
        for (const aggregate of [directTrial.patientExperience, directTrial.atX]) {
          if (aggregate !== null) expect(aggregate).toMatchObject({ suppressed: true, respondents: null });
        }
      }
      return;
    }
    expect(directTrial).toEqual(gatewayTrial);
    const gatewayRefusals = (viaGateway.errors ?? []).map((error) => [error.path!.slice(1).join('.'), error.extensions!.rule]);
    expect(directRefusals).toEqual(gatewayRefusals);
  },
);

const SITE_FIELDS = `patientExperience { suppressed respondents meanBurden } ofT1: patientExperience(trialId: $t1) { suppressed respondents }`;

test.each(CALLERS.map((caller) => [caller.join(' '), caller] as const))(
  'for %s, _entities on the insights subgraph answers a site exactly as the gateway does',
  async (_, caller) => {
    const auth = await headers(caller);
    const viaGateway = await postGraphQL(stack.gatewayUrl, `query ($id: ID!, $t1: ID!) { site(id: $id) { ${SITE_FIELDS} } }`, { id: X, t1: T1 }, auth);
    const direct = await postGraphQL(
      insightsUrl,
      `query ($r: [_Any!]!, $t1: ID!) { _entities(representations: $r) { ... on Site { ${SITE_FIELDS} } } }`,
      { r: [{ __typename: 'Site', id: X }], t1: T1 },
      auth,
    );
    // Sites are directory entries every caller sees: the gateway always asks this subgraph.
    expect(direct.data._entities[0]).toEqual(viaGateway.data.site);
    const refusals = (errors: GraphQLResponse['errors'], skip: number) =>
      (errors ?? []).map((error) => [error.path!.slice(skip).join('.'), error.extensions!.code, error.extensions!.rule]);
    expect(refusals(direct.errors, 2)).toEqual(refusals(viaGateway.errors, 1));
  },
);
