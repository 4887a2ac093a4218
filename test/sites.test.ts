import { openSitesDatabase } from '../subgraphs/sites/database';
import { seedSites } from '../subgraphs/sites/seed';
import { buildSitesSubgraph } from '../subgraphs/sites/server';
import type { SiteRecord } from '../seed/model';
import { startSubgraph, type RunningSubgraph } from './support/subgraph-harness';
import { as } from './support/tokens';

function site(id: string, name: string, countryCode: string, languages: string[], overrides: Partial<SiteRecord> = {}): SiteRecord {
  return {
    id,
    name,
    kind: 'HOSPITAL',
    city: 'Barcelona',
    region: 'Catalonia',
    postalCode: '08036',
    countryCode,
    lat: 41.39,
    lon: 2.15,
    timezone: 'Europe/Madrid',
    languages,
    therapeuticAreas: ['ONCOLOGY'],
    communitiesServed: [],
    capacity: { maxConcurrentTrials: 4, coordinatorFte: 2, weeklyVisitSlots: 30, blackoutPeriods: [] },
    staff: [],
    assets: [],
    sharingPolicy: { capacity: 'PARTNERS', staff: 'SITE_ONLY', assets: 'PARTNERS' },
    ...overrides,
  };
}

const SITES: SiteRecord[] = [
  site('site-a', 'Hospital Clínic de Barcelona', 'ES', ['es', 'ca'], {
    staff: [
      { id: 'staff-1', role: 'PRINCIPAL_INVESTIGATOR', fte: 0.4, startedOn: '2018-03-01', endedOn: null, trainings: [{ name: 'ICH GCP E6(R3)', completedOn: '2025-02-01', expiresOn: '2028-02-01' }] },
      { id: 'staff-2', role: 'STUDY_COORDINATOR', fte: 1, startedOn: '2020-01-15', endedOn: '2024-06-30', trainings: [] },
    ],
    capacity: { maxConcurrentTrials: 6, coordinatorFte: 3.5, weeklyVisitSlots: 60, blackoutPeriods: [{ startsOn: '2026-08-01', endsOn: '2026-08-31', reason: 'Summer closure' }] },
    assets: [{ id: 'asset-1', kind: 'FREEZER', description: '-80 °C freezer', quantity: 2, fundedBySponsorId: 'sponsor-1', reusable: true }],
  }),
  site('site-b', 'Hospital Universitario La Paz', 'ES', ['es'], { city: 'Madrid', region: 'Madrid' }),
  site('site-c', 'Hospital Vall d’Hebron', 'ES', ['es', 'ca', 'en'], { therapeuticAreas: ['CARDIOLOGY'] }),
  site('site-e', 'Hospital Universitari i Politècnic La Fe', 'ES', ['es', 'ca-valencia'], { city: 'Valencia', region: 'Valencian Community' }),
  site('site-d', 'Charité – Universitätsmedizin Berlin', 'DE', ['de', 'en'], { city: 'Berlin', region: 'Berlin', timezone: 'Europe/Berlin' }),
];

let sites: RunningSubgraph;

beforeAll(async () => {
  sites = await startSubgraph('sites', openSitesDatabase, buildSitesSubgraph, (db) => seedSites(db.dataSource, { sites: SITES }));
});
afterAll(() => sites?.stop());

test('sites filters by country and language, ordered by name, with the total of all matches', async () => {
  const { data, errors } = await sites.query(`{ sites(filter: { countryCode: "ES", language: "ca" }) { totalCount edges { node { id name languages } } } }`);
  expect(errors).toBeUndefined();
  expect(data.sites.totalCount).toBe(3);
  expect(data.sites.edges.map((e: any) => e.node.id)).toEqual(['site-a', 'site-e', 'site-c']);
});

test('a language filter finds the tag and its subtags, but not another language sharing its letters', async () => {
  const ids = async (language: string) => {
    const { data } = await sites.query(`query($l: String) { sites(filter: { language: $l }) { edges { node { id } } } }`, { l: language });
    return data.sites.edges.map((e: any) => e.node.id);
  };
  expect(await ids('ca-valencia')).toEqual(['site-e']);
  expect(await ids('CA')).toEqual(['site-a', 'site-e', 'site-c']);
  expect(await ids('c')).toEqual([]);
});

test('sites pages with cursors until hasNextPage is false, visiting every site once', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { data }: any = await sites.query(`query($after: String) { sites(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { after });
    seen.push(...data.sites.edges.map((e: any) => e.node.id));
    expect(data.sites.totalCount).toBe(5);
    if (!data.sites.pageInfo.hasNextPage) break;
    after = data.sites.pageInfo.endCursor;
  }
  expect(seen).toEqual(['site-d', 'site-a', 'site-e', 'site-b', 'site-c']);
});

test('first above 100 is a BAD_USER_INPUT error naming the argument', async () => {
  const { errors } = await sites.query(`{ sites(first: 101) { totalCount } }`);
  expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
});

test('a cursor the list never gave out is a BAD_USER_INPUT error naming after', async () => {
  const { errors } = await sites.query(`{ sites(after: "not-a-cursor") { totalCount } }`);
  expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
});

test('an unknown site id answers null without an error', async () => {
  const { data, errors } = await sites.query(`{ site(id: "site-zzz") { id } }`);
  expect(errors).toBeUndefined();
  expect(data.site).toBeNull();
});

test('a site serves its staff with trainings, capacity with blackouts, and assets funded by a sponsor reference', async () => {
  const { data } = await sites.query(`{ site(id: "site-a") {
    address { city region postalCode countryCode } geo { lat lon }
    staff { role fte startedOn endedOn trainings { name completedOn expiresOn } }
    capacity { maxConcurrentTrials coordinatorFte weeklyVisitSlots blackoutPeriods { startsOn endsOn reason } }
    assets { kind quantity reusable fundedBy { id } }
    sharingPolicy { capacity staff assets } } }`);
  expect(data.site.address).toEqual({ city: 'Barcelona', region: 'Catalonia', postalCode: '08036', countryCode: 'ES' });
  expect(data.site.staff).toEqual([
    { role: 'PRINCIPAL_INVESTIGATOR', fte: 0.4, startedOn: '2018-03-01', endedOn: null, trainings: [{ name: 'ICH GCP E6(R3)', completedOn: '2025-02-01', expiresOn: '2028-02-01' }] },
    { role: 'STUDY_COORDINATOR', fte: 1, startedOn: '2020-01-15', endedOn: '2024-06-30', trainings: [] },
  ]);
  expect(data.site.capacity.blackoutPeriods).toEqual([{ startsOn: '2026-08-01', endsOn: '2026-08-31', reason: 'Summer closure' }]);
  expect(data.site.assets).toEqual([{ kind: 'FREEZER', quantity: 2, reusable: true, fundedBy: { id: 'sponsor-1' } }]);
});

test('_entities resolves many sites, and their staff, in a fixed number of statements', async () => {
  const representations = SITES.map((s) => ({ __typename: 'Site', id: s.id }));
  let response: any;
  const statements = await sites.countStatements(async () => {
    response = await sites.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id name staff { role trainings { name } } } } }`, { r: representations });
  });
  expect(response.data._entities.map((s: any) => s.id)).toEqual(SITES.map((s) => s.id));
  expect(statements).toBe(3); // sites, their staff, the staff's trainings
});

test('a site asking for itself with its staff reads both in one statement, with the staff in their order', async () => {
  const page = `query($id: ID!) { site(id: $id) { id name staff { role fte startedOn endedOn } } }`;
  const asItself = await as('SITE', 'site-a');
  let own: any;
  const statements = await sites.countStatements(async () => {
    own = await sites.query(page, { id: 'site-a' }, asItself);
  });
  expect(statements).toBe(1);
  expect(own.data.site.staff).toEqual([
    { role: 'PRINCIPAL_INVESTIGATOR', fte: 0.4, startedOn: '2018-03-01', endedOn: null },
    { role: 'STUDY_COORDINATOR', fte: 1, startedOn: '2020-01-15', endedOn: '2024-06-30' },
  ]);
  // The same answer as a platform admin's, read the usual way for another caller.
  expect((await sites.query(page, { id: 'site-a' })).data).toEqual(own.data);
  // Another site's staff (shared with the site only) is read no more than before: refused, unread.
  const other = await sites.query(page, { id: 'site-a' }, await as('SITE', 'site-b'));
  expect(other.data.site.staff).toBeNull();
  expect(other.errors?.map((error: any) => error.extensions.code)).toEqual(['FORBIDDEN']);
});
