import type {
  AdvocateReviewRecord,
  PartnershipRecord,
  PipelineProgramRecord,
  ProtocolFeedbackRecord,
  ProtocolVersionRecord,
  SponsorRecord,
  TrialRecord,
  TrialSiteRecord,
} from '../seed/model';
import { COMPLEXITY_THRESHOLDS, complexityPoints, protocolComplexity } from '../subgraphs/sponsors/complexity';
import { openSponsorsDatabase } from '../subgraphs/sponsors/database';
import * as measures from '../subgraphs/sponsors/measures';
import { versionInForce } from '../subgraphs/sponsors/protocol';
import { invitationsFromReviews, seedSponsors } from '../subgraphs/sponsors/seed';
import { buildSponsorsSubgraph } from '../subgraphs/sponsors/server';
import { startSubgraph, type RunningSubgraph } from './support/subgraph-harness';

// ---- A small dataset: two sponsors with trials at three sites, one sponsor with nothing yet. ----

const SPONSORS: SponsorRecord[] = [
  { id: 'sponsor-1', name: 'Novagen Therapeutics', kind: 'INDUSTRY', countryCode: 'CH' },
  { id: 'sponsor-2', name: 'Atlantic Oncology Group', kind: 'ACADEMIC', countryCode: 'US' },
  { id: 'sponsor-3', name: 'Zeta Biotech', kind: 'INDUSTRY', countryCode: null },
];

const range = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => name(i + 1));

function version(overrides: Partial<ProtocolVersionRecord> & Pick<ProtocolVersionRecord, 'version' | 'effectiveOn'>): ProtocolVersionRecord {
  return {
    amendmentReason: null,
    visits: [],
    procedures: [],
    inclusionCriteriaCount: null,
    exclusionCriteriaCount: null,
    endpoints: { primary: 0, secondary: 0, other: 0 },
    countries: [],
    ...overrides,
  };
}

// 22 procedures; screening does all of them, the 13 later visits the first ten:
// total = 10 × 14 + 12 × 1 = 152.
const LUNG_PROCEDURES = range(22, (i) => `Procedure ${i}`);
const LUNG_V2 = version({
  version: 2,
  effectiveOn: '2024-06-01',
  amendmentReason: 'Added PK sampling',
  visits: range(14, (i) => `Visit ${i}`).map((name, i) => ({
    number: i + 1,
    name,
    dayOffset: i * 21,
    durationMinutes: 120,
    procedures: i === 0 ? LUNG_PROCEDURES : LUNG_PROCEDURES.slice(0, 10),
  })),
  procedures: LUNG_PROCEDURES.map((name, i) => ({ name, invasive: i < 3, patientReported: i === 21, durationMinutes: 10 })),
  inclusionCriteriaCount: 12,
  exclusionCriteriaCount: 20,
  endpoints: { primary: 1, secondary: 4, other: 0 },
  countries: ['ES', 'DE', 'FR'],
});

function trial(overrides: Partial<TrialRecord> & Pick<TrialRecord, 'id' | 'nctId' | 'sponsorId'>): TrialRecord {
  return {
    title: 'A trial',
    phase: 'PHASE_3',
    status: 'ENROLLING',
    therapeuticArea: 'ONCOLOGY',
    conditions: [],
    enrollmentTarget: null,
    plannedStartOn: null,
    plannedEndOn: null,
    protocolVersions: [],
    ...overrides,
  };
}

const TRIALS: TrialRecord[] = [
  trial({
    id: 'trial-1',
    nctId: 'NCT00000001',
    sponsorId: 'sponsor-1',
    title: 'NVG-101 versus docetaxel in previously treated NSCLC',
    conditions: ['Non-small cell lung cancer'],
    enrollmentTarget: 300,
    plannedStartOn: '2024-01-01',
    plannedEndOn: '2027-12-31',
    protocolVersions: [
      version({ version: 1, effectiveOn: '2023-10-01', visits: LUNG_V2.visits.slice(0, 4), procedures: LUNG_V2.procedures }),
      LUNG_V2,
      version({ version: 3, effectiveOn: '2999-01-01', amendmentReason: 'Not in force yet' }),
    ],
  }),
  trial({
    id: 'trial-2',
    nctId: 'NCT00000002',
    sponsorId: 'sponsor-1',
    title: 'NVG-202 in heart failure',
    phase: 'PHASE_2',
    status: 'COMPLETED',
    therapeuticArea: 'CARDIOLOGY',
    enrollmentTarget: 100,
    protocolVersions: [
      version({
        version: 1,
        effectiveOn: '2020-01-01',
        visits: [
          { number: 1, name: 'Screening', dayOffset: -14, durationMinutes: 90, procedures: ['Blood draw', 'ECG'] },
          { number: 2, name: 'Baseline', dayOffset: 0, durationMinutes: 60, procedures: ['Blood draw', 'ECG'] },
          // Listed twice at one visit: still one visit.
          { number: 3, name: 'Week 12', dayOffset: 84, durationMinutes: 60, procedures: ['Blood draw', 'Blood draw', 'ECG'] },
        ],
        procedures: [
          { name: 'Blood draw', invasive: true, patientReported: false, durationMinutes: 10 },
          { name: 'ECG', invasive: false, patientReported: false, durationMinutes: 15 },
          { name: 'KCCQ questionnaire', invasive: false, patientReported: true, durationMinutes: 20 },
        ],
        inclusionCriteriaCount: null,
        exclusionCriteriaCount: 5,
        endpoints: { primary: 1, secondary: 2, other: 3 },
        countries: ['ES'],
      }),
    ],
  }),
  trial({
    id: 'trial-3',
    nctId: 'NCT00000003',
    sponsorId: 'sponsor-2',
    title: 'Dose finding in relapsed ALL',
    phase: 'PHASE_1',
    status: 'PLANNED',
    protocolVersions: [
      version({ version: 1, effectiveOn: '2999-06-01' }),
      version({ version: 2, effectiveOn: '2999-09-01', amendmentReason: 'Before first patient' }),
    ],
  }),
  trial({ id: 'trial-4', nctId: 'NCT00000004', sponsorId: 'sponsor-1', title: 'Registry', phase: 'PHASE_4', status: 'TERMINATED' }),
];

function trialSite(overrides: Partial<TrialSiteRecord> & Pick<TrialSiteRecord, 'id' | 'trialId' | 'siteId' | 'selectedOn'>): TrialSiteRecord {
  return {
    status: 'SELECTED',
    activatedOn: null,
    firstPatientInOn: null,
    closedOn: null,
    enrollmentTarget: null,
    screened: 0,
    enrolled: 0,
    withdrawn: 0,
    // Every site here accepted its selection the day it was made: these tests are about the measures.
    siteResponse: 'ACCEPTED',
    respondedOn: overrides.selectedOn,
    ...overrides,
  };
}

const TRIAL_SITES: TrialSiteRecord[] = [
  // Novagen at site-a: trial-2 closes 2021-01-04, trial-1 is selected 178 days later, trial-4 overlaps it.
  trialSite({ id: 'ts-2', trialId: 'trial-2', siteId: 'site-a', status: 'CLOSED', selectedOn: '2020-01-10', activatedOn: '2020-03-10', firstPatientInOn: '2020-04-09', closedOn: '2021-01-04', enrollmentTarget: 20, screened: 40, enrolled: 30, withdrawn: 3 }),
  trialSite({ id: 'ts-1', trialId: 'trial-1', siteId: 'site-a', status: 'ACTIVATED', selectedOn: '2021-07-01', activatedOn: '2021-09-29', enrollmentTarget: 25 }),
  trialSite({ id: 'ts-4', trialId: 'trial-4', siteId: 'site-a', status: 'CLOSED', selectedOn: '2021-09-01', activatedOn: '2021-10-01', closedOn: '2022-01-31', screened: 5 }),
  trialSite({ id: 'ts-3', trialId: 'trial-1', siteId: 'site-b', status: 'ENROLLING', selectedOn: '2021-08-01', activatedOn: '2021-10-01', firstPatientInOn: '2021-11-15', enrollmentTarget: 30, screened: 50, enrolled: 40, withdrawn: 10 }),
  trialSite({ id: 'ts-5', trialId: 'trial-3', siteId: 'site-c', selectedOn: '2025-01-15' }),
  trialSite({ id: 'ts-6', trialId: 'trial-2', siteId: 'site-c', status: 'CLOSED', selectedOn: '2020-02-01', activatedOn: '2020-04-01', closedOn: '2020-12-01', screened: 10, enrolled: 8 }),
];

const PARTNERSHIPS: PartnershipRecord[] = [
  {
    id: 'partnership-1',
    sponsorId: 'sponsor-1',
    siteId: 'site-a',
    since: '2019-06-01',
    investments: [
      { id: 'inv-2', kind: 'EQUIPMENT', description: '-80 °C freezer', amount: 8400, currency: 'EUR', reusableBeyondTrial: true, investedOn: '2021-08-15' },
      { id: 'inv-1', kind: 'TRAINING', description: 'GCP refresher for coordinators', amount: 12500.5, currency: 'EUR', reusableBeyondTrial: false, investedOn: '2020-02-01' },
    ],
  },
  { id: 'partnership-2', sponsorId: 'sponsor-1', siteId: 'site-b', since: '2021-05-01', investments: [] },
  { id: 'partnership-3', sponsorId: 'sponsor-2', siteId: 'site-c', since: '2024-11-01', investments: [] },
];

const PIPELINE: PipelineProgramRecord[] = [
  { id: 'prog-1', sponsorId: 'sponsor-1', indication: 'Metastatic NSCLC, second line', therapeuticArea: 'ONCOLOGY', phase: 'PHASE_3', plannedStartQuarter: '2027-Q2', estimatedSites: 40, countries: ['ES', 'DE'], sharedWithSiteIds: ['site-b', 'site-a'] },
  { id: 'prog-2', sponsorId: 'sponsor-1', indication: 'Heart failure with preserved ejection fraction', therapeuticArea: 'CARDIOLOGY', phase: 'PHASE_2', plannedStartQuarter: '2026-Q4', estimatedSites: 12, countries: ['ES'], sharedWithSiteIds: ['site-a'] },
  { id: 'prog-3', sponsorId: 'sponsor-2', indication: 'Paediatric ALL', therapeuticArea: 'ONCOLOGY', phase: 'PHASE_1', plannedStartQuarter: '2027-Q1', estimatedSites: 5, countries: ['US'], sharedWithSiteIds: ['site-a', 'site-c'] },
];

function feedback(overrides: Partial<ProtocolFeedbackRecord> & Pick<ProtocolFeedbackRecord, 'id' | 'trialId' | 'siteId' | 'raisedAt'>): ProtocolFeedbackRecord {
  return { protocolVersion: 1, topic: 'OTHER', body: 'This will not fly.', status: 'OPEN', response: null, respondedAt: null, ...overrides };
}

const FEEDBACK: ProtocolFeedbackRecord[] = [
  // Response times: 3.5, 1.0, 10.0 days for Novagen (median 3.5); 3.5 and 10.0 of them from site-a (median 6.75).
  feedback({ id: 'fb-1', trialId: 'trial-1', protocolVersion: 2, siteId: 'site-a', topic: 'PATIENT_BURDEN', raisedAt: '2024-07-01T09:00:00Z', status: 'ADOPTED', response: 'Visit 6 goes remote.', respondedAt: '2024-07-04T21:00:00Z' }),
  feedback({ id: 'fb-2', trialId: 'trial-1', protocolVersion: 2, siteId: 'site-b', topic: 'VISIT_SCHEDULE', raisedAt: '2024-07-10T08:00:00Z', status: 'ACKNOWLEDGED', response: 'Looking into it.', respondedAt: '2024-07-11T08:00:00Z' }),
  feedback({ id: 'fb-3', trialId: 'trial-2', siteId: 'site-a', topic: 'FEASIBILITY', raisedAt: '2020-02-01T10:00:00Z', status: 'DECLINED', response: 'Needed for the endpoint.', respondedAt: '2020-02-11T10:00:00Z' }),
  feedback({ id: 'fb-4', trialId: 'trial-1', protocolVersion: 2, siteId: 'site-a', topic: 'LANGUAGE', raisedAt: '2024-08-01T00:00:00Z' }),
  feedback({ id: 'fb-5', trialId: 'trial-3', siteId: 'site-c', topic: 'ELIGIBILITY', raisedAt: '2025-02-01T00:00:00Z', status: 'ADOPTED', response: 'Widened.', respondedAt: '2025-02-03T12:00:00Z' }),
];

// Reviews are the insights subgraph's; the sponsors' slice reads them only for who was invited.
function review(id: string, advocacyGroupId: string, trialId: string, reviewedOn: string): AdvocateReviewRecord {
  return { id, advocacyGroupId, trialId, protocolVersion: 1, format: 'PANEL', reviewedOn, findings: [] };
}
const REVIEWS: AdvocateReviewRecord[] = [
  review('review-1', 'advocates-01', 'trial-1', '2024-07-15'),
  review('review-2', 'advocates-01', 'trial-1', '2024-03-01'), // the group's first review of trial-1
  review('review-3', 'advocates-02', 'trial-1', '2024-09-10'),
  review('review-4', 'advocates-02', 'trial-2', '2025-01-20'),
];

let sponsors: RunningSubgraph;

beforeAll(async () => {
  sponsors = await startSubgraph('sponsors', openSponsorsDatabase, buildSponsorsSubgraph, (db) =>
    seedSponsors(db.dataSource, {
      sponsors: SPONSORS,
      trials: TRIALS,
      trialSites: TRIAL_SITES,
      partnerships: PARTNERSHIPS,
      pipeline: PIPELINE,
      feedback: FEEDBACK,
      advocateReviews: REVIEWS,
    }),
  );
});
afterAll(() => sponsors?.stop());

const utcToday = () => new Date().toISOString().slice(0, 10);
const daysSince = (date: string) => (Date.parse(`${utcToday()}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;

// ---- Root fields ----

test('sponsors pages in name order with cursors, visiting every sponsor once', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: any = await sponsors.query(
      `query($after: String) { sponsors(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name kind countryCode } } } }`,
      { after },
    );
    expect(errors).toBeUndefined();
    expect(data.sponsors.totalCount).toBe(3);
    seen.push(...data.sponsors.edges.map((e: any) => e.node.name));
    if (!data.sponsors.pageInfo.hasNextPage) break;
    after = data.sponsors.pageInfo.endCursor;
  }
  expect(seen).toEqual(['Atlantic Oncology Group', 'Novagen Therapeutics', 'Zeta Biotech']);
});

test('trials filters by sponsor and status, ordered by NCT id, with each trial’s sponsor', async () => {
  const { data, errors } = await sponsors.query(`{
    bySponsor: trials(filter: { sponsorId: "sponsor-1" }) { totalCount edges { node { nctId sponsor { name } } } }
    completed: trials(filter: { status: COMPLETED, therapeuticArea: "CARDIOLOGY", phase: PHASE_2 }) { totalCount edges { node { id } } }
  }`);
  expect(errors).toBeUndefined();
  expect(data.bySponsor.totalCount).toBe(3);
  expect(data.bySponsor.edges.map((e: any) => e.node)).toEqual([
    { nctId: 'NCT00000001', sponsor: { name: 'Novagen Therapeutics' } },
    { nctId: 'NCT00000002', sponsor: { name: 'Novagen Therapeutics' } },
    { nctId: 'NCT00000004', sponsor: { name: 'Novagen Therapeutics' } },
  ]);
  expect(data.completed).toEqual({ totalCount: 1, edges: [{ node: { id: 'trial-2' } }] });
});

test('trials pages past the first page with the cursor it gave out', async () => {
  const first = await sponsors.query(`{ trials(first: 3) { pageInfo { hasNextPage endCursor } edges { node { nctId } } } }`);
  expect(first.data.trials.pageInfo.hasNextPage).toBe(true);
  const next = await sponsors.query(`query($after: String) { trials(first: 3, after: $after) { pageInfo { hasNextPage } edges { node { nctId } } } }`, {
    after: first.data.trials.pageInfo.endCursor,
  });
  expect(next.data.trials).toEqual({ pageInfo: { hasNextPage: false }, edges: [{ node: { nctId: 'NCT00000004' } }] });
});

test('trial is found by id or by NCT id, and an unknown one is null', async () => {
  const { data, errors } = await sponsors.query(`{
    byId: trial(id: "trial-1") { id nctId title conditions enrollmentTarget plannedStartOn plannedEndOn }
    byNct: trial(nctId: "NCT00000001") { id }
    unknown: trial(nctId: "NCT99999999") { id }
  }`);
  expect(errors).toBeUndefined();
  expect(data.byId).toEqual({
    id: 'trial-1',
    nctId: 'NCT00000001',
    title: 'NVG-101 versus docetaxel in previously treated NSCLC',
    conditions: ['Non-small cell lung cancer'],
    enrollmentTarget: 300,
    plannedStartOn: '2024-01-01',
    plannedEndOn: '2027-12-31',
  });
  expect(data.byNct).toEqual({ id: 'trial-1' });
  expect(data.unknown).toBeNull();
});

test('trial with both id and nctId, or with neither, is a BAD_USER_INPUT error naming id', async () => {
  for (const args of ['id: "trial-1", nctId: "NCT00000001"', '']) {
    const { errors } = await sponsors.query(`{ trial${args ? `(${args})` : ''} { id } }`);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  }
});

test('an unknown sponsor id answers null without an error', async () => {
  const { data, errors } = await sponsors.query(`{ sponsor(id: "sponsor-zzz") { id } }`);
  expect(errors).toBeUndefined();
  expect(data.sponsor).toBeNull();
});

// ---- Protocols and complexity ----

test('protocol is the latest version already in force, or the latest one when none is in force yet', async () => {
  const { data } = await sponsors.query(`{
    lung: trial(id: "trial-1") { protocol { version effectiveOn amendmentReason } protocolVersions { version } }
    planned: trial(id: "trial-3") { protocol { version } }
    registry: trial(id: "trial-4") { protocol { version } protocolVersions { version } complexity { score } }
  }`);
  expect(data.lung.protocol).toEqual({ version: 2, effectiveOn: '2024-06-01', amendmentReason: 'Added PK sampling' });
  expect(data.lung.protocolVersions).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  expect(data.planned.protocol).toEqual({ version: 2 });
  expect(data.registry).toEqual({ protocol: null, protocolVersions: [], complexity: null });
});

test('a protocol serves its schedule, each procedure’s frequency as the visits listing it, and its endpoints by kind', async () => {
  const { data } = await sponsors.query(`{ trial(nctId: "NCT00000002") { protocol {
    visits { number name dayOffset durationMinutes procedures }
    procedures { name invasive patientReported durationMinutes frequency }
    inclusionCriteriaCount exclusionCriteriaCount endpoints { kind count } countries } } }`);
  const protocol = data.trial.protocol;
  expect(protocol.visits[0]).toEqual({ number: 1, name: 'Screening', dayOffset: -14, durationMinutes: 90, procedures: ['Blood draw', 'ECG'] });
  expect(protocol.procedures).toEqual([
    { name: 'Blood draw', invasive: true, patientReported: false, durationMinutes: 10, frequency: 3 },
    { name: 'ECG', invasive: false, patientReported: false, durationMinutes: 15, frequency: 3 },
    { name: 'KCCQ questionnaire', invasive: false, patientReported: true, durationMinutes: 20, frequency: 0 },
  ]);
  expect(protocol.inclusionCriteriaCount).toBeNull();
  expect(protocol.exclusionCriteriaCount).toBe(5);
  expect(protocol.endpoints).toEqual([
    { kind: 'PRIMARY', count: 1 },
    { kind: 'SECONDARY', count: 2 },
    { kind: 'OTHER', count: 3 },
  ]);
  expect(protocol.countries).toEqual(['ES']);
});

test('complexity scores each factor of the protocol in force from its raw count, out of 12', async () => {
  const { data } = await sponsors.query(`{ trial(id: "trial-1") { complexity { protocolVersion score maxScore breakdown { factor value points } } } }`);
  expect(data.trial.complexity).toEqual({
    protocolVersion: 2,
    score: 6,
    maxScore: 12,
    breakdown: [
      { factor: 'DISTINCT_PROCEDURES', value: 22, points: 1 },
      { factor: 'TOTAL_PROCEDURES', value: 152, points: 1 },
      { factor: 'PLANNED_VISITS', value: 14, points: 1 },
      { factor: 'ELIGIBILITY_CRITERIA', value: 32, points: 2 },
      { factor: 'ENDPOINTS', value: 5, points: 0 },
      { factor: 'COUNTRIES', value: 3, points: 1 },
    ],
  });
});

test('complexity leaves an unknown factor out of the score and the maximum instead of counting it as 0', async () => {
  const { data } = await sponsors.query(`{
    heart: trial(id: "trial-2") { complexity { score maxScore breakdown { factor value points } } }
    planned: trial(id: "trial-3") { complexity { protocolVersion score maxScore breakdown { value points } } }
  }`);
  expect(data.heart.complexity).toEqual({
    score: 1,
    maxScore: 10,
    breakdown: [
      { factor: 'DISTINCT_PROCEDURES', value: 3, points: 0 },
      { factor: 'TOTAL_PROCEDURES', value: 6, points: 0 },
      { factor: 'PLANNED_VISITS', value: 3, points: 0 },
      { factor: 'ELIGIBILITY_CRITERIA', value: null, points: null },
      { factor: 'ENDPOINTS', value: 6, points: 1 },
      { factor: 'COUNTRIES', value: 1, points: 0 },
    ],
  });
  expect(data.planned.complexity.protocolVersion).toBe(2);
  expect(data.planned.complexity.score).toBe(0);
  expect(data.planned.complexity.maxScore).toBe(0);
  expect(data.planned.complexity.breakdown.every((f: any) => f.value === null && f.points === null)).toBe(true);
});

// ---- Sites in trials ----

test('a trial site serves its timeline, figures and the measures from them', async () => {
  const { data, errors } = await sponsors.query(`{ trial(id: "trial-2") { sites {
    id status selectedOn activatedOn firstPatientInOn closedOn enrollmentTarget screened enrolled withdrawn
    activationCycleDays timeToFirstPatientDays enrollmentRate enrollmentVsTarget screenFailureRate retention
    site { id } trial { nctId } } } }`);
  expect(errors).toBeUndefined();
  expect(data.trial.sites.map((s: any) => s.id)).toEqual(['ts-2', 'ts-6']);
  expect(data.trial.sites[0]).toEqual({
    id: 'ts-2',
    status: 'CLOSED',
    selectedOn: '2020-01-10',
    activatedOn: '2020-03-10',
    firstPatientInOn: '2020-04-09',
    closedOn: '2021-01-04',
    enrollmentTarget: 20,
    screened: 40,
    enrolled: 30,
    withdrawn: 3,
    activationCycleDays: 60, // 2020 is a leap year
    timeToFirstPatientDays: 30,
    enrollmentRate: 30 / (300 / 30.44), // 300 active days, closed
    enrollmentVsTarget: 1.5,
    screenFailureRate: 0.25,
    retention: 0.9,
    site: { id: 'site-a' },
    trial: { nctId: 'NCT00000002' },
  });
});

test('measures with nothing to divide by are null, and an open site’s rate runs to today', async () => {
  const { data } = await sponsors.query(`{ trial(id: "trial-1") { sites { id
    activationCycleDays timeToFirstPatientDays enrollmentRate enrollmentVsTarget screenFailureRate retention } } }`);
  const [atA, atB] = data.trial.sites;
  expect(atA).toEqual({
    id: 'ts-1',
    activationCycleDays: 90,
    timeToFirstPatientDays: null,
    enrollmentRate: 0,
    enrollmentVsTarget: 0,
    screenFailureRate: null,
    retention: null,
  });
  expect(atB.id).toBe('ts-3');
  expect(atB.activationCycleDays).toBe(61);
  expect(atB.timeToFirstPatientDays).toBe(45);
  expect(atB.enrollmentRate).toBeCloseTo(40 / (daysSince('2021-10-01') / 30.44), 10);
  expect(atB.enrollmentVsTarget).toBeCloseTo(40 / 30, 12);
  expect(atB.screenFailureRate).toBe(0.2);
  expect(atB.retention).toBe(0.75);
});

test('Site.trials for many sites comes with trial and sponsor in one statement', async () => {
  const representations = ['site-a', 'site-b', 'site-c', 'site-none'].map((id) => ({ __typename: 'Site', id }));
  let response: any;
  const statements = await sponsors.countStatements(async () => {
    response = await sponsors.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id trials {
        status screened enrolled enrollmentTarget activationCycleDays screenFailureRate
        trial { id nctId title phase status sponsor { id name } } } } } }`,
      { r: representations },
    );
  });
  expect(response.errors).toBeUndefined();
  const trialsOf = (i: number) => response.data._entities[i].trials.map((t: any) => `${t.trial.nctId}/${t.trial.sponsor.name}`);
  expect(trialsOf(0)).toEqual(['NCT00000002/Novagen Therapeutics', 'NCT00000001/Novagen Therapeutics', 'NCT00000004/Novagen Therapeutics']);
  expect(trialsOf(1)).toEqual(['NCT00000001/Novagen Therapeutics']);
  expect(trialsOf(2)).toEqual(['NCT00000002/Novagen Therapeutics', 'NCT00000003/Atlantic Oncology Group']);
  expect(response.data._entities[3]).toEqual({ id: 'site-none', trials: [] });
  expect(response.data._entities[0].trials[0]).toMatchObject({ status: 'CLOSED', screened: 40, enrolled: 30, enrollmentTarget: 20, activationCycleDays: 60, screenFailureRate: 0.25 });
  expect(statements).toBe(1);
});

// ---- Federation keys ----

test('_entities resolves trials by either key, and sponsors, batching each key into one statement', async () => {
  const representations = [
    { __typename: 'Trial', nctId: 'NCT00000002' },
    { __typename: 'Trial', id: 'trial-3' },
    { __typename: 'Trial', id: 'trial-1' },
    { __typename: 'Trial', nctId: 'NCT99999999' },
    { __typename: 'Sponsor', id: 'sponsor-2' },
    { __typename: 'Sponsor', id: 'sponsor-1' },
  ];
  let response: any;
  const statements = await sponsors.countStatements(async () => {
    response = await sponsors.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id nctId } ... on Sponsor { id name } } }`,
      { r: representations },
    );
  });
  expect(response.errors).toBeUndefined();
  expect(response.data._entities).toEqual([
    { id: 'trial-2', nctId: 'NCT00000002' },
    { id: 'trial-3', nctId: 'NCT00000003' },
    { id: 'trial-1', nctId: 'NCT00000001' },
    null,
    { id: 'sponsor-2', name: 'Atlantic Oncology Group' },
    { id: 'sponsor-1', name: 'Novagen Therapeutics' },
  ]);
  expect(statements).toBe(3); // trials by id, trials by NCT id, sponsors
});

test('_entities of sponsors asked with their trials reads each sponsor and its trials in one statement, as sponsor(id) lists them', async () => {
  const ids = ['sponsor-2', 'sponsor-1', 'sponsor-none'];
  let response: any;
  const statements = await sponsors.countStatements(async () => {
    response = await sponsors.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sponsor { id name trials { id nctId sponsor { id } } } } }`,
      { r: ids.map((id) => ({ __typename: 'Sponsor', id })) },
    );
  });
  expect(response.errors).toBeUndefined();
  expect(statements).toBe(1);
  // The same sponsors asked one by one at the root, which reads the row and the trials apart.
  const alone = await Promise.all(
    ids.map(async (id) => (await sponsors.query(`query($id: ID!) { sponsor(id: $id) { id name trials { id nctId sponsor { id } } } }`, { id })).data.sponsor),
  );
  expect(alone[0].trials.length).toBeGreaterThan(0);
  expect(alone[2]).toBeNull();
  expect(response.data._entities).toEqual(alone);
});

test('trial-overview: a trial by NCT id with sponsor, protocol, complexity and its sites as Site references', async () => {
  const { data, errors } = await sponsors.query(`query($nctId: String!) { trial(nctId: $nctId) {
    id nctId title phase status therapeuticArea enrollmentTarget
    sponsor { id name kind } protocol { version effectiveOn } complexity { score breakdown { factor value points } }
    sites { status enrolled withdrawn site { id } } } }`, { nctId: 'NCT00000001' });
  expect(errors).toBeUndefined();
  expect(data.trial).toMatchObject({
    id: 'trial-1',
    phase: 'PHASE_3',
    status: 'ENROLLING',
    therapeuticArea: 'ONCOLOGY',
    enrollmentTarget: 300,
    sponsor: { id: 'sponsor-1', name: 'Novagen Therapeutics', kind: 'INDUSTRY' },
    protocol: { version: 2, effectiveOn: '2024-06-01' },
    complexity: { score: 6 },
  });
  expect(data.trial.sites).toEqual([
    { status: 'ACTIVATED', enrolled: 0, withdrawn: 0, site: { id: 'site-a' } },
    { status: 'ENROLLING', enrolled: 40, withdrawn: 10, site: { id: 'site-b' } },
  ]);
});

// ---- Partnerships, pipeline, feedback ----

const SITE_PARTNERSHIPS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id
  partnerships {
    id sponsor { id name } site { id } since trialCount longestGapMonths medianFeedbackResponseDays
    investments { id kind description amount { amount currency } reusableBeyondTrial investedOn }
  }
  sharedPipeline { id indication therapeuticArea phase plannedStartQuarter estimatedSites sponsor { name } } } } }`;

test('site-partnerships: each partnership’s trials, continuity, feedback response and investments', async () => {
  const { data, errors } = await sponsors.query(SITE_PARTNERSHIPS, { r: [{ __typename: 'Site', id: 'site-a' }] });
  expect(errors).toBeUndefined();
  expect(data._entities[0].partnerships).toEqual([
    {
      id: 'partnership-1',
      sponsor: { id: 'sponsor-1', name: 'Novagen Therapeutics' },
      site: { id: 'site-a' },
      since: '2019-06-01',
      trialCount: 3,
      longestGapMonths: 5.8, // 178 days from trial-2 closing to trial-1 being selected
      medianFeedbackResponseDays: 6.8, // median of 3.5 and 10.0
      investments: [
        { id: 'inv-1', kind: 'TRAINING', description: 'GCP refresher for coordinators', amount: { amount: 12500.5, currency: 'EUR' }, reusableBeyondTrial: false, investedOn: '2020-02-01' },
        { id: 'inv-2', kind: 'EQUIPMENT', description: '-80 °C freezer', amount: { amount: 8400, currency: 'EUR' }, reusableBeyondTrial: true, investedOn: '2021-08-15' },
      ],
    },
  ]);
});

test('a partnership with one trial has no gap, and one with no answered feedback has no median', async () => {
  const { data } = await sponsors.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Site {
    partnerships { id trialCount longestGapMonths medianFeedbackResponseDays feedback { id responseDays } trials { id } } } } }`, {
    r: [{ __typename: 'Site', id: 'site-b' }, { __typename: 'Site', id: 'site-c' }],
  });
  expect(data._entities[0].partnerships).toEqual([
    { id: 'partnership-2', trialCount: 1, longestGapMonths: null, medianFeedbackResponseDays: 1, feedback: [{ id: 'fb-2', responseDays: 1 }], trials: [{ id: 'ts-3' }] },
  ]);
  // Novagen's trial-2 ran at site-c without a partnership record: only Atlantic's partnership is there.
  expect(data._entities[1].partnerships).toEqual([
    { id: 'partnership-3', trialCount: 1, longestGapMonths: null, medianFeedbackResponseDays: 2.5, feedback: [{ id: 'fb-5', responseDays: 2.5 }], trials: [{ id: 'ts-5' }] },
  ]);
});

test('sharedPipeline lists the programmes shared with the site, from every sponsor, by planned start', async () => {
  const { data } = await sponsors.query(SITE_PARTNERSHIPS, { r: [{ __typename: 'Site', id: 'site-a' }, { __typename: 'Site', id: 'site-b' }] });
  expect(data._entities[0].sharedPipeline).toEqual([
    { id: 'prog-2', indication: 'Heart failure with preserved ejection fraction', therapeuticArea: 'CARDIOLOGY', phase: 'PHASE_2', plannedStartQuarter: '2026-Q4', estimatedSites: 12, sponsor: { name: 'Novagen Therapeutics' } },
    { id: 'prog-3', indication: 'Paediatric ALL', therapeuticArea: 'ONCOLOGY', phase: 'PHASE_1', plannedStartQuarter: '2027-Q1', estimatedSites: 5, sponsor: { name: 'Atlantic Oncology Group' } },
    { id: 'prog-1', indication: 'Metastatic NSCLC, second line', therapeuticArea: 'ONCOLOGY', phase: 'PHASE_3', plannedStartQuarter: '2027-Q2', estimatedSites: 40, sponsor: { name: 'Novagen Therapeutics' } },
  ]);
  expect(data._entities[1].sharedPipeline.map((p: any) => p.id)).toEqual(['prog-1']);
});

test('site-partnerships over several sites runs a fixed number of statements', async () => {
  const run = (ids: string[]) =>
    sponsors.countStatements(() => sponsors.query(SITE_PARTNERSHIPS, { r: ids.map((id) => ({ __typename: 'Site', id })) }));
  const one = await run(['site-a']);
  const three = await run(['site-a', 'site-b', 'site-c']);
  // partnerships with sponsors, their trial sites, feedback medians and investments, and the shared
  // pipeline with sponsors, for all the sites in one statement
  expect(one).toBe(1);
  expect(three).toBe(1);
});

test('sponsor-feedback: pipeline shared with sites, trials with feedback and response days, and the sponsor’s median', async () => {
  let response: any;
  const statements = await sponsors.countStatements(async () => {
    response = await sponsors.query(`{ sponsor(id: "sponsor-1") { id name medianFeedbackResponseDays
      pipeline { indication phase plannedStartQuarter estimatedSites countries sharedWith { id } sponsor { id } }
      partnerships { id }
      trials { nctId feedback { id topic status body response raisedAt respondedAt responseDays protocolVersion site { id } trial { id } } } } }`);
  });
  expect(response.errors).toBeUndefined();
  const sponsor = response.data.sponsor;
  expect(sponsor.medianFeedbackResponseDays).toBe(3.5);
  expect(sponsor.pipeline.map((p: any) => [p.plannedStartQuarter, p.sharedWith.map((s: any) => s.id)])).toEqual([
    ['2026-Q4', ['site-a']],
    ['2027-Q2', ['site-a', 'site-b']],
  ]);
  expect(sponsor.pipeline[1]).toMatchObject({ phase: 'PHASE_3', estimatedSites: 40, countries: ['ES', 'DE'], sponsor: { id: 'sponsor-1' } });
  expect(sponsor.partnerships.map((p: any) => p.id)).toEqual(['partnership-1', 'partnership-2']);
  expect(sponsor.trials.map((t: any) => [t.nctId, t.feedback.map((f: any) => f.id)])).toEqual([
    ['NCT00000001', ['fb-1', 'fb-2', 'fb-4']],
    ['NCT00000002', ['fb-3']],
    ['NCT00000004', []],
  ]);
  expect(sponsor.trials[0].feedback[0]).toEqual({
    id: 'fb-1',
    topic: 'PATIENT_BURDEN',
    status: 'ADOPTED',
    body: 'This will not fly.',
    response: 'Visit 6 goes remote.',
    raisedAt: '2024-07-01T09:00:00.000Z',
    respondedAt: '2024-07-04T21:00:00.000Z',
    responseDays: 3.5,
    protocolVersion: 2,
    site: { id: 'site-a' },
    trial: { id: 'trial-1' },
  });
  expect(sponsor.trials[0].feedback[2]).toMatchObject({ id: 'fb-4', status: 'OPEN', respondedAt: null, responseDays: null });
  // the sponsor with its pipeline, the programmes' shares, its trials and their feedback in one
  // statement; the median and the partnerships apart.
  expect(statements).toBe(3);
});

test('a sponsor without answered feedback has no median, and one without trials an empty list', async () => {
  const { data } = await sponsors.query(`{ zeta: sponsor(id: "sponsor-3") { medianFeedbackResponseDays trials { id } pipeline { id } partnerships { id } }
    atlantic: sponsor(id: "sponsor-2") { medianFeedbackResponseDays } }`);
  expect(data.zeta).toEqual({ medianFeedbackResponseDays: null, trials: [], pipeline: [], partnerships: [] });
  expect(data.atlantic.medianFeedbackResponseDays).toBe(2.5);
});

// ---- Review invitations ----

test('the demo data invites each group that reviewed a trial once, 30 days before its first review; loaded in one statement', async () => {
  let response: any;
  const statements = await sponsors.countStatements(async () => {
    response = await sponsors.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id reviewInvitations { advocacyGroupId invitedOn trial { id } } } } }`,
      { r: ['trial-1', 'trial-2', 'trial-3'].map((id) => ({ __typename: 'Trial', id })) },
    );
  });
  expect(response.errors).toBeUndefined();
  expect(response.data._entities).toEqual([
    {
      id: 'trial-1',
      reviewInvitations: [
        { advocacyGroupId: 'advocates-01', invitedOn: '2024-01-31', trial: { id: 'trial-1' } },
        { advocacyGroupId: 'advocates-02', invitedOn: '2024-08-11', trial: { id: 'trial-1' } },
      ],
    },
    { id: 'trial-2', reviewInvitations: [{ advocacyGroupId: 'advocates-02', invitedOn: '2024-12-21', trial: { id: 'trial-2' } }] },
    { id: 'trial-3', reviewInvitations: [] },
  ]);
  expect(statements).toBe(2); // trials by id, their invitations (the invitations' trials are the same rows)
});

test('an invitation derived from a review more than 30 days ahead is made today, not ahead', () => {
  expect(invitationsFromReviews([review('review-x', 'advocates-03', 'trial-3', '2026-05-01')], '2026-03-01')).toEqual([
    { id: 'invitation-trial-3-advocates-03', trialId: 'trial-3', advocacyGroupId: 'advocates-03', invitedOn: '2026-03-01' },
  ]);
  expect(invitationsFromReviews([review('review-x', 'advocates-03', 'trial-3', '2026-03-01')], '2026-03-01')[0].invitedOn).toBe('2026-01-30');
});

test('the database refuses a second invitation of one group to one trial, and a malformed group id', async () => {
  const invite = (id: string, groupId: string) =>
    sponsors.database.dataSource.query(
      `INSERT INTO review_invitations (id, trial_id, advocacy_group_id, invited_on) VALUES ($1, 'trial-1', $2, '2024-01-01')`,
      [id, groupId],
    );
  await expect(invite('invitation-again', 'advocates-01')).rejects.toThrow(/unique/);
  await expect(invite('invitation-bad', 'advocates 01')).rejects.toThrow(/check constraint/);
});

// ---- The database keeps the timeline and the figures consistent ----

test('the database refuses a trial site enrolling more than it screened or activated before it was selected', async () => {
  const insert = (columns: string) =>
    sponsors.database.dataSource.query(
      `INSERT INTO trial_sites (id, trial_id, site_id, status, selected_on, activated_on, screened, enrolled)
       VALUES ('ts-bad', 'trial-4', 'site-z', 'ENROLLING', ${columns})`,
    );
  await expect(insert(`'2024-01-01', NULL, 5, 6`)).rejects.toThrow(/check constraint/);
  await expect(insert(`'2024-01-01', '2023-12-31', 5, 5`)).rejects.toThrow(/check constraint/);
});

// ---- The measures and the complexity table as pure functions ----

describe('measures', () => {
  const base: measures.Participation = {
    selectedOn: '2024-01-01',
    activatedOn: '2024-03-01',
    firstPatientInOn: '2024-03-31',
    closedOn: null,
    enrollmentTarget: 10,
    screened: 20,
    enrolled: 15,
    withdrawn: 3,
  };

  test('cycle times count calendar days, null until the later date is known', () => {
    expect(measures.activationCycleDays(base)).toBe(60);
    expect(measures.timeToFirstPatientDays(base)).toBe(30);
    expect(measures.activationCycleDays({ ...base, activatedOn: null })).toBeNull();
    expect(measures.timeToFirstPatientDays({ ...base, firstPatientInOn: null })).toBeNull();
  });

  test('enrollment rate counts active months of 30.44 days up to closing or the as-of date, whichever is first', () => {
    expect(measures.enrollmentRate(base, '2024-04-30')).toBeCloseTo(15 / (60 / 30.44), 12);
    expect(measures.enrollmentRate({ ...base, closedOn: '2024-03-31' }, '2024-12-31')).toBeCloseTo(15 / (30 / 30.44), 12);
    expect(measures.enrollmentRate({ ...base, activatedOn: null }, '2024-12-31')).toBeNull();
    expect(measures.enrollmentRate(base, '2024-03-01')).toBeNull(); // no active time yet
  });

  test('ratios are null when their denominator is zero or unknown', () => {
    expect(measures.enrollmentVsTarget(base)).toBe(1.5);
    expect(measures.screenFailureRate(base)).toBe(0.25);
    expect(measures.retention(base)).toBe(0.8);
    expect(measures.enrollmentVsTarget({ ...base, enrollmentTarget: null })).toBeNull();
    expect(measures.enrollmentVsTarget({ ...base, enrollmentTarget: 0 })).toBeNull();
    expect(measures.screenFailureRate({ ...base, screened: 0, enrolled: 0, withdrawn: 0 })).toBeNull();
    expect(measures.retention({ ...base, enrolled: 0, withdrawn: 0 })).toBeNull();
  });

  test('longest gap runs from the latest end so far to the next selection, 0 when all overlap', () => {
    const asOf = '2025-01-01';
    expect(measures.longestGapMonths([{ selectedOn: '2020-01-01', closedOn: '2020-06-30' }], asOf)).toBeNull();
    // A trial inside an earlier one does not pull the end back; 2020-06-30 → 2021-01-29 is 213 days;
    // the trial still running on asOf covers the last selection.
    expect(
      measures.longestGapMonths(
        [
          { selectedOn: '2022-01-01', closedOn: '2022-06-01' },
          { selectedOn: '2020-01-01', closedOn: '2020-06-30' },
          { selectedOn: '2021-01-29', closedOn: null },
          { selectedOn: '2020-02-01', closedOn: '2020-03-01' },
        ],
        asOf,
      ),
    ).toBe(7); // 213 / 30.44 = 6.997
    expect(
      measures.longestGapMonths(
        [
          { selectedOn: '2020-01-01', closedOn: null },
          { selectedOn: '2023-01-01', closedOn: '2023-06-01' },
        ],
        asOf,
      ),
    ).toBe(0);
  });

  test('response days are fractional days to one decimal, null while unanswered', () => {
    expect(measures.responseDays(new Date('2024-01-01T00:00:00Z'), new Date('2024-01-02T06:00:00Z'))).toBe(1.3);
    expect(measures.responseDays(new Date('2024-01-01T00:00:00Z'), null)).toBeNull();
  });
});

describe('protocol complexity', () => {
  test('the threshold table gives 0 up to the standard bound, 1 up to the moderate bound, 2 above', () => {
    const points = (factor: string, count: number) => complexityPoints(count, COMPLEXITY_THRESHOLDS.find((t) => t.factor === factor)!);
    expect([20, 21, 35, 36].map((n) => points('DISTINCT_PROCEDURES', n))).toEqual([0, 1, 1, 2]);
    expect([100, 101, 190, 191].map((n) => points('TOTAL_PROCEDURES', n))).toEqual([0, 1, 1, 2]);
    expect([12, 13, 24, 25].map((n) => points('PLANNED_VISITS', n))).toEqual([0, 1, 1, 2]);
    expect([15, 16, 30, 31].map((n) => points('ELIGIBILITY_CRITERIA', n))).toEqual([0, 1, 1, 2]);
    expect([5, 6, 13, 14].map((n) => points('ENDPOINTS', n))).toEqual([0, 1, 1, 2]);
    expect([1, 2, 10, 11].map((n) => points('COUNTRIES', n))).toEqual([0, 1, 1, 2]);
  });

  test('a fully high protocol scores 12 of 12', () => {
    const procedures = range(36, (i) => `P${i}`);
    const complexity = protocolComplexity({
      visits: range(25, (i) => `V${i}`).map((name, i) => ({ number: i + 1, name, dayOffset: i, durationMinutes: 60, procedures })),
      procedures: procedures.map((name) => ({ name, invasive: false, patientReported: false, durationMinutes: 5 })),
      inclusionCriteriaCount: 20,
      exclusionCriteriaCount: 11,
      primaryEndpoints: 2,
      secondaryEndpoints: 10,
      otherEndpoints: 2,
      countries: range(11, (i) => `C${i}`),
    });
    expect(complexity.score).toBe(12);
    expect(complexity.maxScore).toBe(12);
    expect(complexity.breakdown.map((f) => f.value)).toEqual([36, 900, 25, 31, 14, 11]);
  });

  test('the version in force is the latest already effective, else the latest', () => {
    const versions = [
      { version: 1, effectiveOn: '2020-01-01' },
      { version: 2, effectiveOn: '2022-01-01' },
      { version: 3, effectiveOn: '2030-01-01' },
    ];
    expect(versionInForce(versions, '2021-06-01')?.version).toBe(1);
    expect(versionInForce(versions, '2022-01-01')?.version).toBe(2);
    expect(versionInForce(versions, '2019-01-01')?.version).toBe(3);
    expect(versionInForce([], '2022-01-01')).toBeNull();
  });
});
