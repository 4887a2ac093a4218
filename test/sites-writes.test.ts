// The sites' own writes, on the sites subgraph alone: only the site itself writes, bad input names
// its field, a stale version changes nothing, and a write that fails part way leaves nothing behind.
import { openSitesDatabase } from '../subgraphs/sites/database';
import { seedSites } from '../subgraphs/sites/seed';
import { buildSitesSubgraph } from '../subgraphs/sites/server';
import type { PartyKind } from '../platform/identity';
import type { SiteRecord } from '../seed/model';
import { startSubgraph, type GraphQLResponse, type RunningSubgraph } from './support/subgraph-harness';
import { as } from './support/tokens';

function site(id: string, overrides: Partial<SiteRecord> = {}): SiteRecord {
  return {
    id,
    name: `Hospital ${id}`,
    kind: 'HOSPITAL',
    city: 'Barcelona',
    region: 'Catalonia',
    postalCode: '08036',
    countryCode: 'ES',
    lat: 41.39,
    lon: 2.15,
    timezone: 'Europe/Madrid',
    languages: ['es', 'ca'],
    therapeuticAreas: ['ONCOLOGY'],
    communitiesServed: ['Older adults'],
    capacity: {
      maxConcurrentTrials: 6,
      coordinatorFte: 3.5,
      weeklyVisitSlots: 60,
      blackoutPeriods: [{ startsOn: '2026-08-01', endsOn: '2026-08-31', reason: 'Summer closure' }],
    },
    staff: [],
    assets: [],
    sharingPolicy: { capacity: 'PARTNERS', staff: 'SITE_ONLY', assets: 'PARTNERS' },
    ...overrides,
  };
}

const member = (id: string, startedOn: string) => ({
  id,
  role: 'STUDY_COORDINATOR' as const,
  fte: 0.8,
  startedOn,
  endedOn: null,
  trainings: [{ name: 'ICH GCP E6(R3)', completedOn: '2025-02-01', expiresOn: '2028-02-01' }],
});

// One site per kind of write, so each test starts from the seeded version 1 of its own site.
const SITES: SiteRecord[] = [
  site('site-profile'),
  site('site-capacity'),
  site('site-policy'),
  site('site-staff', { staff: [member('staff-1', '2021-04-01'), member('staff-2', '2022-09-15')] }),
  site('site-other', { staff: [member('staff-other', '2020-01-01')] }),
  site('site-trap', { staff: [member('staff-trap', '2020-01-01')] }),
  site('site-twice'),
];

let sites: RunningSubgraph;

// Faults injected in the real engine: each trigger refuses a statement a write makes after it has
// claimed the version, so the write fails part way through its transaction.
const FAULTS = `
  CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'refused by the test trigger'; END $$;
  -- The UPDATE that follows the version claim (it leaves the version as it is) on site-trap.
  CREATE TRIGGER refuse_site_trap BEFORE UPDATE ON sites FOR EACH ROW
    WHEN (NEW.id = 'site-trap' AND NEW.version = OLD.version) EXECUTE FUNCTION refuse_write();
  CREATE TRIGGER refuse_staff_trap BEFORE UPDATE ON site_staff FOR EACH ROW
    WHEN (NEW.id = 'staff-trap' AND NEW.version = OLD.version) EXECUTE FUNCTION refuse_write();
  -- Blackout periods are inserted last, after the capacity update and the old periods' delete.
  CREATE TRIGGER refuse_blackout BEFORE INSERT ON site_blackout_periods FOR EACH ROW
    WHEN (NEW.reason = 'refused by the test trigger') EXECUTE FUNCTION refuse_write();
`;

beforeAll(async () => {
  sites = await startSubgraph('sites', openSitesDatabase, buildSitesSubgraph, async (db) => {
    await seedSites(db.dataSource, { sites: SITES });
    await db.dataSource.query(FAULTS);
  });
});
afterAll(() => sites?.stop());

const asSite = (siteId: string) => as('SITE', siteId);

/** Every kind of caller that is not the site itself: the other four kinds, and another site. */
const NOT_THE_SITE: [PartyKind, string][] = [
  ['SITE', 'site-other'],
  ['SPONSOR', 'sponsor-1'],
  ['CRO', 'cro-1'],
  ['PATIENT_ADVOCATE', 'advocates-01'],
  ['PLATFORM_ADMIN', 'platform'],
];

const SITE_FIELDS = `id version name kind address { city region postalCode countryCode } geo { lat lon } timezone
  languages therapeuticAreas communitiesServed
  capacity { maxConcurrentTrials coordinatorFte weeklyVisitSlots blackoutPeriods { startsOn endsOn reason } }
  sharingPolicy { capacity staff assets }
  staff { id version role fte startedOn endedOn trainings { name completedOn expiresOn } }`;

/** The site as stored, read back as a platform admin (who sees every part). */
async function stored(siteId: string) {
  const { data, errors } = await sites.query(`query($id: ID!) { site(id: $id) { ${SITE_FIELDS} } }`, { id: siteId });
  expect(errors).toBeUndefined();
  return data.site;
}

function expectError(response: GraphQLResponse, path: string, extensions: Record<string, unknown>) {
  expect(response.data?.[path] ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].path).toEqual([path]);
  expect(response.errors![0].extensions).toMatchObject(extensions);
}

/** A value its GraphQL type refuses (a Date that is no day) is refused before any resolver runs: no data at all. */
function expectRefusedVariable(response: GraphQLResponse, field: string) {
  expect(response.data).toBeUndefined();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
}

const UPDATE_PROFILE = `mutation($input: UpdateSiteProfileInput!) { updateSiteProfile(input: $input) { ${SITE_FIELDS} } }`;
const SET_CAPACITY = `mutation($input: SetSiteCapacityInput!) { setSiteCapacity(input: $input) { ${SITE_FIELDS} } }`;
const SET_POLICY = `mutation($input: SetSharingPolicyInput!) { setSharingPolicy(input: $input) { ${SITE_FIELDS} } }`;
const ADD_STAFF = `mutation($input: AddStaffMemberInput!) { addStaffMember(input: $input) { id version role fte startedOn endedOn trainings { name } } }`;
const END_STAFF = `mutation($input: EndStaffMemberInput!) { endStaffMember(input: $input) { id version startedOn endedOn } }`;
const RECORD_TRAINING = `mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { id version trainings { name completedOn expiresOn } } }`;

describe('updateSiteProfile', () => {
  test('the site changes the fields it sends, stored in canonical form, and the version moves on; the rest stays', async () => {
    const before = await stored('site-profile');
    const response = await sites.query(
      UPDATE_PROFILE,
      {
        input: {
          siteId: 'site-profile',
          expectedVersion: 1,
          name: '  Hospital Universitari Sant Joan de Reus ',
          address: { city: 'Reus', region: null, postalCode: '43204', countryCode: 'ES' },
          timezone: 'Atlantic/Canary',
          languages: ['es', 'CA-valencia', 'EN-us'],
          therapeuticAreas: ['ONCOLOGY', 'RARE_DISEASES'],
          communitiesServed: ['Rural communities', 'Migrant workers'],
        },
      },
      await asSite('site-profile'),
    );
    expect(response.errors).toBeUndefined();
    const expected = {
      ...before,
      version: 2,
      name: 'Hospital Universitari Sant Joan de Reus',
      address: { city: 'Reus', region: null, postalCode: '43204', countryCode: 'ES' },
      timezone: 'Atlantic/Canary',
      languages: ['es', 'ca-valencia', 'en-US'],
      therapeuticAreas: ['ONCOLOGY', 'RARE_DISEASES'],
      communitiesServed: ['Rural communities', 'Migrant workers'],
    };
    expect(response.data.updateSiteProfile).toEqual(expected);
    expect(await stored('site-profile')).toEqual(expected);

    // A second write from the version it now holds: only the kind changes, and null geo clears the location.
    const again = await sites.query(
      UPDATE_PROFILE,
      { input: { siteId: 'site-profile', expectedVersion: 2, kind: 'ACADEMIC_MEDICAL_CENTER', geo: null } },
      await asSite('site-profile'),
    );
    expect(again.errors).toBeUndefined();
    expect(await stored('site-profile')).toEqual({ ...expected, version: 3, kind: 'ACADEMIC_MEDICAL_CENTER', geo: null });
  });

  test.each(NOT_THE_SITE)('%s %s may not change the profile (FORBIDDEN, site-writes-own-data), and nothing changes', async (party, orgId) => {
    const before = await stored('site-policy');
    const response = await sites.query(
      UPDATE_PROFILE,
      { input: { siteId: 'site-policy', expectedVersion: before.version, name: 'Taken over' } },
      await as(party, orgId),
    );
    expectError(response, 'updateSiteProfile', { code: 'FORBIDDEN', rule: 'site-writes-own-data' });
    expect(response.errors![0].message).toBe(`Only site site-policy itself may change the site's profile; the caller is ${party} ${orgId}`);
    expect(await stored('site-policy')).toEqual(before);
  });

  test.each([
    ['a blank name', { name: '   ' }, 'input.name', /must not be blank/],
    ['a null name', { name: null }, 'input.name', /cannot be cleared/],
    ['a name over two lines', { name: 'Hospital\nClínic' }, 'input.name', /one line/],
    ['a lower-case country code', { address: { city: 'Reus', countryCode: 'es' } }, 'input.address.countryCode', /two upper-case letters/],
    ['a country code that names no country', { address: { city: 'Reus', countryCode: 'XX' } }, 'input.address.countryCode', /not an ISO 3166-1 country/],
    ['a region that is no country', { address: { city: 'Brussels', countryCode: 'EU' } }, 'input.address.countryCode', /not an ISO 3166-1 country/],
    ['a blank city', { address: { city: ' ', countryCode: 'ES' } }, 'input.address.city', /must not be blank/],
    ['a blank postal code', { address: { city: 'Reus', postalCode: '', countryCode: 'ES' } }, 'input.address.postalCode', /send null/],
    ['a latitude beyond the pole', { geo: { lat: 90.5, lon: 2 } }, 'input.geo.lat', /between -90 and 90/],
    ['a longitude beyond the date line', { geo: { lat: 41, lon: -180.01 } }, 'input.geo.lon', /between -180 and 180/],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'input.timezone', /IANA time zone/],
    ['a time zone in the wrong case', { timezone: 'europe/madrid' }, 'input.timezone', /did you mean Europe\/Madrid/],
    ['a malformed language tag', { languages: ['es', 'en_US'] }, 'input.languages[1]', /not a well-formed BCP 47/],
    ['a well-formed tag of no language', { languages: ['english'] }, 'input.languages[0]', /known language/],
    ['the same language twice', { languages: ['es', 'ca', 'ES'] }, 'input.languages[2]', /repeats input.languages\[0\]/],
    ['no language at all', { languages: [] }, 'input.languages', /at least one/],
    ['a therapeutic area that is no code', { therapeuticAreas: ['ONCOLOGY', 'Rare diseases'] }, 'input.therapeuticAreas[1]', /upper case with underscores/],
    ['a blank community', { communitiesServed: ['Older adults', ''] }, 'input.communitiesServed[1]', /must not be blank/],
    ['nothing to change', {}, 'input', /at least one field/],
  ])('%s is BAD_USER_INPUT naming the field, and nothing changes', async (_, fields, field, message) => {
    const before = await stored('site-policy');
    const response = await sites.query(
      UPDATE_PROFILE,
      { input: { siteId: 'site-policy', expectedVersion: before.version, ...fields } },
      await asSite('site-policy'),
    );
    expectError(response, 'updateSiteProfile', { code: 'BAD_USER_INPUT', field });
    expect(response.errors![0].message).toMatch(message);
    expect(await stored('site-policy')).toEqual(before);
  });

  test('a site id with no site is BAD_USER_INPUT naming input.siteId', async () => {
    const response = await sites.query(UPDATE_PROFILE, { input: { siteId: 'site-gone', expectedVersion: 1, name: 'Ghost' } }, await asSite('site-gone'));
    expectError(response, 'updateSiteProfile', { code: 'BAD_USER_INPUT', field: 'input.siteId' });
  });

  test('a stale expectedVersion is CONFLICT with the current version, and nothing changes', async () => {
    await sites.query(UPDATE_PROFILE, { input: { siteId: 'site-capacity', expectedVersion: 1, name: 'Hospital de Mataró' } }, await asSite('site-capacity'));
    const before = await stored('site-capacity');
    expect(before.version).toBe(2);
    const response = await sites.query(UPDATE_PROFILE, { input: { siteId: 'site-capacity', expectedVersion: 1, name: 'Stale write' } }, await asSite('site-capacity'));
    expectError(response, 'updateSiteProfile', { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 2 });
    expect(await stored('site-capacity')).toEqual(before);
  });

  test('of two writes from the same version at once, exactly one is stored and the other is CONFLICT', async () => {
    const before = await stored('site-other');
    const headers = await asSite('site-other');
    const write = (name: string) => sites.query(UPDATE_PROFILE, { input: { siteId: 'site-other', expectedVersion: before.version, name } }, headers);
    const results = await Promise.all([write('Hospital A'), write('Hospital B')]);
    const stored1 = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(stored1).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: before.version + 1 });
    const after = await stored('site-other');
    expect(after.version).toBe(before.version + 1);
    expect(after.name).toBe(stored1[0].data.updateSiteProfile.name);
  });

  test('a write that fails after claiming the version leaves the version and the profile as they were', async () => {
    const before = await stored('site-trap');
    const response = await sites.query(UPDATE_PROFILE, { input: { siteId: 'site-trap', expectedVersion: 1, name: 'Never stored' } }, await asSite('site-trap'));
    expect(response.errors?.[0].path).toEqual(['updateSiteProfile']);
    expect(response.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await stored('site-trap')).toEqual(before);
    expect(before.version).toBe(1);
  });
});

describe('setSiteCapacity', () => {
  const capacity = (overrides: Record<string, unknown> = {}) => ({
    siteId: 'site-capacity',
    maxConcurrentTrials: 9,
    coordinatorFte: 4.5,
    weeklyVisitSlots: 80,
    blackoutPeriods: [
      { startsOn: '2026-12-24', endsOn: '2027-01-06', reason: 'Christmas' },
      { startsOn: '2026-08-01', endsOn: '2026-08-15', reason: null },
    ],
    ...overrides,
  });

  test('the site sets its capacity and its blackout periods replace the stored ones', async () => {
    const before = await stored('site-capacity');
    const response = await sites.query(SET_CAPACITY, { input: { ...capacity(), expectedVersion: before.version } }, await asSite('site-capacity'));
    expect(response.errors).toBeUndefined();
    const expected = {
      ...before,
      version: before.version + 1,
      capacity: {
        maxConcurrentTrials: 9,
        coordinatorFte: 4.5,
        weeklyVisitSlots: 80,
        blackoutPeriods: [
          { startsOn: '2026-08-01', endsOn: '2026-08-15', reason: null },
          { startsOn: '2026-12-24', endsOn: '2027-01-06', reason: 'Christmas' },
        ],
      },
    };
    expect(response.data.setSiteCapacity).toEqual(expected);
    expect(await stored('site-capacity')).toEqual(expected);

    // No periods given: none stored.
    const cleared = await sites.query(
      SET_CAPACITY,
      { input: { ...capacity({ blackoutPeriods: [] }), expectedVersion: expected.version } },
      await asSite('site-capacity'),
    );
    expect(cleared.errors).toBeUndefined();
    expect((await stored('site-capacity')).capacity.blackoutPeriods).toEqual([]);
  });

  test.each(NOT_THE_SITE)('%s %s may not set the capacity (FORBIDDEN), and nothing changes', async (party, orgId) => {
    const before = await stored('site-policy');
    const response = await sites.query(SET_CAPACITY, { input: { ...capacity({ siteId: 'site-policy' }), expectedVersion: before.version } }, await as(party, orgId));
    expectError(response, 'setSiteCapacity', { code: 'FORBIDDEN', rule: 'site-writes-own-data' });
    expect(await stored('site-policy')).toEqual(before);
  });

  test.each([
    ['a negative trial count', { maxConcurrentTrials: -1 }, 'input.maxConcurrentTrials'],
    ['a negative coordinator FTE', { coordinatorFte: -0.5 }, 'input.coordinatorFte'],
    ['negative visit slots', { weeklyVisitSlots: -3 }, 'input.weeklyVisitSlots'],
    [
      'a period ending before it starts',
      { blackoutPeriods: [{ startsOn: '2026-01-01', endsOn: '2026-01-02' }, { startsOn: '2026-05-10', endsOn: '2026-05-09' }] },
      'input.blackoutPeriods[1].endsOn',
    ],
    [
      'a period overlapping another by one day',
      {
        blackoutPeriods: [
          { startsOn: '2026-08-01', endsOn: '2026-08-31' },
          { startsOn: '2026-12-24', endsOn: '2027-01-06' },
          { startsOn: '2026-07-15', endsOn: '2026-07-31' },
          { startsOn: '2026-08-31', endsOn: '2026-09-02' },
        ],
      },
      'input.blackoutPeriods[3].startsOn',
    ],
    ['a blank reason', { blackoutPeriods: [{ startsOn: '2026-02-01', endsOn: '2026-02-02', reason: ' ' }] }, 'input.blackoutPeriods[0].reason'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing changes', async (_, overrides, field) => {
    const before = await stored('site-policy');
    const response = await sites.query(
      SET_CAPACITY,
      { input: { ...capacity({ siteId: 'site-policy', ...overrides }), expectedVersion: before.version } },
      await asSite('site-policy'),
    );
    expectError(response, 'setSiteCapacity', { code: 'BAD_USER_INPUT', field });
    expect(await stored('site-policy')).toEqual(before);
  });

  test('overlapping periods are reported on the later one, naming both', async () => {
    const response = await sites.query(
      SET_CAPACITY,
      {
        input: {
          ...capacity({
            siteId: 'site-policy',
            blackoutPeriods: [
              { startsOn: '2026-08-10', endsOn: '2026-08-20' },
              { startsOn: '2026-08-01', endsOn: '2026-08-31' },
            ],
          }),
          expectedVersion: 1,
        },
      },
      await asSite('site-policy'),
    );
    expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.blackoutPeriods[0].startsOn' });
    expect(response.errors![0].message).toBe(
      'input.blackoutPeriods[0] (2026-08-10 to 2026-08-20) overlaps input.blackoutPeriods[1] (2026-08-01 to 2026-08-31)',
    );
  });

  test('a stale expectedVersion is CONFLICT, and the capacity and periods stay as they were', async () => {
    const before = await stored('site-capacity');
    const response = await sites.query(
      SET_CAPACITY,
      { input: { ...capacity({ maxConcurrentTrials: 1 }), expectedVersion: before.version - 1 } },
      await asSite('site-capacity'),
    );
    expectError(response, 'setSiteCapacity', { code: 'CONFLICT', currentVersion: before.version });
    expect(await stored('site-capacity')).toEqual(before);
  });

  test('a write that fails at its last statement leaves the capacity, the old periods and the version as they were', async () => {
    const before = await stored('site-capacity');
    const response = await sites.query(
      SET_CAPACITY,
      {
        input: {
          ...capacity({ maxConcurrentTrials: 2, blackoutPeriods: [{ startsOn: '2027-04-01', endsOn: '2027-04-05', reason: 'refused by the test trigger' }] }),
          expectedVersion: before.version,
        },
      },
      await asSite('site-capacity'),
    );
    expect(response.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await stored('site-capacity')).toEqual(before);
  });
});

describe('setSharingPolicy', () => {
  test('the site sets who sees each part, and the version moves on', async () => {
    const before = await stored('site-policy');
    const policy = { capacity: 'ALL_AUTHENTICATED', staff: 'PARTNERS', assets: 'SITE_ONLY' };
    const response = await sites.query(SET_POLICY, { input: { siteId: 'site-policy', expectedVersion: before.version, ...policy } }, await asSite('site-policy'));
    expect(response.errors).toBeUndefined();
    const expected = { ...before, version: before.version + 1, sharingPolicy: policy };
    expect(response.data.setSharingPolicy).toEqual(expected);
    expect(await stored('site-policy')).toEqual(expected);
  });

  test.each(NOT_THE_SITE)('%s %s may not set the policy (FORBIDDEN), and nothing changes', async (party, orgId) => {
    const before = await stored('site-staff');
    const response = await sites.query(
      SET_POLICY,
      { input: { siteId: 'site-staff', expectedVersion: before.version, capacity: 'ALL_AUTHENTICATED', staff: 'ALL_AUTHENTICATED', assets: 'ALL_AUTHENTICATED' } },
      await as(party, orgId),
    );
    expectError(response, 'setSharingPolicy', { code: 'FORBIDDEN', rule: 'site-writes-own-data' });
    expect(await stored('site-staff')).toEqual(before);
  });

  test('a site id with no site is BAD_USER_INPUT naming input.siteId; an audience outside the enum is refused before anything runs', async () => {
    const policy = { capacity: 'SITE_ONLY', staff: 'SITE_ONLY', assets: 'SITE_ONLY' };
    const unknown = await sites.query(SET_POLICY, { input: { siteId: 'site-gone', expectedVersion: 1, ...policy } }, await asSite('site-gone'));
    expectError(unknown, 'setSharingPolicy', { code: 'BAD_USER_INPUT', field: 'input.siteId' });
    const before = await stored('site-staff');
    const outside = await sites.query(
      SET_POLICY,
      { input: { siteId: 'site-staff', expectedVersion: before.version, ...policy, staff: 'EVERYONE' } },
      await asSite('site-staff'),
    );
    expect(outside.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(outside.errors![0].message).toMatch(/input.staff/);
    expect(await stored('site-staff')).toEqual(before);
  });

  test('a stale expectedVersion is CONFLICT and the policy stays', async () => {
    const before = await stored('site-policy');
    const response = await sites.query(
      SET_POLICY,
      { input: { siteId: 'site-policy', expectedVersion: before.version + 5, capacity: 'SITE_ONLY', staff: 'SITE_ONLY', assets: 'SITE_ONLY' } },
      await asSite('site-policy'),
    );
    expectError(response, 'setSharingPolicy', { code: 'CONFLICT', currentVersion: before.version });
    expect(await stored('site-policy')).toEqual(before);
  });

  test('a write that fails after claiming the version leaves the policy and the version as they were', async () => {
    const before = await stored('site-trap');
    const response = await sites.query(
      SET_POLICY,
      { input: { siteId: 'site-trap', expectedVersion: before.version, capacity: 'SITE_ONLY', staff: 'ALL_AUTHENTICATED', assets: 'SITE_ONLY' } },
      await asSite('site-trap'),
    );
    expect(response.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await stored('site-trap')).toEqual(before);
  });
});

describe('staff', () => {
  test('the site adds a member at version 1 without moving the site version', async () => {
    const before = await stored('site-staff');
    const response = await sites.query(
      ADD_STAFF,
      { input: { siteId: 'site-staff', role: 'PHARMACIST', fte: 0.5, startedOn: '2026-10-01' } },
      await asSite('site-staff'),
    );
    expect(response.errors).toBeUndefined();
    const added = response.data.addStaffMember;
    expect(added).toEqual({ id: expect.stringMatching(/^staff-/), version: 1, role: 'PHARMACIST', fte: 0.5, startedOn: '2026-10-01', endedOn: null, trainings: [] });
    const after = await stored('site-staff');
    expect(after.version).toBe(before.version);
    expect(after.staff.map((m: any) => m.id)).toEqual([...before.staff.map((m: any) => m.id), added.id]);
    expect(after.staff.at(-1)).toEqual({ id: added.id, version: 1, role: 'PHARMACIST', fte: 0.5, startedOn: '2026-10-01', endedOn: null, trainings: [] });
  });

  test.each(NOT_THE_SITE)('%s %s may not add staff to the site (FORBIDDEN), and none is added', async (party, orgId) => {
    const before = await stored('site-staff');
    const response = await sites.query(ADD_STAFF, { input: { siteId: 'site-staff', role: 'PHARMACIST', fte: 0.5, startedOn: '2026-10-01' } }, await as(party, orgId));
    expectError(response, 'addStaffMember', { code: 'FORBIDDEN', rule: 'site-writes-own-data' });
    expect(await stored('site-staff')).toEqual(before);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no time at all', { fte: 0 }, 'input.fte'],
    ['more than full time', { fte: 1.2 }, 'input.fte'],
  ])('adding a member with %s is BAD_USER_INPUT naming the field', async (_, overrides, field) => {
    const before = await stored('site-staff');
    const response = await sites.query(
      ADD_STAFF,
      { input: { siteId: 'site-staff', role: 'PHARMACIST', fte: 0.5, startedOn: '2026-10-01', ...overrides } },
      await asSite('site-staff'),
    );
    expectError(response, 'addStaffMember', { code: 'BAD_USER_INPUT', field });
    expect(await stored('site-staff')).toEqual(before);
  });

  test('adding a member to a site that does not exist is BAD_USER_INPUT naming input.siteId', async () => {
    const response = await sites.query(ADD_STAFF, { input: { siteId: 'site-gone', role: 'PHARMACIST', fte: 0.5, startedOn: '2026-10-01' } }, await asSite('site-gone'));
    expectError(response, 'addStaffMember', { code: 'BAD_USER_INPUT', field: 'input.siteId' });
    const [{ count }] = await sites.database.dataSource.query(`SELECT count(*)::int AS count FROM site_staff WHERE site_id = 'site-gone'`);
    expect(count).toBe(0);
  });

  test('the site ends a member: endedOn stored, the member version moves on, a stale version is then CONFLICT', async () => {
    const response = await sites.query(END_STAFF, { input: { staffMemberId: 'staff-1', expectedVersion: 1, endedOn: '2026-06-30' } }, await asSite('site-staff'));
    expect(response.errors).toBeUndefined();
    expect(response.data.endStaffMember).toEqual({ id: 'staff-1', version: 2, startedOn: '2021-04-01', endedOn: '2026-06-30' });
    const after = await stored('site-staff');
    expect(after.staff.find((m: any) => m.id === 'staff-1')).toMatchObject({ version: 2, endedOn: '2026-06-30' });

    const stale = await sites.query(END_STAFF, { input: { staffMemberId: 'staff-1', expectedVersion: 1, endedOn: '2026-07-31' } }, await asSite('site-staff'));
    expectError(stale, 'endStaffMember', { code: 'CONFLICT', field: 'input.expectedVersion', currentVersion: 2 });
    expect(await stored('site-staff')).toEqual(after);
  });

  test.each(NOT_THE_SITE)("%s %s may not end the site's staff (FORBIDDEN), and nothing changes", async (party, orgId) => {
    const before = await stored('site-staff');
    const response = await sites.query(END_STAFF, { input: { staffMemberId: 'staff-2', expectedVersion: 1, endedOn: '2026-06-30' } }, await as(party, orgId));
    expectError(response, 'endStaffMember', { code: 'FORBIDDEN', rule: 'site-writes-own-data' });
    expect(await stored('site-staff')).toEqual(before);
  });

  test('another site is FORBIDDEN even when its input is bad: how input is judged tells it nothing, nor whose member it is', async () => {
    const response = await sites.query(END_STAFF, { input: { staffMemberId: 'staff-2', expectedVersion: 1, endedOn: '1999-01-01' } }, await asSite('site-other'));
    expectError(response, 'endStaffMember', { code: 'FORBIDDEN', rule: 'site-writes-own-data', field: 'input.staffMemberId' });
    expect(response.errors![0].message).toBe('Only its own site may end its staff members; input.staffMemberId names no staff member of SITE site-other');
  });

  test.each([
    ['ending', END_STAFF, 'endStaffMember', { expectedVersion: 1, endedOn: '2026-06-30' }],
    ['a training for', RECORD_TRAINING, 'recordTraining', { name: 'GCP refresher', completedOn: '2026-05-01' }],
  ] as const)("%s a member that does not exist is refused as another site's member is: the same FORBIDDEN, word for word", async (_, mutation, path, input) => {
    const before = await stored('site-staff');
    const missing = await sites.query(mutation, { input: { staffMemberId: 'staff-gone', ...input } }, await asSite('site-other'));
    const others = await sites.query(mutation, { input: { staffMemberId: 'staff-2', ...input } }, await asSite('site-other'));
    expectError(missing, path, { code: 'FORBIDDEN', rule: 'site-writes-own-data', field: 'input.staffMemberId' });
    expect(missing).toEqual(others);
    expect(missing.errors![0].message).not.toContain('staff-gone');
    expect(await stored('site-staff')).toEqual(before);
  });

  test.each([
    ['a day before the member started', { endedOn: '2022-09-14' }, 'input.endedOn'],
  ] as [string, Record<string, unknown>, string][])('ending with %s is BAD_USER_INPUT naming the field', async (_, overrides, field) => {
    const before = await stored('site-staff');
    const response = await sites.query(
      END_STAFF,
      { input: { staffMemberId: 'staff-2', expectedVersion: 1, endedOn: '2026-06-30', ...overrides } },
      await asSite('site-staff'),
    );
    expectError(response, 'endStaffMember', { code: 'BAD_USER_INPUT', field });
    expect(await stored('site-staff')).toEqual(before);
  });

  test('a day the calendar does not have is refused by the Date type, naming the field, and nothing changes', async () => {
    const before = await stored('site-staff');
    const end = await sites.query(END_STAFF, { input: { staffMemberId: 'staff-2', expectedVersion: 1, endedOn: '2026-02-29' } }, await asSite('site-staff'));
    expectRefusedVariable(end, 'input.endedOn');
    const add = await sites.query(ADD_STAFF, { input: { siteId: 'site-staff', role: 'PHARMACIST', fte: 0.5, startedOn: '2025-04-31' } }, await asSite('site-staff'));
    expectRefusedVariable(add, 'input.startedOn');
    const blackout = await sites.query(
      SET_CAPACITY,
      { input: { siteId: 'site-staff', expectedVersion: before.version, maxConcurrentTrials: 4, coordinatorFte: 1, weeklyVisitSlots: 10, blackoutPeriods: [{ startsOn: '2026-02-30', endsOn: '2026-03-02' }] } },
      await asSite('site-staff'),
    );
    expectRefusedVariable(blackout, 'input.blackoutPeriods[0].startsOn');
    expect(await stored('site-staff')).toEqual(before);
  });

  test('an end that fails after claiming the version leaves the member as it was', async () => {
    const before = await stored('site-trap');
    const response = await sites.query(END_STAFF, { input: { staffMemberId: 'staff-trap', expectedVersion: 1, endedOn: '2026-06-30' } }, await asSite('site-trap'));
    expect(response.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await stored('site-trap')).toEqual(before);
    expect(before.staff[0]).toMatchObject({ id: 'staff-trap', version: 1, endedOn: null });
  });

  test('the site records trainings; two in one request each see the trainings stored before them', async () => {
    const response = await sites.query(
      `mutation($first: RecordTrainingInput!, $second: RecordTrainingInput!) {
        first: recordTraining(input: $first) { id version trainings { name completedOn expiresOn } }
        second: recordTraining(input: $second) { id version trainings { name completedOn expiresOn } }
      }`,
      {
        first: { staffMemberId: 'staff-2', name: '  IATA dangerous goods ', completedOn: '2026-03-01', expiresOn: '2028-03-01' },
        second: { staffMemberId: 'staff-2', name: 'Informed consent refresher', completedOn: '2026-04-15' },
      },
      await asSite('site-staff'),
    );
    expect(response.errors).toBeUndefined();
    const gcp = { name: 'ICH GCP E6(R3)', completedOn: '2025-02-01', expiresOn: '2028-02-01' };
    const iata = { name: 'IATA dangerous goods', completedOn: '2026-03-01', expiresOn: '2028-03-01' };
    const consent = { name: 'Informed consent refresher', completedOn: '2026-04-15', expiresOn: null };
    expect(response.data.first).toEqual({ id: 'staff-2', version: 1, trainings: [gcp, iata] });
    expect(response.data.second).toEqual({ id: 'staff-2', version: 1, trainings: [gcp, iata, consent] });
    expect((await stored('site-staff')).staff.find((m: any) => m.id === 'staff-2').trainings).toEqual([gcp, iata, consent]);
  });

  test.each(NOT_THE_SITE)('%s %s may not record a training for the site (FORBIDDEN), and none is stored', async (party, orgId) => {
    const before = await stored('site-staff');
    const response = await sites.query(
      RECORD_TRAINING,
      { input: { staffMemberId: 'staff-2', name: 'Forged', completedOn: '2026-01-01' } },
      await as(party, orgId),
    );
    expectError(response, 'recordTraining', { code: 'FORBIDDEN', rule: 'site-writes-own-data' });
    expect(await stored('site-staff')).toEqual(before);
  });

  test.each([
    ['an expiry on the day it was completed', { expiresOn: '2026-05-01' }, 'input.expiresOn'],
    ['an expiry before it was completed', { expiresOn: '2025-05-01' }, 'input.expiresOn'],
    ['a blank name', { name: ' ' }, 'input.name'],
  ])('a training with %s is BAD_USER_INPUT naming the field', async (_, overrides, field) => {
    const before = await stored('site-staff');
    const response = await sites.query(
      RECORD_TRAINING,
      { input: { staffMemberId: 'staff-2', name: 'GCP refresher', completedOn: '2026-05-01', ...overrides } },
      await asSite('site-staff'),
    );
    expectError(response, 'recordTraining', { code: 'BAD_USER_INPUT', field });
    expect(await stored('site-staff')).toEqual(before);
  });
});

test('two writes to the same site in one request: the second answers what it stored, not what the first left in the request', async () => {
  // Seeded at version 1, so the first write leaves version 2, which the second names.
  const capacity = (expectedVersion: number, maxConcurrentTrials: number, blackoutPeriods: object[]) => ({
    siteId: 'site-twice',
    expectedVersion,
    maxConcurrentTrials,
    coordinatorFte: 2,
    weeklyVisitSlots: 30,
    blackoutPeriods,
  });
  const easter = { startsOn: '2027-03-22', endsOn: '2027-03-29', reason: 'Easter' };
  const audit = { startsOn: '2027-05-10', endsOn: '2027-05-12', reason: 'Sponsor audit' };
  const fields = 'version capacity { maxConcurrentTrials blackoutPeriods { startsOn endsOn reason } }';
  const response = await sites.query(
    `mutation($a: SetSiteCapacityInput!, $b: SetSiteCapacityInput!) {
      a: setSiteCapacity(input: $a) { ${fields} }
      b: setSiteCapacity(input: $b) { ${fields} }
    }`,
    { a: capacity(1, 4, [easter]), b: capacity(2, 7, [audit]) },
    await asSite('site-twice'),
  );
  expect(response.errors).toBeUndefined();
  expect(response.data.a).toEqual({ version: 2, capacity: { maxConcurrentTrials: 4, blackoutPeriods: [easter] } });
  expect(response.data.b).toEqual({ version: 3, capacity: { maxConcurrentTrials: 7, blackoutPeriods: [audit] } });
  // Read again in a request of its own: what b answered is what is stored.
  const again = await stored('site-twice');
  expect({ version: again.version, capacity: { maxConcurrentTrials: again.capacity.maxConcurrentTrials, blackoutPeriods: again.capacity.blackoutPeriods } }).toEqual(
    response.data.b,
  );
});

test('a token without the write scope may not write, even for its own site', async () => {
  const before = await stored('site-staff');
  const response = await sites.query(
    ADD_STAFF,
    { input: { siteId: 'site-staff', role: 'PHARMACIST', fte: 0.5, startedOn: '2026-10-01' } },
    await as('SITE', 'site-staff', { scopes: ['read'] }),
  );
  expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'token-scope' });
  expect(await stored('site-staff')).toEqual(before);
});
