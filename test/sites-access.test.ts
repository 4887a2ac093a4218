// Who sees what of a site, on the whole stack (the PARTNERS rule asks the sponsors and cros
// subgraphs): directory fields for everyone, staff, capacity and assets by the site's sharing
// policy, the policy itself for the site and admins. Asked through the gateway and, for
// _entities, of the sites subgraph directly: the direct answer holds no more than the gateway's.
import { generateDemoDataset } from '../seed/generate';
import type { SiteRecord } from '../seed/model';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, type GraphQLResponse } from './support/subgraph-harness';
import { as } from './support/tokens';
import { visibilityOracle } from './support/visibility-oracle';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const engagementById = new Map(dataset.engagements.map((engagement) => [engagement.id, engagement]));
const partnersOf = (siteId: string) => new Set(dataset.partnerships.filter((p) => p.siteId === siteId).map((p) => p.sponsorId));
const visitorsOf = (siteId: string) =>
  new Set(dataset.monitoringVisits.filter((v) => v.siteId === siteId).map((v) => engagementById.get(v.engagementId)!.croId));
const crosWithStaffAt = (siteId: string) => new Set(dataset.staffAssignments.filter((a) => a.siteId === siteId).map((a) => a.croId));
const crosAt = (siteId: string) => new Set([...visitorsOf(siteId), ...crosWithStaffAt(siteId)]);

// The sites the rules are tried on, chosen from the dataset for the relationships they need.
// PARTNERS: a site with partner and non-partner sponsors, and one CRO working there but not the other.
const partnersSite = dataset.sites.find(
  (site) => partnersOf(site.id).size > 0 && partnersOf(site.id).size < dataset.sponsors.length && crosAt(site.id).size === 1,
)!;
// A CRO is a partner through staff on site alone, without a visit.
const staffOnlySite = dataset.sites.find(
  (site) => site !== partnersSite && [...crosWithStaffAt(site.id)].some((cro) => !visitorsOf(site.id).has(cro)),
)!;
const staffOnlyCro = [...crosWithStaffAt(staffOnlySite.id)].find((cro) => !visitorsOf(staffOnlySite.id).has(cro))!;
const siteOnlySite = dataset.sites.find((site) => ![partnersSite, staffOnlySite].includes(site) && crosAt(site.id).size > 0)!;
const openSite = dataset.sites.find((site) => ![partnersSite, staffOnlySite, siteOnlySite].includes(site))!;

const policy = (audience: SiteRecord['sharingPolicy']['staff']) => ({ capacity: audience, staff: audience, assets: audience });
partnersSite.sharingPolicy = policy('PARTNERS');
staffOnlySite.sharingPolicy = policy('PARTNERS');
siteOnlySite.sharingPolicy = policy('SITE_ONLY');
openSite.sharingPolicy = policy('ALL_AUTHENTICATED');

const partnerSponsor = [...partnersOf(partnersSite.id)][0];
const otherSponsor = dataset.sponsors.find((sponsor) => !partnersOf(partnersSite.id).has(sponsor.id))!.id;
const workingCro = [...crosAt(partnersSite.id)][0];
const otherCro = dataset.cros.find((cro) => !crosAt(partnersSite.id).has(cro.id))!.id;
const otherSite = openSite.id;
const advocate = dataset.advocacyGroups[0].id;

type Caller = [PartyKind, string];
const oracle = visibilityOracle(dataset);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 300_000);
afterAll(() => stack?.shutdown());

async function ask(caller: Caller, query: string, variables: Record<string, unknown> = {}, url = stack.gatewayUrl) {
  return postGraphQL(url, query, variables, await as(...caller));
}

const PARTS = `staff { id role trainings { name } } capacity { maxConcurrentTrials blackoutPeriods { startsOn } } assets { id fundedBy { id } }`;
const SITE_PARTS = `query($id: ID!) { site(id: $id) { id name ${PARTS} } }`;

const by = <T>(...keys: ((item: T) => string)[]) => (a: T, b: T) => {
  for (const key of keys) if (key(a) !== key(b)) return key(a) < key(b) ? -1 : 1;
  return 0;
};

/** The operational parts as the dataset holds them, in the shape and order SITE_PARTS answers. */
function partsOf(site: SiteRecord) {
  return {
    staff: [...site.staff].sort(by((m) => m.startedOn, (m) => m.id)).map((m) => ({
      id: m.id,
      role: m.role,
      trainings: [...m.trainings].sort(by((t) => t.completedOn)).map((t) => ({ name: t.name })),
    })),
    capacity: {
      maxConcurrentTrials: site.capacity.maxConcurrentTrials,
      blackoutPeriods: [...site.capacity.blackoutPeriods].sort(by((p) => p.startsOn)).map((p) => ({ startsOn: p.startsOn })),
    },
    assets: [...site.assets].sort(by((a) => a.id)).map((a) => ({ id: a.id, fundedBy: a.fundedBySponsorId ? { id: a.fundedBySponsorId } : null })),
  };
}

/** The refusals in an answer as `path: rule`; any error that is not a refusal fails the test. */
function refusals(response: GraphQLResponse): string[] {
  return (response.errors ?? [])
    .map((error) => {
      expect(error.extensions?.code).toBe('FORBIDDEN');
      return `${(error.path ?? []).join('.')}: ${error.extensions?.rule}`;
    })
    .sort();
}

test('the sites chosen have the relationships the rules need', () => {
  expect([partnersSite, staffOnlySite, siteOnlySite, openSite].every(Boolean)).toBe(true);
  expect(partnersOf(partnersSite.id).has(partnerSponsor) && !partnersOf(partnersSite.id).has(otherSponsor)).toBe(true);
  expect(crosAt(partnersSite.id).has(workingCro) && !crosAt(partnersSite.id).has(otherCro)).toBe(true);
  // Another site's partner and worker, so a refusal at partnersSite is about partnersSite alone.
  expect(dataset.partnerships.some((p) => p.sponsorId === otherSponsor)).toBe(true);
  expect(crosAt(siteOnlySite.id).size).toBeGreaterThan(0);
  expect(partnersSite.staff.length * partnersSite.assets.length * siteOnlySite.staff.length).toBeGreaterThan(0);
});

describe('directory fields', () => {
  const DIRECTORY = `query($id: ID!) { site(id: $id) { id name kind address { city countryCode } geo { lat lon } timezone languages therapeuticAreas communitiesServed } }`;
  test.each<Caller>([
    ['SITE', otherSite],
    ['SPONSOR', otherSponsor],
    ['CRO', otherCro],
    ['PATIENT_ADVOCATE', advocate],
    ['PLATFORM_ADMIN', 'platform'],
  ])('%s %s reads a SITE_ONLY site\'s directory fields without an error', async (...caller) => {
    const response = await ask(caller, DIRECTORY, { id: siteOnlySite.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.site).toEqual({
      id: siteOnlySite.id,
      name: siteOnlySite.name,
      kind: siteOnlySite.kind,
      address: { city: siteOnlySite.city, countryCode: siteOnlySite.countryCode },
      geo: { lat: siteOnlySite.lat, lon: siteOnlySite.lon },
      timezone: siteOnlySite.timezone,
      languages: siteOnlySite.languages,
      therapeuticAreas: siteOnlySite.therapeuticAreas,
      communitiesServed: siteOnlySite.communitiesServed,
    });
  });

  test('the root list counts and lists every site for any caller: the directory is open', async () => {
    const response = await ask(['PATIENT_ADVOCATE', advocate], `{ sites(first: 100) { totalCount edges { node { id } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.sites.totalCount).toBe(dataset.sites.length);
    expect(response.data.sites.edges.map((e: any) => e.node.id).sort()).toEqual(dataset.sites.map((s) => s.id).sort());
  });
});

describe('staff, capacity and assets', () => {
  const refusedAll = ['site.assets: site-sharing-policy', 'site.capacity: site-sharing-policy', 'site.staff: site-sharing-policy'];

  test.each<[string, Caller]>([
    ['the site itself', ['SITE', partnersSite.id]],
    ['a platform admin', ['PLATFORM_ADMIN', 'platform']],
    ['a sponsor in partnership with it', ['SPONSOR', partnerSponsor]],
    ['a CRO that works there', ['CRO', workingCro]],
  ])('a PARTNERS site shows them to %s', async (_, caller) => {
    const response = await ask(caller, SITE_PARTS, { id: partnersSite.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.site).toEqual({ id: partnersSite.id, name: partnersSite.name, ...partsOf(partnersSite) });
  });

  test('a CRO with staff on a PARTNERS site, but no visit, is a partner too', async () => {
    const response = await ask(['CRO', staffOnlyCro], SITE_PARTS, { id: staffOnlySite.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.site).toEqual({ id: staffOnlySite.id, name: staffOnlySite.name, ...partsOf(staffOnlySite) });
  });

  test.each<[string, Caller]>([
    ['a sponsor that is not its partner', ['SPONSOR', otherSponsor]],
    ['a CRO that does not work there', ['CRO', otherCro]],
    ['a patient advocate', ['PATIENT_ADVOCATE', advocate]],
    ['another site', ['SITE', otherSite]],
  ])('a PARTNERS site refuses them to %s: null, FORBIDDEN on each path, naming the rule and the caller, not the policy', async (_, [party, orgId]) => {
    const response = await ask([party, orgId], SITE_PARTS, { id: partnersSite.id });
    expect(response.data.site).toEqual({ id: partnersSite.id, name: partnersSite.name, staff: null, capacity: null, assets: null });
    expect(refusals(response)).toEqual(refusedAll);
    const staff = response.errors!.find((e) => e.path?.join('.') === 'site.staff')!;
    expect(staff.message).toBe(`Site ${partnersSite.id} shares its staff only with whom its sharing policy names; ${party} ${orgId} is not among them`);
  });

  test.each<Caller>([
    ['SPONSOR', [...partnersOf(siteOnlySite.id)][0]],
    ['CRO', [...crosAt(siteOnlySite.id)][0]],
    ['SITE', otherSite],
    ['PATIENT_ADVOCATE', advocate],
  ])('a SITE_ONLY site refuses them to %s %s, its partners included', async (party, orgId) => {
    const response = await ask([party, orgId], SITE_PARTS, { id: siteOnlySite.id });
    expect(response.data.site).toMatchObject({ staff: null, capacity: null, assets: null });
    expect(refusals(response)).toEqual(refusedAll);
    expect(response.errors!.find((e) => e.path?.join('.') === 'site.capacity')!.message).toBe(
      `Site ${siteOnlySite.id} shares its capacity only with whom its sharing policy names; ${party} ${orgId} is not among them`,
    );
  });

  test.each<Caller>([
    ['SITE', siteOnlySite.id],
    ['PLATFORM_ADMIN', 'platform'],
  ])('a SITE_ONLY site shows them to %s %s', async (...caller) => {
    const response = await ask(caller, SITE_PARTS, { id: siteOnlySite.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.site).toEqual({ id: siteOnlySite.id, name: siteOnlySite.name, ...partsOf(siteOnlySite) });
  });

  test.each<Caller>([
    ['SITE', partnersSite.id],
    ['SPONSOR', otherSponsor],
    ['CRO', otherCro],
    ['PATIENT_ADVOCATE', advocate],
  ])('an ALL_AUTHENTICATED site shows them to %s %s', async (...caller) => {
    const response = await ask(caller, SITE_PARTS, { id: openSite.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.site).toEqual({ id: openSite.id, name: openSite.name, ...partsOf(openSite) });
  });

  test.each<Caller>([
    ['SITE', partnersSite.id],
    ['SPONSOR', otherSponsor],
    ['CRO', otherCro],
    ['PATIENT_ADVOCATE', advocate],
  ])('in a list of every site, %s %s sees each part exactly where the policy and its relationships allow', async (party, orgId) => {
    const caller = { party, orgId };
    const response = await ask([party, orgId], `query($n: Int) { sites(first: $n) { totalCount edges { node { id ${PARTS} } } } }`, { n: dataset.sites.length });
    const { edges, totalCount } = response.data.sites;
    expect(totalCount).toBe(dataset.sites.length);
    expect(edges).toHaveLength(dataset.sites.length);
    const expectedRefusals: string[] = [];
    edges.forEach(({ node }: any, i: number) => {
      const site = dataset.sites.find((s) => s.id === node.id)!;
      const parts = partsOf(site);
      for (const part of ['staff', 'capacity', 'assets'] as const) {
        if (oracle.seesSitePart(caller, site, part)) expect(node[part]).toEqual(parts[part]);
        else {
          expect(node[part]).toBeNull();
          expectedRefusals.push(`sites.edges.${i}.node.${part}: site-sharing-policy`);
        }
      }
    });
    expect(refusals(response)).toEqual(expectedRefusals.sort());
    // The list holds both kinds, so the comparison above is not vacuous.
    expect(expectedRefusals.length).toBeGreaterThan(0);
    expect(expectedRefusals.length).toBeLessThan(edges.length * 3);
  });
});

describe('sharingPolicy', () => {
  const POLICY = `query($id: ID!) { site(id: $id) { id sharingPolicy { capacity staff assets } } }`;

  test.each<Caller>([
    ['SITE', partnersSite.id],
    ['PLATFORM_ADMIN', 'platform'],
  ])('%s %s reads it', async (...caller) => {
    const response = await ask(caller, POLICY, { id: partnersSite.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.site.sharingPolicy).toEqual(policy('PARTNERS'));
  });

  test.each<Caller>([
    ['SITE', otherSite],
    ['SPONSOR', partnerSponsor],
    ['CRO', workingCro],
    ['PATIENT_ADVOCATE', advocate],
  ])('%s %s gets null and FORBIDDEN (site-only), even where it sees every part', async (party, orgId) => {
    const response = await ask([party, orgId], POLICY, { id: partnersSite.id });
    expect(response.data.site).toEqual({ id: partnersSite.id, sharingPolicy: null });
    expect(refusals(response)).toEqual(['site.sharingPolicy: site-only']);
    expect(response.errors![0].message).toBe(
      `Only site ${partnersSite.id} itself and platform admins see its sharing policy; the caller is ${party} ${orgId}`,
    );
  });
});

describe('through other subgraphs and directly', () => {
  test('a sponsor reaching sites through its partnerships sees capacity where each site shares it', async () => {
    const caller = { party: 'SPONSOR' as const, orgId: partnerSponsor };
    const response = await ask(
      [caller.party, caller.orgId],
      `query($id: ID!) { sponsor(id: $id) { partnerships { site { id capacity { maxConcurrentTrials } } } } }`,
      { id: partnerSponsor },
    );
    const partnerships = response.data.sponsor.partnerships as { site: { id: string; capacity: unknown } }[];
    const own = dataset.partnerships.filter((p) => p.sponsorId === partnerSponsor).map((p) => p.siteId);
    expect(partnerships.map((p) => p.site.id).sort()).toEqual(own.sort());
    const refused = partnerships.flatMap((p, i) => {
      const site = dataset.sites.find((s) => s.id === p.site.id)!;
      if (oracle.seesSitePart(caller, site, 'capacity')) {
        expect(p.site.capacity).toEqual({ maxConcurrentTrials: site.capacity.maxConcurrentTrials });
        return [];
      }
      expect(p.site.capacity).toBeNull();
      return [`sponsor.partnerships.${i}.site.capacity: site-sharing-policy`];
    });
    expect(refusals(response)).toEqual(refused.sort());
  });

  test.each<Caller>([
    ['SPONSOR', partnerSponsor],
    ['SPONSOR', otherSponsor],
    ['CRO', workingCro],
    ['CRO', otherCro],
    ['SITE', partnersSite.id],
    ['SITE', otherSite],
    ['PATIENT_ADVOCATE', advocate],
    ['PLATFORM_ADMIN', 'platform'],
  ])('_entities on the sites subgraph gives %s %s exactly what the gateway gives, refusals included', async (party, orgId) => {
    const ids = [partnersSite.id, siteOnlySite.id, openSite.id];
    const fields = `id name ${PARTS} sharingPolicy { staff }`;
    const direct = await ask(
      [party, orgId],
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { ${fields} } } }`,
      { r: ids.map((id) => ({ __typename: 'Site', id })) },
      stack.subgraphUrls.sites,
    );
    const viaGateway = await ask(
      [party, orgId],
      `query($a: ID!, $b: ID!, $c: ID!) { a: site(id: $a) { ${fields} } b: site(id: $b) { ${fields} } c: site(id: $c) { ${fields} } }`,
      { a: ids[0], b: ids[1], c: ids[2] },
    );
    expect(direct.data._entities).toEqual([viaGateway.data.a, viaGateway.data.b, viaGateway.data.c]);
    const alias = { a: 0, b: 1, c: 2 } as Record<string, number>;
    expect(refusals(direct)).toEqual(refusals(viaGateway).map((r) => r.replace(/^([abc])\./, (_, a) => `_entities.${alias[a]}.`)).sort());
  });
});

describe('asking the owners of relationships', () => {
  const count = (caller: Caller, siteId: string) => stack.countStatements(() => ask(caller, SITE_PARTS, { id: siteId }));

  test('the sponsors subgraph is asked only for a sponsor caller on a PARTNERS site, the cros subgraph only for a CRO', async () => {
    const sponsor = await count(['SPONSOR', otherSponsor], partnersSite.id);
    expect(sponsor.sponsors).toBeGreaterThan(0);
    expect(sponsor.cros).toBe(0);
    const cro = await count(['CRO', otherCro], partnersSite.id);
    expect(cro.cros).toBeGreaterThan(0);
    expect(cro.sponsors).toBe(0);
    // Never for the site itself, an admin, a policy that needs no relationship, or a caller that cannot be a partner.
    for (const [caller, siteId] of [
      [['SITE', partnersSite.id], partnersSite.id],
      [['PLATFORM_ADMIN', 'platform'], partnersSite.id],
      [['PATIENT_ADVOCATE', advocate], partnersSite.id],
      [['SPONSOR', otherSponsor], openSite.id],
      [['SPONSOR', otherSponsor], siteOnlySite.id],
    ] as [Caller, string][]) {
      expect(await count(caller, siteId)).toMatchObject({ sponsors: 0, cros: 0 });
    }
  });

  // Sites shown at once (the caller's own, ALL_AUTHENTICATED) and those shown once the owner has
  // answered load in two batches at most; the owner is asked once for the whole page.
  test('a page of 20 sites costs at most two statements per list, and one relationship check, as a page of 5 does', async () => {
    const page = (first: number) => () => ask(['SPONSOR', otherSponsor], `query($n: Int) { sites(first: $n) { edges { node { id ${PARTS} } } } }`, { n: first });
    const five = await stack.countStatements(page(5));
    const twenty = await stack.countStatements(page(20));
    // The page and its count, then staff, trainings, assets and blackout periods.
    const mostSites = 2 + 2 * 4;
    expect(five.sites).toBeLessThanOrEqual(mostSites);
    expect(twenty.sites).toBeLessThanOrEqual(mostSites);
    expect(twenty.sites).toBeGreaterThanOrEqual(five.sites);
    expect({ ...twenty, sites: 0 }).toEqual({ ...five, sites: 0 });
    expect(twenty.sponsors).toBeGreaterThan(0);
  });
});
