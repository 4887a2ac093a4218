// Who sees what in the cros subgraph. First the subgraph alone on a small hand-made dataset, where
// every rule is local and each caller's exact rows can be stated; then the whole stack, where the
// same subgraph called directly must give no more than the gateway does.
import { generateDemoDataset } from '../seed/generate';
import type { CroRecord, DemoDataset, EngagementRecord, MonitoringVisitRecord, StaffAssignmentRecord } from '../seed/model';
import { openCrosDatabase } from '../subgraphs/cros/database';
import { seedCros } from '../subgraphs/cros/seed';
import { buildCrosSubgraph } from '../subgraphs/cros/server';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, startSubgraph, type GraphQLResponse, type RunningSubgraph } from './support/subgraph-harness';
import { as, asAdmin } from './support/tokens';

const CROS: CroRecord[] = [
  { id: 'cro-1', name: 'Iberia Clinical Partners', regions: ['EUROPE'], services: ['SITE_MONITORING'], languages: ['es', 'en'] },
  { id: 'cro-2', name: 'Nordic Trial Services', regions: ['EUROPE'], services: ['SITE_SELECTION'], languages: ['sv', 'en'] },
];

function engagement(id: string, croId: string, sponsorId: string, trialId: string, startsOn: string): EngagementRecord {
  return {
    id, croId, sponsorId, trialId, servicesInScope: ['SITE_MONITORING'], startsOn, endsOn: null,
    responsibilities: [{ activity: 'SITE_MONITORING', responsible: ['CRO'], accountable: ['SPONSOR'], consulted: [], informed: ['SITE'] }],
    kpis: [], communicationPlan: null, actions: [],
  };
}

// cro-1 works for two sponsors on two trials; cro-2 for sponsor-1 on trial-1 only.
const ENGAGEMENTS = [
  engagement('eng-1', 'cro-1', 'sponsor-1', 'trial-1', '2023-01-01'),
  engagement('eng-2', 'cro-1', 'sponsor-2', 'trial-2', '2024-03-01'),
  engagement('eng-3', 'cro-2', 'sponsor-1', 'trial-1', '2023-05-01'),
];

const visit = (id: string, engagementId: string, siteId: string, visitedOn: string): MonitoringVisitRecord =>
  ({ id, engagementId, siteId, kind: 'ROUTINE', visitedOn, findings: 1, followUpLetterSentOn: null });

const VISITS = [
  visit('v-1', 'eng-1', 'site-a', '2024-03-04'),
  visit('v-2', 'eng-2', 'site-a', '2024-06-10'),
  visit('v-3', 'eng-3', 'site-a', '2024-02-27'),
  visit('v-4', 'eng-1', 'site-b', '2024-05-01'),
];

const assignment = (id: string, croId: string, siteId: string, trialId: string, role: StaffAssignmentRecord['role'], startedOn: string, endedOn: string | null): StaffAssignmentRecord =>
  ({ id, croId, role, pseudonym: `CRA-${id.toUpperCase().replace('-', '')}`, siteId, trialId, startedOn, endedOn });

const ASSIGNMENTS = [
  assignment('sa-1', 'cro-1', 'site-a', 'trial-1', 'CLINICAL_RESEARCH_ASSOCIATE', '2023-01-01', '2023-06-30'),
  // Takes over from another CRO's monitor: overlap 15 days.
  assignment('sa-2', 'cro-2', 'site-a', 'trial-1', 'CLINICAL_RESEARCH_ASSOCIATE', '2023-06-15', null),
  assignment('sa-3', 'cro-1', 'site-a', 'trial-2', 'PROJECT_MANAGER', '2024-01-01', null),
  assignment('sa-4', 'cro-1', 'site-b', 'trial-1', 'CLINICAL_RESEARCH_ASSOCIATE', '2024-02-01', null),
  // cro-2 has no engagement on trial-2: no sponsor sees this one through an engagement.
  assignment('sa-5', 'cro-2', 'site-a', 'trial-2', 'CLINICAL_RESEARCH_ASSOCIATE', '2024-03-01', null),
];

type Headers = Record<string, string>;
const CALLERS: Record<string, () => Promise<Headers>> = {
  admin: asAdmin,
  'CRO cro-1': () => as('CRO', 'cro-1'),
  'CRO cro-2': () => as('CRO', 'cro-2'),
  'SPONSOR sponsor-1': () => as('SPONSOR', 'sponsor-1'),
  'SPONSOR sponsor-2': () => as('SPONSOR', 'sponsor-2'),
  'SITE site-a': () => as('SITE', 'site-a'),
  'SITE site-b': () => as('SITE', 'site-b'),
  'PATIENT_ADVOCATE advocates-01': () => as('PATIENT_ADVOCATE', 'advocates-01'),
};
type CallerName = keyof typeof CALLERS;

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
const entities = (typename: string, ...keys: string[]) => keys.map((id) => ({ __typename: typename, id }));

describe('cros visibility, subgraph alone', () => {
  let cros: RunningSubgraph;

  beforeAll(async () => {
    cros = await startSubgraph('cros', openCrosDatabase, buildCrosSubgraph, (db) =>
      seedCros(db.dataSource, { cros: CROS, engagements: ENGAGEMENTS, monitoringVisits: VISITS, staffAssignments: ASSIGNMENTS }),
    );
  });
  afterAll(() => cros?.stop());

  const queryAs = async (caller: CallerName, query: string, variables?: Record<string, unknown>) =>
    cros.query(query, variables, await CALLERS[caller]());

  test.each(Object.keys(CALLERS))('a CRO directory answers %s in full, engagements aside', async (caller) => {
    const { data, errors } = await queryAs(caller, `{ cro(id: "cro-1") { id name regions services languages }
      cros { totalCount edges { node { id name } } } }`);
    expect(errors).toBeUndefined();
    expect(data.cro).toEqual({ id: 'cro-1', name: 'Iberia Clinical Partners', regions: ['EUROPE'], services: ['SITE_MONITORING'], languages: ['es', 'en'] });
    expect(data.cros.totalCount).toBe(2);
    expect(data.cros.edges.map((e: any) => e.node.id)).toEqual(['cro-1', 'cro-2']);
  });

  // Each caller's engagements under cro-1, cro-2, trial-1 and trial-2.
  const ENGAGEMENTS_SEEN: Record<CallerName, [string[], string[], string[], string[]]> = {
    admin: [['eng-1', 'eng-2'], ['eng-3'], ['eng-1', 'eng-3'], ['eng-2']],
    'CRO cro-1': [['eng-1', 'eng-2'], [], ['eng-1'], ['eng-2']],
    'CRO cro-2': [[], ['eng-3'], ['eng-3'], []],
    'SPONSOR sponsor-1': [['eng-1'], ['eng-3'], ['eng-1', 'eng-3'], []],
    'SPONSOR sponsor-2': [['eng-2'], [], [], ['eng-2']],
    'SITE site-a': [[], [], [], []],
    'SITE site-b': [[], [], [], []],
    'PATIENT_ADVOCATE advocates-01': [[], [], [], []],
  };

  test.each(Object.entries(ENGAGEMENTS_SEEN))('engagement-parties: %s sees exactly the engagements it is party to, under a CRO and a trial', async (caller, [cro1, cro2, trial1, trial2]) => {
    const { data, errors } = await queryAs(caller, `query($r: [_Any!]!) {
      cro1: cro(id: "cro-1") { engagements { id } }
      cro2: cro(id: "cro-2") { engagements { id } }
      _entities(representations: $r) { ... on Trial { id engagements { id cro { id } sponsor { id } responsibilityGaps } } } }`,
    { r: entities('Trial', 'trial-1', 'trial-2') });
    expect(errors).toBeUndefined();
    expect(ids(data.cro1.engagements)).toEqual(cro1);
    expect(ids(data.cro2.engagements)).toEqual(cro2);
    expect(ids(data._entities[0].engagements)).toEqual(trial1);
    expect(ids(data._entities[1].engagements)).toEqual(trial2);
    // What is shown is shown whole: a sponsor sees the CRO, its own id and the RACI measures.
    for (const row of [...data._entities[0].engagements, ...data._entities[1].engagements]) {
      const stored = ENGAGEMENTS.find((e) => e.id === row.id)!;
      expect(row).toEqual({ id: stored.id, cro: { id: stored.croId }, sponsor: { id: stored.sponsorId }, responsibilityGaps: [] });
    }
  });

  // Each caller's visits at site-a and site-b, by date.
  const VISITS_SEEN: Record<CallerName, [string[], string[]]> = {
    admin: [['v-3', 'v-1', 'v-2'], ['v-4']],
    'CRO cro-1': [['v-1', 'v-2'], ['v-4']],
    'CRO cro-2': [['v-3'], []],
    'SPONSOR sponsor-1': [['v-3', 'v-1'], ['v-4']],
    'SPONSOR sponsor-2': [['v-2'], []],
    'SITE site-a': [['v-3', 'v-1', 'v-2'], []],
    'SITE site-b': [[], ['v-4']],
    'PATIENT_ADVOCATE advocates-01': [[], []],
  };

  // A CRO sees its own engagements and no other: once its portfolio is read, its engagements under a
  // trial (the sponsors subgraph's check of a CRO, in the same request) are taken from it.
  test.each(Object.entries(ENGAGEMENTS_SEEN))("engagement-parties: %s sees the same engagements under a trial after a CRO's portfolio in the same request", async (caller, [, , trial1, trial2]) => {
    const headers = await CALLERS[caller as CallerName]();
    const trials = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id engagements { id startsOn cro { id name } } } } }`;
    const r = entities('Trial', 'trial-1', 'trial-2', 'trial-none');
    const alone = await cros.query(trials, { r }, headers);
    expect(alone.errors).toBeUndefined();
    expect(alone.data._entities.map((trial: any) => ids(trial.engagements))).toEqual([trial1, trial2, []]);
    const seesNone = caller.startsWith('SITE') || caller.startsWith('PATIENT_ADVOCATE');
    for (const croId of ['cro-1', 'cro-2']) {
      const sameRequest = { ...headers, 'x-request-id': `portfolio-then-trials.${caller.replace(/\W/g, '-')}.${croId}` };
      await cros.query(`query($id: ID!) { cro(id: $id) { engagements { id } } }`, { id: croId }, sameRequest);
      let after: GraphQLResponse | undefined;
      const statements = await cros.countStatements(async () => (after = await cros.query(trials, { r }, sameRequest)));
      expect(after).toEqual(alone);
      expect(`after ${croId}'s portfolio: ${statements}`).toBe(`after ${croId}'s portfolio: ${seesNone || caller === `CRO ${croId}` ? 0 : 1}`);
    }
  });

  test.each(Object.entries(VISITS_SEEN))('monitoring-parties: %s sees the visits it was party to', async (caller, [siteA, siteB]) => {
    const { data, errors } = await queryAs(caller, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id monitoringVisits { id site { id } visitedOn } } } }`, {
      r: entities('Site', 'site-a', 'site-b'),
    });
    expect(errors).toBeUndefined();
    expect(ids(data._entities[0].monitoringVisits)).toEqual(siteA);
    expect(ids(data._entities[1].monitoringVisits)).toEqual(siteB);
    for (const row of data._entities[0].monitoringVisits) expect(row.site).toEqual({ id: 'site-a' });
  });

  test('monitoring-parties: under an engagement a sponsor sees all of its visits, at every site', async () => {
    const { data, errors } = await queryAs('SPONSOR sponsor-1', `{ cro(id: "cro-1") { engagements { id monitoringVisits { id site { id } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.cro.engagements).toEqual([
      { id: 'eng-1', monitoringVisits: [{ id: 'v-1', site: { id: 'site-a' } }, { id: 'v-4', site: { id: 'site-b' } }] },
    ]);
  });

  test("engagement-parties: the site visited sees each visit but its engagement is null with FORBIDDEN on that path", async () => {
    const { data, errors } = await queryAs('SITE site-a', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { monitoringVisits { id kind engagement { id } } } } }`, {
      r: entities('Site', 'site-a'),
    });
    expect(data._entities[0].monitoringVisits).toEqual([
      { id: 'v-3', kind: 'ROUTINE', engagement: null },
      { id: 'v-1', kind: 'ROUTINE', engagement: null },
      { id: 'v-2', kind: 'ROUTINE', engagement: null },
    ]);
    expect(errors).toHaveLength(3);
    expect(errors!.map((e) => e.path)).toEqual([0, 1, 2].map((i) => ['_entities', 0, 'monitoringVisits', i, 'engagement']));
    for (const error of errors!) expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'engagement-parties' });
    expect(errors![1].message).toBe('An engagement is visible to its CRO and its sponsor; SITE site-a is neither for this one');
  });

  test.each([
    ['CRO cro-1', ['eng-1', 'eng-2']],
    ['SPONSOR sponsor-1', ['eng-3', 'eng-1']],
    ['admin', ['eng-3', 'eng-1', 'eng-2']],
  ] as const)("a visit's engagement answers %s, who is party to it", async (caller, expected) => {
    const { data, errors } = await queryAs(caller, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { monitoringVisits { engagement { id } } } } }`, {
      r: entities('Site', 'site-a'),
    });
    expect(errors).toBeUndefined();
    expect(data._entities[0].monitoringVisits.map((v: any) => v.engagement.id)).toEqual(expected);
  });

  // Each caller's CRO staff at site-a and site-b, by start date.
  const ASSIGNMENTS_SEEN: Record<CallerName, [string[], string[]]> = {
    admin: [['sa-1', 'sa-2', 'sa-3', 'sa-5'], ['sa-4']],
    'CRO cro-1': [['sa-1', 'sa-3'], ['sa-4']],
    'CRO cro-2': [['sa-2', 'sa-5'], []],
    'SPONSOR sponsor-1': [['sa-1', 'sa-2'], ['sa-4']],
    'SPONSOR sponsor-2': [['sa-3'], []],
    'SITE site-a': [['sa-1', 'sa-2', 'sa-3', 'sa-5'], []],
    'SITE site-b': [[], ['sa-4']],
    'PATIENT_ADVOCATE advocates-01': [[], []],
  };

  test.each(Object.entries(ASSIGNMENTS_SEEN))('assignment-parties: %s sees the CRO staff it is party to', async (caller, [siteA, siteB]) => {
    const { data, errors } = await queryAs(caller, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { staffAssignments { id cro { id } trial { id } } } } }`, {
      r: entities('Site', 'site-a', 'site-b'),
    });
    expect(errors).toBeUndefined();
    expect(ids(data._entities[0].staffAssignments)).toEqual(siteA);
    expect(ids(data._entities[1].staffAssignments)).toEqual(siteB);
  });

  test.each(['admin', 'CRO cro-2', 'SPONSOR sponsor-1', 'SITE site-a'] as const)(
    "an assignment whose only predecessor is another CRO's has no handover overlap for %s: it is never measured against another CRO's staff",
    async (caller) => {
      const { data } = await queryAs(caller, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { staffAssignments { id pseudonym handoverOverlapDays } } } }`, {
        r: entities('Site', 'site-a'),
      });
      expect(data._entities[0].staffAssignments.find((a: any) => a.id === 'sa-2')).toEqual({ id: 'sa-2', pseudonym: 'CRA-SA2', handoverOverlapDays: null });
    },
  );

  test('each list is narrowed in its one SQL statement, and a caller who may see nothing costs none', async () => {
    const shape = `query($s: [_Any!]!, $t: [_Any!]!) {
      sites: _entities(representations: $s) { ... on Site { monitoringVisits { id } staffAssignments { id } } }
      trials: _entities(representations: $t) { ... on Trial { engagements { id } } } }`;
    const variables = { s: entities('Site', 'site-a', 'site-b', 'site-c'), t: entities('Trial', 'trial-1', 'trial-2') };
    const sponsor = await CALLERS['SPONSOR sponsor-1']();
    const advocate = await CALLERS['PATIENT_ADVOCATE advocates-01']();
    let bySponsor: GraphQLResponse | undefined;
    let byAdvocate: GraphQLResponse | undefined;
    expect(await cros.countStatements(async () => (bySponsor = await cros.query(shape, variables, sponsor)))).toBe(3);
    expect(await cros.countStatements(async () => (byAdvocate = await cros.query(shape, variables, advocate)))).toBe(0);
    expect(bySponsor!.data.sites.map((s: any) => [ids(s.monitoringVisits), ids(s.staffAssignments)])).toEqual([
      [['v-3', 'v-1'], ['sa-1', 'sa-2']],
      [['v-4'], ['sa-4']],
      [[], []],
    ]);
    expect(byAdvocate!.data.trials).toEqual([{ engagements: [] }, { engagements: [] }]);
  });
});

describe('cros visibility, whole stack', () => {
  const dataset: DemoDataset = generateDemoDataset({ seed: 3, scale: 0.1 });
  let stack: TestStack;

  // A CRO with visits on record, one of its engagements with visits, the site visited most.
  const visitedEngagement = dataset.engagements.find((e) => dataset.monitoringVisits.some((v) => v.engagementId === e.id))!;
  const croId = visitedEngagement.croId;
  const sponsorId = visitedEngagement.sponsorId;
  const trialId = visitedEngagement.trialId;
  const siteId = dataset.monitoringVisits.find((v) => v.engagementId === visitedEngagement.id)!.siteId;
  const otherCroId = dataset.cros.find((c) => c.id !== croId)!.id;
  const engagementOf = new Map(dataset.engagements.map((e) => [e.id, e]));

  const callers: [string, PartyKind, string][] = [
    ['the CRO', 'CRO', croId],
    ['another CRO', 'CRO', otherCroId],
    ["the engagement's sponsor", 'SPONSOR', sponsorId],
    ['the site visited', 'SITE', siteId],
    ['an advocate', 'PATIENT_ADVOCATE', dataset.advocacyGroups[0].id],
  ];

  /** The rows the rules give this caller, worked out from the dataset itself. */
  function expectedFor(party: PartyKind, orgId: string) {
    const seesEngagement = (e: EngagementRecord) => (party === 'CRO' && e.croId === orgId) || (party === 'SPONSOR' && e.sponsorId === orgId);
    const seesVisit = (v: MonitoringVisitRecord) => (party === 'SITE' && v.siteId === orgId) || seesEngagement(engagementOf.get(v.engagementId)!);
    const seesAssignment = (a: StaffAssignmentRecord) =>
      (party === 'SITE' && a.siteId === orgId) ||
      (party === 'CRO' && a.croId === orgId) ||
      (party === 'SPONSOR' && dataset.engagements.some((e) => e.croId === a.croId && e.trialId === a.trialId && e.sponsorId === orgId));
    return {
      visits: dataset.monitoringVisits.filter((v) => v.siteId === siteId && seesVisit(v)).map((v) => v.id).sort(),
      assignments: dataset.staffAssignments.filter((a) => a.siteId === siteId && seesAssignment(a)).map((a) => a.id).sort(),
      trialEngagements: dataset.engagements.filter((e) => e.trialId === trialId && seesEngagement(e)).map((e) => e.id).sort(),
      croEngagements: dataset.engagements.filter((e) => e.croId === croId && seesEngagement(e)).map((e) => e.id).sort(),
    };
  }

  beforeAll(async () => {
    stack = await startTestStack(dataset);
  }, 300_000);
  afterAll(() => stack?.shutdown());

  const sorted = (rows: { id: string }[] | undefined) => (rows ? ids(rows).sort() : []);

  test('the dataset gives every caller something to see or to be refused', () => {
    const forCro = expectedFor('CRO', croId);
    expect(forCro.visits.length).toBeGreaterThan(0);
    expect(forCro.croEngagements.length).toBeGreaterThan(0);
    expect(expectedFor('SITE', siteId).visits.length).toBeGreaterThan(0);
    expect(expectedFor('SPONSOR', sponsorId).trialEngagements.length).toBeGreaterThan(0);
  });

  test.each(callers)('%s gets from the cros subgraph directly exactly what the gateway gives it', async (_, party, orgId) => {
    const headers = await as(party, orgId);
    const viaGateway = await stack.query(`query($siteId: ID!, $trialId: ID!, $croId: ID!) {
      site(id: $siteId) { id monitoringVisits { id } staffAssignments { id } }
      trial(id: $trialId) { id engagements { id } }
      cro(id: $croId) { id engagements { id } } }`, { siteId, trialId, croId }, headers);
    const direct = await postGraphQL(stack.subgraphUrls.cros, `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Site { id monitoringVisits { id } staffAssignments { id } }
      ... on Trial { id engagements { id } }
      ... on Cro { id engagements { id } } } }`,
    { r: [{ __typename: 'Site', id: siteId }, { __typename: 'Trial', id: trialId }, { __typename: 'Cro', id: croId }] }, headers);
    expect(direct.errors).toBeUndefined();
    const [site, trial, cro] = direct.data._entities;
    const expected = expectedFor(party, orgId);
    expect({ visits: sorted(site.monitoringVisits), assignments: sorted(site.staffAssignments), trialEngagements: sorted(trial.engagements), croEngagements: sorted(cro.engagements) })
      .toEqual(expected);
    expect(sorted(viaGateway.data.site.monitoringVisits)).toEqual(expected.visits);
    expect(sorted(viaGateway.data.site.staffAssignments)).toEqual(expected.assignments);
    expect(sorted(viaGateway.data.cro.engagements)).toEqual(expected.croEngagements);
    // The trial is the sponsors subgraph's to show; where it refuses, the cros subgraph shows nothing under it either.
    expect(sorted(trial.engagements)).toEqual(viaGateway.data.trial ? sorted(viaGateway.data.trial.engagements) : []);
  });

  test("through the gateway the site visited keeps its visits and gets FORBIDDEN for each visit's engagement", async () => {
    const { data, errors } = await stack.query(`query($siteId: ID!) { site(id: $siteId) { id monitoringVisits { id engagement { id } } } }`, { siteId }, await as('SITE', siteId));
    const visits = dataset.monitoringVisits.filter((v) => v.siteId === siteId);
    expect(data.site.id).toBe(siteId);
    expect(sorted(data.site.monitoringVisits)).toEqual(visits.map((v) => v.id).sort());
    expect(data.site.monitoringVisits.every((v: any) => v.engagement === null)).toBe(true);
    expect(errors).toHaveLength(visits.length);
    expect(errors![0]).toMatchObject({ path: ['site', 'monitoringVisits', 0, 'engagement'], extensions: { code: 'FORBIDDEN', rule: 'engagement-parties' } });
  });
});
