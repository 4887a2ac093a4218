import { openCrosDatabase } from '../subgraphs/cros/database';
import { followUpLetterLagDays } from '../subgraphs/cros/measures';
import { inActivityOrder, responsibilityConflicts, responsibilityGaps } from '../subgraphs/cros/raci';
import { seedCros } from '../subgraphs/cros/seed';
import { buildCrosSubgraph } from '../subgraphs/cros/server';
import type { CroRecord, EngagementRecord, MonitoringVisitRecord, StaffAssignmentRecord } from '../seed/model';
import { startSubgraph, type RunningSubgraph } from './support/subgraph-harness';

const CROS: CroRecord[] = [
  { id: 'cro-1', name: 'Iberia Clinical Partners', regions: ['EUROPE'], services: ['SITE_MONITORING', 'DATA_MANAGEMENT'], languages: ['es', 'ca', 'en'] },
  { id: 'cro-2', name: 'Atlas Research', regions: ['EUROPE', 'NORTH_AMERICA'], services: ['SITE_SELECTION'], languages: ['en'] },
  { id: 'cro-3', name: 'Nordic Trial Services', regions: ['EUROPE'], services: [], languages: ['sv', 'en'] },
  { id: 'cro-0', name: 'Atlas Research', regions: ['ASIA_PACIFIC'], services: [], languages: ['en', 'ja'] },
];

function engagement(id: string, croId: string, sponsorId: string, trialId: string, startsOn: string, overrides: Partial<EngagementRecord> = {}): EngagementRecord {
  return {
    id,
    croId,
    sponsorId,
    trialId,
    servicesInScope: [],
    startsOn,
    endsOn: null,
    responsibilities: [],
    kpis: [],
    communicationPlan: null,
    actions: [],
    ...overrides,
  };
}

const ENGAGEMENTS: EngagementRecord[] = [
  engagement('eng-1', 'cro-1', 'sponsor-1', 'trial-1', '2023-01-01', {
    endsOn: '2026-12-31',
    servicesInScope: ['SITE_MONITORING', 'TRANSLATION', 'SITE_SELECTION', 'DATA_MANAGEMENT', 'SAFETY_REPORTING'],
    // Stored out of Activity order on purpose.
    responsibilities: [
      { activity: 'SITE_MONITORING', responsible: ['CRO'], accountable: ['SPONSOR', 'CRO'], consulted: ['SITE'], informed: [] },
      { activity: 'SAFETY_REPORTING', responsible: ['CRO'], accountable: [], consulted: [], informed: ['SITE'] },
      { activity: 'DATA_MANAGEMENT', responsible: [], accountable: ['SPONSOR'], consulted: ['CRO'], informed: [] },
      { activity: 'SITE_SELECTION', responsible: ['CRO'], accountable: ['SPONSOR'], consulted: ['SITE'], informed: [] },
      { activity: 'PROTOCOL_DESIGN', responsible: ['SPONSOR'], accountable: ['SPONSOR'], consulted: ['CRO', 'SITE'], informed: [] },
    ],
    kpis: [
      { kpi: 'Monitoring report turnaround', unit: 'days', target: 10, actual: 12.5, status: 'AT_RISK' },
      { kpi: 'Query resolution', unit: 'days', target: 5, actual: null, status: 'ON_TRACK' },
    ],
    communicationPlan: { cadence: 'BIWEEKLY', languages: ['en', 'es'], escalationPath: ['CRA lead', 'Project director', 'Sponsor study lead'] },
    actions: [
      { id: 'act-1', description: 'Backlog of source data verification at site-a', raisedBy: 'SPONSOR', severity: 'HIGH', raisedAt: '2024-05-02T09:30:00.000Z', resolvedAt: null },
      { id: 'act-2', description: 'Monitoring plan lacks remote visits', raisedBy: 'CRO', severity: 'MEDIUM', raisedAt: '2024-04-01T08:00:00.000Z', resolvedAt: '2024-04-10T16:00:00.000Z' },
      { id: 'act-3', description: 'Catalan consent form not yet translated', raisedBy: 'SITE', severity: 'LOW', raisedAt: '2024-06-01T12:00:00.000Z', resolvedAt: null },
    ],
  }),
  engagement('eng-2', 'cro-1', 'sponsor-2', 'trial-2', '2024-03-01', {
    servicesInScope: ['SITE_CONTRACTS', 'SITE_PAYMENTS'],
    responsibilities: [
      { activity: 'SITE_PAYMENTS', responsible: ['CRO'], accountable: ['CRO', 'SPONSOR'], consulted: [], informed: ['SITE'] },
      { activity: 'SITE_CONTRACTS', responsible: ['CRO'], accountable: ['SPONSOR'], consulted: ['SITE'], informed: [] },
    ],
    kpis: [{ kpi: 'Contracts signed within 60 days', unit: '%', target: 90, actual: 72, status: 'OFF_TRACK' }],
    actions: [{ id: 'act-4', description: 'Payment run late for Q1', raisedBy: 'SITE', severity: 'CRITICAL', raisedAt: '2024-04-15T10:00:00.000Z', resolvedAt: null }],
  }),
  engagement('eng-3', 'cro-1', 'sponsor-1', 'trial-3', '2025-01-15', { servicesInScope: ['PATIENT_RECRUITMENT'] }),
  engagement('eng-4', 'cro-2', 'sponsor-1', 'trial-1', '2023-05-01', {
    servicesInScope: ['SITE_SELECTION'],
    responsibilities: [{ activity: 'SITE_SELECTION', responsible: ['CRO'], accountable: ['SPONSOR'], consulted: [], informed: [] }],
  }),
];

const VISITS: MonitoringVisitRecord[] = [
  { id: 'visit-2', engagementId: 'eng-1', siteId: 'site-a', kind: 'ROUTINE', visitedOn: '2024-06-10', findings: 0, followUpLetterSentOn: null },
  { id: 'visit-1', engagementId: 'eng-1', siteId: 'site-a', kind: 'INITIATION', visitedOn: '2024-03-04', findings: 2, followUpLetterSentOn: '2024-03-18' },
  { id: 'visit-3', engagementId: 'eng-4', siteId: 'site-b', kind: 'SELECTION', visitedOn: '2024-02-27', findings: 1, followUpLetterSentOn: '2024-03-05' },
  { id: 'visit-4', engagementId: 'eng-2', siteId: 'site-c', kind: 'REMOTE', visitedOn: '2024-09-01', findings: 3, followUpLetterSentOn: '2024-09-01' },
];

function assignment(id: string, role: StaffAssignmentRecord['role'], siteId: string, trialId: string, startedOn: string, endedOn: string | null): StaffAssignmentRecord {
  return { id, croId: 'cro-1', role, pseudonym: `Monitor ${id}`, siteId, trialId, startedOn, endedOn };
}

const ASSIGNMENTS: StaffAssignmentRecord[] = [
  assignment('sa-3', 'CLINICAL_RESEARCH_ASSOCIATE', 'site-a', 'trial-1', '2024-03-11', null),
  assignment('sa-1', 'CLINICAL_RESEARCH_ASSOCIATE', 'site-a', 'trial-1', '2022-01-10', '2023-06-30'),
  assignment('sa-2', 'CLINICAL_RESEARCH_ASSOCIATE', 'site-a', 'trial-1', '2023-06-15', '2024-02-29'),
  assignment('sa-4', 'PROJECT_MANAGER', 'site-a', 'trial-1', '2023-01-01', null),
  assignment('sa-5', 'PROJECT_MANAGER', 'site-a', 'trial-1', '2025-01-01', null),
  assignment('sa-6', 'CLINICAL_RESEARCH_ASSOCIATE', 'site-a', 'trial-2', '2023-07-01', '2024-01-31'),
  assignment('sa-7', 'CLINICAL_RESEARCH_ASSOCIATE', 'site-b', 'trial-1', '2023-08-01', null),
];

describe('RACI rules', () => {
  const row = (activity: string, responsible: string[], accountable: string[]) => ({ activity, responsible, accountable });

  test('a gap is an activity in scope with no row, no responsible or no accountable party, in Activity order', () => {
    const rows = [row('TRANSLATION', ['CRO'], ['SPONSOR']), row('SITE_PAYMENTS', [], ['CRO']), row('SITE_TRAINING', ['SITE'], [])];
    expect(responsibilityGaps(['TRANSLATION', 'SITE_TRAINING', 'SITE_PAYMENTS', 'PROTOCOL_DESIGN'], rows)).toEqual([
      'PROTOCOL_DESIGN',
      'SITE_PAYMENTS',
      'SITE_TRAINING',
    ]);
  });

  test('an activity outside the scope is never a gap, even with no one responsible', () => {
    expect(responsibilityGaps(['SITE_SELECTION'], [row('SITE_SELECTION', ['CRO'], ['SPONSOR']), row('DATA_MANAGEMENT', [], [])])).toEqual([]);
  });

  test('a conflict is more than one distinct accountable party; a repeated party is still one', () => {
    const rows = [row('SITE_MONITORING', ['CRO'], ['CRO', 'SPONSOR']), row('SITE_FEASIBILITY', ['SITE'], ['SPONSOR', 'SPONSOR']), row('PROTOCOL_DESIGN', [], ['SPONSOR', 'CRO', 'SITE'])];
    expect(responsibilityConflicts(rows)).toEqual(['PROTOCOL_DESIGN', 'SITE_MONITORING']);
  });

  test('rows sort in the order the Activity enum declares', () => {
    expect(inActivityOrder([{ activity: 'TRANSLATION' }, { activity: 'PROTOCOL_DESIGN' }, { activity: 'SITE_PAYMENTS' }]).map((r) => r.activity)).toEqual([
      'PROTOCOL_DESIGN',
      'SITE_PAYMENTS',
      'TRANSLATION',
    ]);
  });
});

describe('monitoring measures', () => {
  test('the follow-up letter lag counts calendar days, across a leap day, and is null until the letter is sent', () => {
    expect(followUpLetterLagDays({ visitedOn: '2024-02-27', followUpLetterSentOn: '2024-03-05' })).toBe(7);
    expect(followUpLetterLagDays({ visitedOn: '2024-03-30', followUpLetterSentOn: '2024-03-31' })).toBe(1); // a DST change in Europe: still one day
    expect(followUpLetterLagDays({ visitedOn: '2024-03-04', followUpLetterSentOn: '2024-03-18' })).toBe(14);
    expect(followUpLetterLagDays({ visitedOn: '2024-03-04', followUpLetterSentOn: null })).toBeNull();
  });
});

describe('cros subgraph', () => {
  let cros: RunningSubgraph;

  beforeAll(async () => {
    cros = await startSubgraph('cros', openCrosDatabase, buildCrosSubgraph, (db) =>
      seedCros(db.dataSource, { cros: CROS, engagements: ENGAGEMENTS, monitoringVisits: VISITS, staffAssignments: ASSIGNMENTS }),
    );
  });
  afterAll(() => cros?.stop());

  test('cros lists by name then id, paging with cursors until hasNextPage is false', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: any = await cros.query(
        `query($after: String) { cros(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`,
        { after },
      );
      expect(errors).toBeUndefined();
      expect(data.cros.totalCount).toBe(4);
      seen.push(...data.cros.edges.map((e: any) => e.node.id));
      if (!data.cros.pageInfo.hasNextPage) break;
      after = data.cros.pageInfo.endCursor;
    }
    expect(seen).toEqual(['cro-0', 'cro-2', 'cro-1', 'cro-3']);
  });

  test('first above 100 is a BAD_USER_INPUT error naming the argument', async () => {
    const { errors } = await cros.query(`{ cros(first: 101) { totalCount } }`);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('a cursor the list never gave out is a BAD_USER_INPUT error naming after', async () => {
    const { errors } = await cros.query(`{ cros(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test('an unknown CRO id answers null without an error', async () => {
    const { data, errors } = await cros.query(`{ cro(id: "cro-zzz") { id } }`);
    expect(errors).toBeUndefined();
    expect(data.cro).toBeNull();
  });

  test('a CRO serves its directory fields and its engagements by start date, with sponsor and trial references', async () => {
    const { data, errors } = await cros.query(`{ cro(id: "cro-1") { id name regions services languages
      engagements { id cro { id } sponsor { id } trial { id } servicesInScope startsOn endsOn communicationPlan { cadence languages escalationPath } } } }`);
    expect(errors).toBeUndefined();
    expect(data.cro).toMatchObject({ id: 'cro-1', name: 'Iberia Clinical Partners', regions: ['EUROPE'], services: ['SITE_MONITORING', 'DATA_MANAGEMENT'], languages: ['es', 'ca', 'en'] });
    expect(data.cro.engagements).toEqual([
      {
        id: 'eng-1', cro: { id: 'cro-1' }, sponsor: { id: 'sponsor-1' }, trial: { id: 'trial-1' },
        servicesInScope: ['SITE_MONITORING', 'TRANSLATION', 'SITE_SELECTION', 'DATA_MANAGEMENT', 'SAFETY_REPORTING'],
        startsOn: '2023-01-01', endsOn: '2026-12-31',
        communicationPlan: { cadence: 'BIWEEKLY', languages: ['en', 'es'], escalationPath: ['CRA lead', 'Project director', 'Sponsor study lead'] },
      },
      { id: 'eng-2', cro: { id: 'cro-1' }, sponsor: { id: 'sponsor-2' }, trial: { id: 'trial-2' }, servicesInScope: ['SITE_CONTRACTS', 'SITE_PAYMENTS'], startsOn: '2024-03-01', endsOn: null, communicationPlan: null },
      { id: 'eng-3', cro: { id: 'cro-1' }, sponsor: { id: 'sponsor-1' }, trial: { id: 'trial-3' }, servicesInScope: ['PATIENT_RECRUITMENT'], startsOn: '2025-01-15', endsOn: null, communicationPlan: null },
    ]);
  });

  test('an engagement serves its RACI in Activity order, with its gaps and conflicts', async () => {
    const { data } = await cros.query(`{ cro(id: "cro-1") { engagements { id
      responsibilities { activity responsible accountable consulted informed } responsibilityGaps responsibilityConflicts } } }`);
    const [first, second, third] = data.cro.engagements;
    expect(first.responsibilities.map((r: any) => r.activity)).toEqual(['PROTOCOL_DESIGN', 'SITE_SELECTION', 'SITE_MONITORING', 'DATA_MANAGEMENT', 'SAFETY_REPORTING']);
    expect(first.responsibilities[2]).toEqual({ activity: 'SITE_MONITORING', responsible: ['CRO'], accountable: ['SPONSOR', 'CRO'], consulted: ['SITE'], informed: [] });
    expect(first.responsibilityGaps).toEqual(['DATA_MANAGEMENT', 'SAFETY_REPORTING', 'TRANSLATION']);
    expect(first.responsibilityConflicts).toEqual(['SITE_MONITORING']);
    expect(second).toMatchObject({ responsibilityGaps: [], responsibilityConflicts: ['SITE_PAYMENTS'] });
    expect(third).toMatchObject({ responsibilities: [], responsibilityGaps: ['PATIENT_RECRUITMENT'], responsibilityConflicts: [] });
  });

  test('actions filter by status derived from resolvedAt, ordered by when they were raised', async () => {
    const { data, errors } = await cros.query(`{ cro(id: "cro-1") { engagements {
      open: actions(status: OPEN) { id status }
      resolved: actions(status: RESOLVED) { id status resolvedAt }
      all: actions { id description raisedBy severity raisedAt resolvedAt status } } } }`);
    expect(errors).toBeUndefined();
    const [first, second] = data.cro.engagements;
    expect(first.open).toEqual([{ id: 'act-1', status: 'OPEN' }, { id: 'act-3', status: 'OPEN' }]);
    expect(first.resolved).toEqual([{ id: 'act-2', status: 'RESOLVED', resolvedAt: '2024-04-10T16:00:00.000Z' }]);
    expect(first.all.map((a: any) => a.id)).toEqual(['act-2', 'act-1', 'act-3']);
    expect(first.all[1]).toEqual({ id: 'act-1', description: 'Backlog of source data verification at site-a', raisedBy: 'SPONSOR', severity: 'HIGH', raisedAt: '2024-05-02T09:30:00.000Z', resolvedAt: null, status: 'OPEN' });
    expect(second.open).toEqual([{ id: 'act-4', status: 'OPEN' }]);
  });

  test('the cro-portfolio shape over a CRO with three engagements costs one statement', async () => {
    let response: any;
    const statements = await cros.countStatements(async () => {
      response = await cros.query(`query($croId: ID!) { cro(id: $croId) { id name regions engagements {
        sponsor { id } trial { id } responsibilityGaps responsibilityConflicts
        kpis { kpi unit target actual status } actions(status: OPEN) { severity raisedBy raisedAt } } } }`, { croId: 'cro-1' });
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.cro.engagements[0].kpis).toEqual([
      { kpi: 'Monitoring report turnaround', unit: 'days', target: 10, actual: 12.5, status: 'AT_RISK' },
      { kpi: 'Query resolution', unit: 'days', target: 5, actual: null, status: 'ON_TRACK' },
    ]);
    expect(response.data.cro.engagements[1].actions).toEqual([{ severity: 'CRITICAL', raisedBy: 'SITE', raisedAt: '2024-04-15T10:00:00.000Z' }]);
    expect(statements).toBe(1); // the CRO with its engagements, their RACI rows, KPIs and actions nested
  });

  test('Trial.engagements for several trials, trial-overview shape, costs one statement', async () => {
    const representations = ['trial-1', 'trial-2', 'trial-3', 'trial-none'].map((id) => ({ __typename: 'Trial', id }));
    let response: any;
    const statements = await cros.countStatements(async () => {
      response = await cros.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id engagements {
        cro { id name } responsibilities { activity responsible accountable consulted informed } responsibilityGaps responsibilityConflicts
        kpis { kpi target actual status } } } } }`, { r: representations });
    });
    expect(response.errors).toBeUndefined();
    const engagements = response.data._entities.map((t: any) => t.engagements.map((e: any) => e.cro.name));
    expect(engagements).toEqual([['Iberia Clinical Partners', 'Atlas Research'], ['Iberia Clinical Partners'], ['Iberia Clinical Partners'], []]);
    expect(response.data._entities[0].engagements[1].responsibilityGaps).toEqual([]);
    expect(statements).toBe(1); // engagements with their CROs, RACI rows and KPIs nested
  });

  // A named fragment is not looked into (shared/selections.ts): the lists are then read by their own
  // loaders, one statement each, which is what the nested reads must answer to the byte.
  test.each([
    ['cro(id:)', `{ cro(id: "cro-1") { id name engagements { LISTS } } }`, 1, 4],
    ['Cro.engagements', `{ cros(first: 10) { edges { node { id engagements { LISTS } } } } }`, 2, 5],
    ['Trial.engagements', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id engagements { LISTS } } } }`, 1, 4],
  ])('engagements read with their lists nested (%s) answer what the lists\' own loaders answer', async (_, shape, nestedCount, loadersCount) => {
    const lists = `id responsibilities { activity responsible accountable consulted informed } responsibilityGaps responsibilityConflicts
      kpis { kpi unit target actual status }
      open: actions(status: OPEN) { id raisedAt resolvedAt status } all: actions { id description raisedBy severity raisedAt resolvedAt status version }`;
    const variables = shape.includes('$r') ? { r: ['trial-1', 'trial-2', 'trial-none'].map((id) => ({ __typename: 'Trial', id })) } : {};
    let nested: any;
    let byLoaders: any;
    const statements = [
      await cros.countStatements(async () => (nested = await cros.query(shape.replace('LISTS', lists), variables))),
      await cros.countStatements(async () => (byLoaders = await cros.query(`${shape.replace('LISTS', '...lists')} fragment lists on Engagement { ${lists} }`, variables))),
    ];
    expect(nested.errors).toBeUndefined();
    expect(JSON.stringify(nested)).toBe(JSON.stringify(byLoaders));
    expect(JSON.stringify(nested)).toContain('"kpi":"Monitoring report turnaround"');
    expect(statements).toEqual([nestedCount, loadersCount]);
  });

  test('_entities resolves several CROs in one statement', async () => {
    let response: any;
    const statements = await cros.countStatements(async () => {
      response = await cros.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Cro { id name } } }`, {
        r: ['cro-3', 'cro-zzz', 'cro-1'].map((id) => ({ __typename: 'Cro', id })),
      });
    });
    expect(response.data._entities).toEqual([{ id: 'cro-3', name: 'Nordic Trial Services' }, null, { id: 'cro-1', name: 'Iberia Clinical Partners' }]);
    expect(statements).toBe(1);
  });

  test('Site.monitoringVisits over many sites in one _entities call is one statement, with the letter lag', async () => {
    const siteIds = ['site-a', 'site-b', 'site-c', ...Array.from({ length: 97 }, (_, i) => `site-empty-${i}`)];
    let response: any;
    const statements = await cros.countStatements(async () => {
      response = await cros.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id monitoringVisits { id kind visitedOn findings followUpLetterSentOn followUpLetterLagDays } } } }`, {
        r: siteIds.map((id) => ({ __typename: 'Site', id })),
      });
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toHaveLength(100);
    expect(response.data._entities[0].monitoringVisits).toEqual([
      { id: 'visit-1', kind: 'INITIATION', visitedOn: '2024-03-04', findings: 2, followUpLetterSentOn: '2024-03-18', followUpLetterLagDays: 14 },
      { id: 'visit-2', kind: 'ROUTINE', visitedOn: '2024-06-10', findings: 0, followUpLetterSentOn: null, followUpLetterLagDays: null },
    ]);
    expect(response.data._entities[1].monitoringVisits.map((v: any) => v.followUpLetterLagDays)).toEqual([7]);
    expect(response.data._entities[2].monitoringVisits.map((v: any) => v.followUpLetterLagDays)).toEqual([0]);
    expect(response.data._entities[99]).toEqual({ id: 'site-empty-96', monitoringVisits: [] });
    expect(statements).toBe(1);
  });

  test('a monitoring visit links to its engagement and a site reference', async () => {
    const { data, errors } = await cros.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { monitoringVisits { id site { id } engagement { id cro { name } monitoringVisits { id } } } } } }`, {
      r: [{ __typename: 'Site', id: 'site-b' }],
    });
    expect(errors).toBeUndefined();
    expect(data._entities[0].monitoringVisits).toEqual([{ id: 'visit-3', site: { id: 'site-b' }, engagement: { id: 'eng-4', cro: { name: 'Atlas Research' }, monitoringVisits: [{ id: 'visit-3' }] } }]);
  });

  test('handover overlap compares each assignment with its predecessor in the same site, trial and role', async () => {
    const [{ days: sinceOpenPredecessor }] = await cros.database.dataSource.query(`SELECT (CURRENT_DATE - DATE '2025-01-01')::int AS days`);
    const { data, errors } = await cros.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id staffAssignments {
      id role pseudonym startedOn endedOn handoverOverlapDays cro { id } site { id } trial { id } } } } }`, {
      r: [{ __typename: 'Site', id: 'site-a' }, { __typename: 'Site', id: 'site-b' }],
    });
    expect(errors).toBeUndefined();
    const overlaps = data._entities[0].staffAssignments.map((a: any) => [a.id, a.handoverOverlapDays]);
    expect(overlaps).toEqual([
      ['sa-1', null], // first CRA on site-a, trial-1
      ['sa-4', null], // first project manager there
      ['sa-2', 15], // started 2023-06-15, predecessor ended 2023-06-30
      ['sa-6', null], // another trial: no predecessor
      ['sa-3', -11], // predecessor ended 2024-02-29, started 2024-03-11: 11 days uncovered
      ['sa-5', sinceOpenPredecessor], // predecessor still on the site: counted to today
    ]);
    expect(data._entities[0].staffAssignments[2]).toEqual({
      id: 'sa-2', role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'Monitor sa-2', startedOn: '2023-06-15', endedOn: '2024-02-29',
      handoverOverlapDays: 15, cro: { id: 'cro-1' }, site: { id: 'site-a' }, trial: { id: 'trial-1' },
    });
    // Another site's assignment is never a predecessor, whatever its dates.
    expect(data._entities[1].staffAssignments.map((a: any) => [a.id, a.handoverOverlapDays])).toEqual([['sa-7', null]]);
  });

  test('site-partnerships and sites-in-country shapes over several sites cost one statement per list', async () => {
    const representations = ['site-a', 'site-b', 'site-c', 'site-d'].map((id) => ({ __typename: 'Site', id }));
    let response: any;
    const statements = await cros.countStatements(async () => {
      response = await cros.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id
        monitoringVisits { kind visitedOn followUpLetterLagDays }
        staffAssignments { role startedOn endedOn handoverOverlapDays trial { id } } } } }`, { r: representations });
    });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities.map((s: any) => s.staffAssignments.length)).toEqual([6, 1, 0, 0]);
    expect(statements).toBe(2); // monitoring visits, staff assignments with their overlaps
  });

  test('the database refuses a letter before its visit, a party outside SPONSOR|CRO|SITE, and half a communication plan', async () => {
    const db = cros.database.dataSource;
    await expect(
      db.query(`INSERT INTO monitoring_visits (id, engagement_id, site_id, kind, visited_on, findings, follow_up_letter_sent_on) VALUES ('visit-bad', 'eng-1', 'site-a', 'ROUTINE', '2024-05-10', 0, '2024-05-09')`),
    ).rejects.toThrow(/check constraint/);
    await expect(
      db.query(`INSERT INTO engagement_responsibilities (engagement_id, activity, responsible, accountable) VALUES ('eng-3', 'PATIENT_RECRUITMENT', '{VENDOR}', '{SPONSOR}')`),
    ).rejects.toThrow(/check constraint/);
    await expect(
      db.query(`UPDATE engagements SET communication_cadence = 'WEEKLY' WHERE id = 'eng-3'`),
    ).rejects.toThrow(/check constraint/);
  });
});
