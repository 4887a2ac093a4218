import { openInsightsDatabase } from '../subgraphs/insights/database';
import { patientBurden } from '../subgraphs/insights/patient-burden';
import { seedInsights } from '../subgraphs/insights/seed';
import { buildInsightsSubgraph } from '../subgraphs/insights/server';
import { discontinuationRows, figureKey, patientExperience, withheldFigures, type ExperienceTally } from '../subgraphs/insights/suppression';
import type { AdvocateReviewRecord, SurveyResponseRecord } from '../seed/model';
import { testDatabaseConfigs } from './support/databases';
import { startSubgraph, type RunningSubgraph } from './support/subgraph-harness';
import { as, testAccess } from './support/tokens';

// ---------------------------------------------------------------------------------------------
// Suppression rules, as pure functions, at their edges.

const K = 11;

function tally(respondents: number, discontinued: ExperienceTally['discontinued'] = {}): ExperienceTally {
  return {
    respondents,
    meanBurden: 2.4,
    burdenByDimension: { TRAVEL: 3, VISIT_LENGTH: 2, PROCEDURES: 2.5, SCHEDULING: 2, COST: 2.5 },
    understandingScore: 4.1,
    recommendRate: 0.75,
    discontinued,
  };
}

const SUPPRESSED = {
  suppressed: true,
  minimumRespondents: K,
  respondents: null,
  meanBurden: null,
  burdenByDimension: null,
  understandingScore: null,
  recommendRate: null,
  discontinuationReasons: null,
};

describe('small-cell suppression', () => {
  test('k − 1 respondents is suppressed: every figure null, the count and reasons included', () => {
    expect(patientExperience(tally(K - 1, { BURDEN: K - 1 }), K)).toEqual(SUPPRESSED);
  });

  test('no responses at all is suppressed the same way', () => {
    expect(patientExperience(null, K)).toEqual(SUPPRESSED);
  });

  test('exactly k respondents is served with every figure', () => {
    expect(patientExperience(tally(K), K)).toEqual({
      suppressed: false,
      minimumRespondents: K,
      respondents: K,
      meanBurden: 2.4,
      burdenByDimension: [
        { dimension: 'TRAVEL', mean: 3 },
        { dimension: 'VISIT_LENGTH', mean: 2 },
        { dimension: 'PROCEDURES', mean: 2.5 },
        { dimension: 'SCHEDULING', mean: 2 },
        { dimension: 'COST', mean: 2.5 },
      ],
      understandingScore: 4.1,
      recommendRate: 0.75,
      discontinuationReasons: [],
    });
  });

  test('a reason given by k respondents is its own row', () => {
    expect(discontinuationRows({ ADVERSE_EVENT: K }, K)).toEqual([{ reason: 'ADVERSE_EVENT', respondents: K }]);
  });

  test('a reason of k − 1 respondents is not shown alone, and OTHER still under k is left out', () => {
    expect(discontinuationRows({ BURDEN: K, TRAVEL: K - 1 }, K)).toEqual([{ reason: 'BURDEN', respondents: K }]);
  });

  test('small reasons pool into OTHER together with OTHER, shown once the pool reaches k', () => {
    expect(discontinuationRows({ TRAVEL: K - 1, PERSONAL: 3, OTHER: 2, BURDEN: 20 }, K)).toEqual([
      { reason: 'BURDEN', respondents: 20 },
      { reason: 'OTHER', respondents: K - 1 + 3 + 2 },
    ]);
  });

  test('OTHER of k − 1 on its own is left out, even with no other reasons', () => {
    expect(discontinuationRows({ OTHER: K - 1 }, K)).toEqual([]);
  });

  test('the served aggregate never counts respondents who did not stop', () => {
    // 30 respondents, 12 stopped for BURDEN: the 18 who stayed appear in no row.
    expect(patientExperience(tally(30, { BURDEN: 12 }), K).discontinuationReasons).toEqual([{ reason: 'BURDEN', respondents: 12 }]);
  });
});

describe('complementary suppression: a narrowed aggregate against the wider ones the caller also sees', () => {
  test('leaving 1 or k − 1 respondents outside it suppresses it, however many it has itself', () => {
    expect(patientExperience(tally(20), K, [tally(21)])).toEqual(SUPPRESSED);
    expect(patientExperience(tally(20), K, [tally(20 + K - 1)])).toEqual(SUPPRESSED);
  });

  test('leaving none or exactly k outside it serves it', () => {
    expect(patientExperience(tally(20), K, [tally(20)]).respondents).toBe(20);
    expect(patientExperience(tally(20), K, [tally(20 + K)]).respondents).toBe(20);
  });

  test('every wider aggregate counts: one that leaves a small group is enough to suppress', () => {
    expect(patientExperience(tally(20), K, [tally(20 + K), tally(22)])).toEqual(SUPPRESSED);
    // A wider scope with no responses at all is no tally: nothing is left outside, by definition.
    expect(patientExperience(tally(20), K, [null]).respondents).toBe(20);
  });

  test('a reason row is left out when the same reason outside it is a small group', () => {
    // BURDEN: 12 here, 14 in the trial: the 2 elsewhere would be 14 − 12. TRAVEL: 11 here, 22 there.
    expect(discontinuationRows({ BURDEN: 12, TRAVEL: K }, K, [{ BURDEN: 14, TRAVEL: 2 * K }])).toEqual([{ reason: 'TRAVEL', respondents: K }]);
  });

  test('the OTHER pool is held against the same reasons in the wider aggregate, however that one pools them', () => {
    // Here PERSONAL 6 + OTHER 5 pool to 11; there the same reasons come to 13: 2 outside.
    expect(discontinuationRows({ PERSONAL: 6, OTHER: 5 }, K, [{ PERSONAL: 7, OTHER: 6 }])).toEqual([]);
    expect(discontinuationRows({ PERSONAL: 6, OTHER: 5 }, K, [{ PERSONAL: 6 + K, OTHER: 5 }])).toEqual([{ reason: 'OTHER', respondents: 11 }]);
    // BURDEN is pooled here (0 < k) but its own row there: the wider rows still add up to the same
    // reasons' count (40 + 13 = 53), and 42 outside is no small group.
    expect(discontinuationRows({ PERSONAL: 6, OTHER: 5 }, K, [{ PERSONAL: 7, OTHER: 6, BURDEN: 40 }])).toEqual([{ reason: 'OTHER', respondents: 11 }]);
  });
});

describe('suppression over the caller\'s whole table, at the edges of a line', () => {
  // One trial T at sites X (30), Y and Z (1), with site and trial totals: Y and Z are under k.
  const withheld = (y: number) =>
    [
      ...withheldFigures(
        {
          cells: [
            { trialId: 'T', siteId: 'X', respondents: 30 },
            { trialId: 'T', siteId: 'Y', respondents: y },
            { trialId: 'T', siteId: 'Z', respondents: 1 },
          ],
          siteTotals: true,
          trialTotals: true,
        },
        K,
      ),
    ].sort();
  const key = (trialId: string | null, siteId: string | null) => figureKey({ trialId, siteId });

  test('withheld cells of a line that add up to k leave the rest of the line served', () => {
    // T less X is Y's 10 and Z's 1 together: 11 = k, no small group.
    expect(withheld(K - 1)).toEqual([key('T', 'Y'), key('T', 'Z'), key(null, 'Y'), key(null, 'Z')].sort());
  });

  test('withheld cells of a line that add up to k − 1 take its next smallest figure with them', () => {
    // T less X would be Y's 9 and Z's 1: 10 = k − 1 respondents, so X goes too, and X's total with it
    // (its row's only cell). T's 40 stays: nothing the caller sees is subtracted from it.
    expect(withheld(K - 2)).toEqual([key('T', 'X'), key('T', 'Y'), key('T', 'Z'), key(null, 'X'), key(null, 'Y'), key(null, 'Z')].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// The subgraph, at k = 5 (the floor) so a handcrafted dataset stays small.

const k = 5;

type Burden = SurveyResponseRecord['burden'];
let nextResponse = 0;

function response(
  trialId: string,
  siteId: string,
  burden: Burden,
  understanding: number,
  wouldRecommend: boolean,
  discontinuationReason: SurveyResponseRecord['discontinuationReason'] = null,
): SurveyResponseRecord {
  nextResponse += 1;
  return {
    clientResponseId: `client-${nextResponse}`,
    trialId,
    siteId,
    visitNumber: 3,
    submittedMonth: '2025-09',
    burden,
    understanding,
    wouldRecommend,
    discontinuationReason,
  };
}

const b = (travel: number, visitLength: number, procedures: number, scheduling: number, cost: number): Burden => ({
  travel,
  visitLength,
  procedures,
  scheduling,
  cost,
});

// trial-1 at site-a: 6 respondents (k + 1), 4 of them stopped for BURDEN.
const SITE_A = [
  response('trial-1', 'site-a', b(1, 2, 4, 1, 1), 5, true, 'BURDEN'),
  response('trial-1', 'site-a', b(2, 2, 4, 1, 1), 4, true, 'BURDEN'),
  response('trial-1', 'site-a', b(3, 2, 4, 1, 1), 4, true, 'BURDEN'),
  response('trial-1', 'site-a', b(4, 2, 4, 1, 1), 3, false, 'BURDEN'),
  response('trial-1', 'site-a', b(5, 2, 4, 1, 1), 5, true),
  response('trial-1', 'site-a', b(3, 2, 5, 1, 2), 5, true),
];
// trial-1 at site-b: 4 respondents (k − 1).
const SITE_B = [
  response('trial-1', 'site-b', b(5, 3, 2, 2, 3), 2, false, 'BURDEN'),
  response('trial-1', 'site-b', b(5, 3, 2, 2, 3), 2, false, 'TRAVEL'),
  response('trial-1', 'site-b', b(5, 3, 2, 2, 3), 2, true, 'TRAVEL'),
  response('trial-1', 'site-b', b(5, 3, 2, 2, 3), 2, false, 'OTHER'),
];
// trial-2 at site-c: exactly k respondents, all stopped, for reasons each under k.
const SITE_C = [
  response('trial-2', 'site-c', b(3, 3, 3, 3, 3), 4, true, 'PERSONAL'),
  response('trial-2', 'site-c', b(3, 3, 3, 3, 3), 4, true, 'PERSONAL'),
  response('trial-2', 'site-c', b(3, 3, 3, 3, 3), 4, true, 'PERSONAL'),
  response('trial-2', 'site-c', b(3, 3, 3, 3, 3), 4, true, 'ADVERSE_EVENT'),
  response('trial-2', 'site-c', b(3, 3, 3, 3, 3), 4, true, 'ADVERSE_EVENT'),
];
// trial-1 at site-e: 1 respondent. Suppression is decided over the caller's whole table: without
// site-e, site-b's 4 would be the only withheld figure of trial-1's column (trial-1 less site-a) and
// of the row of site totals (the grand total less sites a and c), so site-a would be withheld with
// it. With site-e, the withheld 4 + 1 come to k and sites a and c are served.
const SITE_E = [response('trial-1', 'site-e', b(5, 2, 2, 1, 3), 3, true)];
// trial-4 at site-f (6, k + 1) and site-g (4, k − 1): a trial whose larger site is withheld because
// the trial less it would leave site-g's 4. (trial-3 stays a trial no one answered about.)
const SITE_F = Array.from({ length: 6 }, () => response('trial-4', 'site-f', b(2, 2, 2, 2, 2), 4, true));
const SITE_G = Array.from({ length: 4 }, () => response('trial-4', 'site-g', b(2, 2, 2, 2, 2), 4, true));
// A client resubmitting a response it already sent: the same response, not a sixth one.
const RESUBMITTED: SurveyResponseRecord = { ...SITE_C[0], burden: b(5, 5, 5, 5, 5) };

const REVIEWS: AdvocateReviewRecord[] = [
  {
    id: 'review-2',
    advocacyGroupId: 'advocates-01',
    trialId: 'trial-1',
    protocolVersion: 2,
    format: 'PANEL',
    reviewedOn: '2025-06-12',
    findings: [
      { id: 'finding-2a', area: 'Visit schedule', severity: 'HIGH', recommendation: 'Merge weeks 2 and 3 visits', sponsorDecision: 'ADOPTED' },
      { id: 'finding-2b', area: 'Consent form', severity: 'LOW', recommendation: 'Plain-language summary', sponsorDecision: 'PENDING' },
    ],
  },
  {
    id: 'review-1',
    advocacyGroupId: 'advocates-01',
    trialId: 'trial-1',
    protocolVersion: 1,
    format: 'SITE_RUN_THROUGH',
    reviewedOn: '2024-11-03',
    findings: [
      { id: 'finding-1a', area: 'Travel', severity: 'MEDIUM', recommendation: 'Reimburse travel in advance', sponsorDecision: 'PARTIALLY_ADOPTED' },
    ],
  },
  { id: 'review-3', advocacyGroupId: 'advocates-02', trialId: 'trial-2', protocolVersion: 1, format: 'SURVEY', reviewedOn: '2025-01-20', findings: [] },
];

const PROTOCOL = {
  version: 2,
  visits: [
    { number: 2, durationMinutes: 50, procedures: ['Biopsy', 'Blood draw', 'QoL questionnaire', 'ePRO diary'] },
    { number: 1, durationMinutes: 90, procedures: ['Blood draw', 'ePRO diary', 'Vital signs'] },
  ],
  procedures: [
    { name: 'Blood draw', invasive: true, patientReported: false },
    { name: 'Biopsy', invasive: true, patientReported: false },
    { name: 'ePRO diary', invasive: false, patientReported: true },
    { name: 'QoL questionnaire', invasive: false, patientReported: true },
    { name: 'Vital signs', invasive: false, patientReported: false },
  ],
};

let insights: RunningSubgraph;

beforeAll(async () => {
  insights = await startSubgraph(
    'insights',
    openInsightsDatabase,
    (database, access) => buildInsightsSubgraph(database, access, { minRespondents: k }),
    (database) =>
      seedInsights(database.dataSource, {
        surveyResponses: [...SITE_A, ...SITE_B, ...SITE_C, ...SITE_E, ...SITE_F, ...SITE_G, RESUBMITTED],
        advocateReviews: REVIEWS,
      }),
  );
});
afterAll(() => insights?.stop());

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Site { id patientExperience { suppressed minimumRespondents respondents meanBurden understandingScore } }
  ... on Trial { id patientExperience {
    suppressed minimumRespondents respondents meanBurden burdenByDimension { dimension mean }
    understandingScore recommendRate discontinuationReasons { reason respondents } } }
} }`;

test('a trial with k or more respondents serves the means, recommend share and reason rows computed in SQL', async () => {
  const { data, errors } = await insights.query(ENTITIES, { r: [{ __typename: 'Trial', id: 'trial-1' }] });
  expect(errors).toBeUndefined();
  // 11 respondents: sums travel 43, visit length 26, procedures 35, scheduling 15, cost 22 (141 of
  // 55 answers); understanding 37; 7 would recommend. BURDEN 5 (= k) is a row; TRAVEL 2 + OTHER 1
  // pool to 3, under k, so OTHER is left out.
  expect(data._entities[0]).toEqual({
    id: 'trial-1',
    patientExperience: {
      suppressed: false,
      minimumRespondents: 5,
      respondents: 11,
      meanBurden: 2.56,
      burdenByDimension: [
        { dimension: 'TRAVEL', mean: 3.91 },
        { dimension: 'VISIT_LENGTH', mean: 2.36 },
        { dimension: 'PROCEDURES', mean: 3.18 },
        { dimension: 'SCHEDULING', mean: 1.36 },
        { dimension: 'COST', mean: 2 },
      ],
      understandingScore: 3.36,
      recommendRate: 0.636,
      discontinuationReasons: [{ reason: 'BURDEN', respondents: 5 }],
    },
  });
});

test('means round to 2 decimals and the recommend share to 3', async () => {
  const { data } = await insights.query(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { patientExperience {
      respondents meanBurden burdenByDimension { dimension mean } understandingScore recommendRate discontinuationReasons { reason respondents } } } } }`,
    { r: [{ __typename: 'Site', id: 'site-a' }] },
  );
  // site-a: 6 respondents; procedures 25/6, cost 7/6, all five 68/30, understanding 26/6, 5/6 recommend.
  // BURDEN 4 is under k and pools into an OTHER of 4, also under k: no rows.
  expect(data._entities[0].patientExperience).toEqual({
    respondents: 6,
    meanBurden: 2.27,
    burdenByDimension: [
      { dimension: 'TRAVEL', mean: 3 },
      { dimension: 'VISIT_LENGTH', mean: 2 },
      { dimension: 'PROCEDURES', mean: 4.17 },
      { dimension: 'SCHEDULING', mean: 1 },
      { dimension: 'COST', mean: 1.17 },
    ],
    understandingScore: 4.33,
    recommendRate: 0.833,
    discontinuationReasons: [],
  });
});

test('sites at k − 1 respondents and with none are suppressed, and a site at exactly k is served', async () => {
  const { data, errors } = await insights.query(ENTITIES, {
    r: ['site-a', 'site-b', 'site-c', 'site-d'].map((id) => ({ __typename: 'Site', id })),
  });
  expect(errors).toBeUndefined();
  const hidden = { suppressed: true, minimumRespondents: 5, respondents: null, meanBurden: null, understandingScore: null };
  expect(data._entities).toEqual([
    { id: 'site-a', patientExperience: { suppressed: false, minimumRespondents: 5, respondents: 6, meanBurden: 2.27, understandingScore: 4.33 } },
    { id: 'site-b', patientExperience: hidden },
    { id: 'site-c', patientExperience: { suppressed: false, minimumRespondents: 5, respondents: 5, meanBurden: 3, understandingScore: 4 } },
    { id: 'site-d', patientExperience: hidden },
  ]);
});

test('a suppressed trial hides the count, the dimensions and the reasons too', async () => {
  const { data } = await insights.query(ENTITIES, { r: [{ __typename: 'Trial', id: 'trial-unknown' }] });
  expect(data._entities[0].patientExperience).toEqual({
    suppressed: true,
    minimumRespondents: 5,
    respondents: null,
    meanBurden: null,
    burdenByDimension: null,
    understandingScore: null,
    recommendRate: null,
    discontinuationReasons: null,
  });
});

test('reasons each under k pool into one OTHER row once together they reach k; a resubmission counts once', async () => {
  const { data } = await insights.query(ENTITIES, { r: [{ __typename: 'Trial', id: 'trial-2' }] });
  // 3 PERSONAL + 2 ADVERSE_EVENT = 5 = k. The resubmitted response (all 5s) did not replace or add to the first.
  expect(data._entities[0].patientExperience).toMatchObject({
    respondents: 5,
    meanBurden: 3,
    recommendRate: 1,
    discontinuationReasons: [{ reason: 'OTHER', respondents: 5 }],
  });
});

test('patient experience for many sites is one SQL statement: the caller\'s table and the figures asked together', async () => {
  const representations = Array.from({ length: 100 }, (_, i) => ({ __typename: 'Site', id: ['site-a', 'site-b', 'site-c', 'site-d'][i % 4] + (i < 4 ? '' : `-${i}`) }));
  let response: any;
  const statements = await insights.countStatements(async () => {
    response = await insights.query(ENTITIES, { r: representations });
  });
  expect(response.errors).toBeUndefined();
  expect(response.data._entities).toHaveLength(100);
  expect(response.data._entities[2].patientExperience.respondents).toBe(5);
  expect(response.data._entities[99].patientExperience.suppressed).toBe(true);
  // The caller's whole table (what suppression is decided over) is tallied in the statement of the figures asked.
  expect(statements).toBe(1);
});

test('patientBurden scores the @required protocol per visit: hours + invasive procedures + 0.5 per questionnaire', async () => {
  const { data, errors } = await insights.query(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id patientBurden {
      protocolVersion score visits { visitNumber hours invasiveProcedures questionnaires burden } } } } }`,
    { r: [{ __typename: 'Trial', id: 'trial-1', protocol: PROTOCOL }, { __typename: 'Trial', id: 'trial-2', protocol: null }] },
  );
  expect(errors).toBeUndefined();
  expect(data._entities).toEqual([
    {
      id: 'trial-1',
      patientBurden: {
        protocolVersion: 2,
        // 1.5 h + 1 invasive + 0.5 × 1 = 3; 50 min + 2 invasive + 0.5 × 2 = 3.83.
        score: 6.83,
        visits: [
          { visitNumber: 1, hours: 1.5, invasiveProcedures: 1, questionnaires: 1, burden: 3 },
          { visitNumber: 2, hours: 0.83, invasiveProcedures: 2, questionnaires: 2, burden: 3.83 },
        ],
      },
    },
    { id: 'trial-2', patientBurden: null },
  ]);
});

test('patientBurden counts a visit procedure missing from the procedure list as neither invasive nor a questionnaire', () => {
  const burden = patientBurden({ version: 1, visits: [{ number: 1, durationMinutes: 30, procedures: ['Unlisted'] }], procedures: [] });
  expect(burden).toEqual({
    protocolVersion: 1,
    score: 0.5,
    visits: [{ visitNumber: 1, hours: 0.5, invasiveProcedures: 0, questionnaires: 0, burden: 0.5 }],
  });
});

test('advocate reviews come in the order they happened, with their findings', async () => {
  const { data, errors } = await insights.query(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id advocateReviews {
      id protocolVersion format reviewedOn findings { id area severity recommendation sponsorDecision } } } } }`,
    { r: ['trial-1', 'trial-2', 'trial-3'].map((id) => ({ __typename: 'Trial', id })) },
  );
  expect(errors).toBeUndefined();
  expect(data._entities).toEqual([
    {
      id: 'trial-1',
      advocateReviews: [
        {
          id: 'review-1', protocolVersion: 1, format: 'SITE_RUN_THROUGH', reviewedOn: '2024-11-03',
          findings: [{ id: 'finding-1a', area: 'Travel', severity: 'MEDIUM', recommendation: 'Reimburse travel in advance', sponsorDecision: 'PARTIALLY_ADOPTED' }],
        },
        {
          id: 'review-2', protocolVersion: 2, format: 'PANEL', reviewedOn: '2025-06-12',
          findings: [
            { id: 'finding-2a', area: 'Visit schedule', severity: 'HIGH', recommendation: 'Merge weeks 2 and 3 visits', sponsorDecision: 'ADOPTED' },
            { id: 'finding-2b', area: 'Consent form', severity: 'LOW', recommendation: 'Plain-language summary', sponsorDecision: 'PENDING' },
          ],
        },
      ],
    },
    { id: 'trial-2', advocateReviews: [{ id: 'review-3', protocolVersion: 1, format: 'SURVEY', reviewedOn: '2025-01-20', findings: [] }] },
    { id: 'trial-3', advocateReviews: [] },
  ]);
});

test('the trial-overview fields for several trials take two statements: experience with the caller\'s table, and reviews', async () => {
  const overview = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial {
    patientBurden { score }
    patientExperience { suppressed respondents meanBurden burdenByDimension { dimension mean } understandingScore recommendRate }
    advocateReviews { format reviewedOn findings { area severity recommendation sponsorDecision } } } } }`;
  let response: any;
  const statements = await insights.countStatements(async () => {
    response = await insights.query(overview, {
      r: ['trial-1', 'trial-2', 'trial-3'].map((id) => ({ __typename: 'Trial', id, protocol: PROTOCOL })),
    });
  });
  expect(response.errors).toBeUndefined();
  expect(response.data._entities.map((t: any) => [t.patientBurden.score, t.patientExperience.respondents, t.advocateReviews.length])).toEqual([
    [6.83, 11, 2],
    [6.83, 5, 1],
    [6.83, null, 0],
  ]);
  // The experience is one statement, the caller's whole table (suppression is decided over it) read with the figures.
  expect(statements).toBe(2);
});

// ---------------------------------------------------------------------------------------------
// Rules that need no other subgraph: admins, advocates and sites. (Sponsors' rules ask the
// sponsors subgraph: test/insights-access.test.ts runs them on the whole stack.)

const NARROWED = `query($r: [_Any!]!, $siteId: ID, $trialId: ID) { _entities(representations: $r) {
  ... on Trial { id patientExperience(siteId: $siteId) { suppressed respondents } }
  ... on Site { id patientExperience(trialId: $trialId) { suppressed respondents } } } }`;

test('figures asked later in a request are read without the table again, and served as when asked alone', async () => {
  const later = `query($r: [_Any!]!) {
    _entities(representations: $r) { ... on Site { patientExperience { respondents } } }
    advocateReviews { trial { id patientExperience { suppressed respondents } } } }`;
  const { statements } = insights.database;
  statements.recorded = [];
  const response = await insights.query(later, { r: [{ __typename: 'Site', id: 'site-a' }] });
  const sent = statements.recorded;
  statements.recorded = null;
  expect(response.errors).toBeUndefined();
  expect(response.data._entities).toEqual([{ patientExperience: { respondents: 6 } }]);
  // The reviews' trials are asked once the reviews are read, after the site's figure was asked.
  const trials = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id patientExperience { suppressed respondents } } } }`;
  const alone = await insights.query(trials, { r: ['trial-1', 'trial-2', 'trial-1'].map((id) => ({ __typename: 'Trial', id })) });
  // The reviews in the order they happened: trial-1's, trial-2's, trial-1's.
  expect(response.data.advocateReviews.map((review: any) => review.trial)).toEqual(alone.data._entities);
  expect(alone.data._entities.map((trial: any) => trial.patientExperience.respondents)).toEqual([11, 5, 11]);
  // Whether the trials' figures share the site's statement depends on whether the reviews were read
  // before it went out; either way the admin's table (every response: the sixth parameter) is read once.
  const tallies = sent.filter(({ query }) => query.includes('table_cells'));
  expect(tallies.length).toBeGreaterThanOrEqual(1);
  expect(tallies.filter(({ parameters }) => parameters[5] === true)).toHaveLength(1);
});

test('narrowed to a site, a trial is suppressed when the rest of the trial is under k, and served when nothing is left out', async () => {
  const { data, errors } = await insights.query(NARROWED, {
    r: [{ __typename: 'Trial', id: 'trial-1' }, { __typename: 'Trial', id: 'trial-2' }],
    siteId: 'site-a',
  });
  expect(errors).toBeUndefined();
  // trial-1 at site-a: 6 of the trial's 11, leaving site-b's 4 and site-e's 1: together exactly k.
  expect(data._entities[0]).toEqual({ id: 'trial-1', patientExperience: { suppressed: false, respondents: 6 } });
  // trial-2 has no answers at site-a.
  expect(data._entities[1]).toEqual({ id: 'trial-2', patientExperience: { suppressed: true, respondents: null } });
  const narrowed = await insights.query(NARROWED, { r: [{ __typename: 'Trial', id: 'trial-4' }], siteId: 'site-f' });
  // trial-4 at site-f: 6 of the trial's 10, leaving site-g's 4 (< k) to subtraction.
  expect(narrowed.data._entities[0]).toEqual({ id: 'trial-4', patientExperience: { suppressed: true, respondents: null } });
  const cell = await insights.query(NARROWED, { r: [{ __typename: 'Site', id: 'site-c' }], trialId: 'trial-2' });
  // trial-2 at site-c: all 5 of the trial's and of the site's answers; nothing left out.
  expect(cell.data._entities[0]).toEqual({ id: 'site-c', patientExperience: { suppressed: false, respondents: 5 } });
});

test('a patient advocate sees every aggregate, as an admin does', async () => {
  const { data, errors } = await insights.query(
    ENTITIES,
    { r: [{ __typename: 'Trial', id: 'trial-1' }, { __typename: 'Site', id: 'site-a' }] },
    await as('PATIENT_ADVOCATE', 'advocates-04'),
  );
  expect(errors).toBeUndefined();
  expect(data._entities.map((entity: any) => entity.patientExperience.respondents)).toEqual([11, 6]);
});

test('a site sees its own patients only: a trial is its own cell of it, another site is refused', async () => {
  const { data, errors } = await insights.query(
    `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Trial { patientExperience { respondents } }
      ... on Site { patientExperience { respondents } } } }`,
    { r: [{ __typename: 'Trial', id: 'trial-1' }, { __typename: 'Site', id: 'site-a' }, { __typename: 'Site', id: 'site-b' }] },
    await as('SITE', 'site-a'),
  );
  // trial-1 has 11 answers, 6 of them at site-a: the whole of site-a, so none left out.
  expect(data._entities).toEqual([{ patientExperience: { respondents: 6 } }, { patientExperience: { respondents: 6 } }, { patientExperience: null }]);
  expect(errors).toEqual([
    expect.objectContaining({
      path: ['_entities', 2, 'patientExperience'],
      message: 'SITE site-a sees only what its own patients answered; site site-b is another site',
      extensions: expect.objectContaining({ code: 'FORBIDDEN', rule: 'patient-aggregate-scope' }),
    }),
  ]);
});

test('advocate reviews: each group sees its own, sites and CROs none', async () => {
  const REVIEWS_OF = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { advocateReviews { id advocacyGroupId trial { id } } } } }`;
  const r = ['trial-1', 'trial-2'].map((id) => ({ __typename: 'Trial', id }));
  const seen = async (party: 'PATIENT_ADVOCATE' | 'SITE' | 'CRO', orgId: string) =>
    (await insights.query(REVIEWS_OF, { r }, await as(party, orgId))).data._entities.map((trial: any) => trial.advocateReviews);
  expect(await seen('PATIENT_ADVOCATE', 'advocates-01')).toEqual([
    [
      { id: 'review-1', advocacyGroupId: 'advocates-01', trial: { id: 'trial-1' } },
      { id: 'review-2', advocacyGroupId: 'advocates-01', trial: { id: 'trial-1' } },
    ],
    [],
  ]);
  expect(await seen('PATIENT_ADVOCATE', 'advocates-02')).toEqual([[], [{ id: 'review-3', advocacyGroupId: 'advocates-02', trial: { id: 'trial-2' } }]]);
  expect(await seen('SITE', 'site-a')).toEqual([[], []]);
  expect(await seen('CRO', 'cro-01')).toEqual([[], []]);
  const listed = await insights.query('{ advocateReviews { id } }', {}, await as('PATIENT_ADVOCATE', 'advocates-02'));
  expect(listed.data.advocateReviews).toEqual([{ id: 'review-3' }]);
});

test('the migration attributes reviews stored before groups were recorded to no group, and undoes cleanly', async () => {
  const { configs, drop } = testDatabaseConfigs();
  const database = await openInsightsDatabase(configs.insights);
  try {
    const db = database.dataSource;
    await db.undoLastMigration({ transaction: 'each' });
    await db.query(`INSERT INTO advocate_reviews (id, trial_id, protocol_version, format, reviewed_on) VALUES ('review-old', 'trial-1', 1, 'PANEL', '2024-01-01')`);
    await db.query(`INSERT INTO review_findings (id, review_id, area, severity, recommendation) VALUES ('finding-old', 'review-old', 'Travel', 'LOW', 'x')`);
    await db.runMigrations({ transaction: 'each' });
    expect(await db.query(`SELECT advocacy_group_id FROM advocate_reviews WHERE id = 'review-old'`)).toEqual([{ advocacy_group_id: 'unattributed' }]);
    expect(await db.query(`SELECT version FROM review_findings WHERE id = 'finding-old'`)).toEqual([{ version: 1 }]);
  } finally {
    await database.close();
    await drop();
  }
});

test('k below the floor of 5 is refused when the subgraph is built', () => {
  expect(() => buildInsightsSubgraph(insights.database, testAccess(), { minRespondents: 4 })).toThrow(/at least 5/);
});
