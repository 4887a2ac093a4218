// The leakage matrix. Two organisations of each party kind, chosen from the dataset so that their
// relationships overlap in places and are separate in others, and a platform admin, each run every
// flagship operation (for two subjects each) through the gateway and a direct `_entities` call on
// every subgraph. Each answer must hold exactly what the rules allow: the ids and rows are compared
// with test/support/visibility-oracle.ts, which states the rules a second time over the dataset.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset, SiteRecord, TrialRecord } from '../seed/model';
import type { Party } from '../platform/config';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, type GraphQLResponse } from './support/subgraph-harness';
import { as } from './support/tokens';
import { type TestCaller, visibilityOracle } from './support/visibility-oracle';

const QUERIES_DIR = resolve(__dirname, '..', '..', 'shared', 'queries');
const operation = (file: string) => readFileSync(resolve(QUERIES_DIR, file), 'utf8');
const K = 11;

const dataset: DemoDataset = generateDemoDataset({ seed: 42, scale: 0.2 });
const oracle = visibilityOracle(dataset);
const trialById = new Map(dataset.trials.map((trial) => [trial.id, trial]));
const siteById = new Map(dataset.sites.map((site) => [site.id, site]));
const sponsorOf = (trialId: string) => trialById.get(trialId)!.sponsorId;
const count = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};
const busiest = (counts: Map<string, number>, exclude: string[] = []) =>
  [...counts.entries()].filter(([id]) => !exclude.includes(id)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];

// Sponsor 1 runs the most trial sites; site 1 runs trials of sponsor 1 and of the most other
// sponsors; sponsor 2 is the other sponsor busiest at site 1 (so the two overlap there); site 2 runs
// sponsor 1's trials but none of sponsor 2's (separate).
const sponsor1 = busiest(count(dataset.trialSites, (row) => sponsorOf(row.trialId)));
const sponsorsAtSite = (siteId: string) => new Set(dataset.trialSites.filter((row) => row.siteId === siteId).map((row) => sponsorOf(row.trialId)));
const site1 = [...siteById.keys()]
  .filter((siteId) => sponsorsAtSite(siteId).has(sponsor1))
  .sort((a, b) => sponsorsAtSite(b).size - sponsorsAtSite(a).size || (a < b ? -1 : 1))[0];
const sponsor2 = busiest(count(dataset.trialSites.filter((row) => row.siteId === site1), (row) => sponsorOf(row.trialId)), [sponsor1]);
const site2 = [...siteById.keys()].find((siteId) => siteId !== site1 && sponsorsAtSite(siteId).has(sponsor1) && !sponsorsAtSite(siteId).has(sponsor2))!;
const trialOf = (sponsorId: string) =>
  dataset.trialSites
    .filter((row) => row.siteId === site1 && sponsorOf(row.trialId) === sponsorId)
    .map((row) => trialById.get(row.trialId)!)
    .sort((a, b) => dataset.engagements.filter((e) => e.trialId === b.id).length - dataset.engagements.filter((e) => e.trialId === a.id).length || (a.id < b.id ? -1 : 1))[0];
const trial1 = trialOf(sponsor1);
const trial2 = trialOf(sponsor2);
const cro1 = dataset.engagements.find((engagement) => engagement.trialId === trial1.id)?.croId ?? dataset.cros[0].id;
const cro2 = dataset.engagements.find((engagement) => engagement.trialId === trial2.id && engagement.croId !== cro1)?.croId ??
  dataset.cros.find((cro) => cro.id !== cro1)!.id;
const advocate1 = dataset.advocateReviews.find((review) => review.trialId === trial1.id)?.advocacyGroupId ?? dataset.advocacyGroups[0].id;
const advocate2 = dataset.advocacyGroups.find((group) => group.id !== advocate1)!.id;

const CALLERS: TestCaller[] = [
  { party: 'SITE', orgId: site1 },
  { party: 'SITE', orgId: site2 },
  { party: 'SPONSOR', orgId: sponsor1 },
  { party: 'SPONSOR', orgId: sponsor2 },
  { party: 'CRO', orgId: cro1 },
  { party: 'CRO', orgId: cro2 },
  { party: 'PATIENT_ADVOCATE', orgId: advocate1 },
  { party: 'PATIENT_ADVOCATE', orgId: advocate2 },
  { party: 'PLATFORM_ADMIN', orgId: 'platform' },
];
const name = (caller: TestCaller) => `${caller.party} ${caller.orgId}`;

let stack: TestStack;
let probes = 0;
beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 300_000);
afterAll(async () => {
  await stack?.shutdown();
  console.info(`Leakage matrix: ${CALLERS.length} callers x (9 flagship runs + 4 direct _entities calls) = ${probes} probes`);
});

async function ask(caller: TestCaller, query: string, variables: Record<string, unknown>, url?: string): Promise<GraphQLResponse> {
  probes += 1;
  const headers = await as(caller.party, caller.orgId);
  return url ? postGraphQL(url, query, variables, headers) : stack.query(query, variables, headers);
}

/** The paths of the refusals in an answer; any error that is not a refusal fails the test. */
function refusals(response: GraphQLResponse): string[] {
  for (const error of response.errors ?? []) {
    expect({ message: error.message, code: error.extensions?.code, rule: typeof error.extensions?.rule }).toEqual({
      message: error.message,
      code: 'FORBIDDEN',
      rule: 'string',
    });
  }
  return (response.errors ?? []).map((error) => (error.path ?? []).join('.')).sort();
}

/** What an aggregate must look like: refused, suppressed, or the exact number of respondents. */
function expectAggregate(actual: any, scopeCount: number | null, path: string, refused: string[]) {
  if (scopeCount === null) {
    expect(actual).toBeNull();
    expect(refused).toContain(path);
  } else if (scopeCount < K) {
    expect(actual).toMatchObject({ suppressed: true, respondents: null });
  } else if (!actual.suppressed) {
    // Not suppressed: the figure is over exactly the caller's scope. (It may still be suppressed
    // when a narrower scope would reveal a small group by subtraction.)
    expect(actual.respondents).toBe(scopeCount);
  }
}

const sorted = (values: string[]) => [...values].sort();

describe.each(CALLERS.map((caller) => [name(caller), caller] as const))('%s', (_, caller) => {
  test('SitesInCountry: every site in the country, with only the parts and rows this caller may see', async () => {
    const countryCode = siteById.get(site1)!.countryCode;
    const response = await ask(caller, operation('sites-in-country.graphql'), { countryCode, first: 100 });
    const refused = refusals(response);
    const inCountry = dataset.sites.filter((site) => site.countryCode === countryCode);
    const { edges, totalCount } = response.data.sites;
    expect(totalCount).toBe(inCountry.length);
    expect(sorted(edges.map((edge: any) => edge.node.id))).toEqual(sorted(inCountry.map((site) => site.id)));
    const expectedRefusals: string[] = [];
    edges.forEach(({ node }: any, i: number) => {
      const site = siteById.get(node.id)!;
      const path = `sites.edges.${i}.node`;
      if (oracle.seesSitePart(caller, site, 'capacity')) expect(node.capacity).toEqual(expect.objectContaining({ maxConcurrentTrials: site.capacity.maxConcurrentTrials }));
      else (expect(node.capacity).toBeNull(), expectedRefusals.push(`${path}.capacity`));
      const rows = dataset.trialSites.filter((row) => row.siteId === site.id && oracle.seesTrialSite(caller, row));
      expect(sorted(node.trials.map((row: any) => row.trial.id))).toEqual(sorted(rows.map((row) => row.trialId)));
      const visits = dataset.monitoringVisits.filter((visit) => visit.siteId === site.id && oracle.seesMonitoringVisit(caller, visit));
      expect(sorted(node.monitoringVisits.map((visit: any) => `${visit.visitedOn} ${visit.kind}`))).toEqual(sorted(visits.map((visit) => `${visit.visitedOn} ${visit.kind}`)));
      const scope = oracle.siteAggregateScope(caller, site.id);
      if (scope === null) expectedRefusals.push(`${path}.patientExperience`);
      expectAggregate(node.patientExperience, scope && oracle.respondents({ siteId: site.id, ...scope }), `${path}.patientExperience`, refused);
    });
    expect(refused).toEqual(expectedRefusals.sort());
  });

  test.each([
    ['sponsor 1\'s trial', () => trial1],
    ['sponsor 2\'s trial', () => trial2],
  ])('TrialOverview of %s: the trial only by relationship, and within it only the caller\'s rows', async (_, trialOfCase) => {
    const trial: TrialRecord = trialOfCase();
    const response = await ask(caller, operation('trial-overview.graphql'), { nctId: trial.nctId });
    const refused = refusals(response);
    if (!oracle.seesTrial(caller, trial.id)) {
      // Refused by the owner; the other subgraphs' fields are never asked for.
      expect(response.data.trial).toBeNull();
      expect(refused).toEqual(['trial']);
      return;
    }
    const answer = response.data.trial;
    expect(answer).toMatchObject({ id: trial.id, nctId: trial.nctId, sponsor: { id: trial.sponsorId } });
    expect(answer.protocol).not.toBeNull();
    const engagements = dataset.engagements.filter((engagement) => engagement.trialId === trial.id && oracle.seesEngagement(caller, engagement));
    expect(sorted(answer.engagements.map((engagement: any) => engagement.cro.id))).toEqual(sorted(engagements.map((engagement) => engagement.croId)));
    const rows = dataset.trialSites.filter((row) => row.trialId === trial.id && oracle.seesTrialSite(caller, row));
    expect(sorted(answer.sites.map((row: any) => row.site.id))).toEqual(sorted(rows.map((row) => row.siteId)));
    const reviews = dataset.advocateReviews.filter((review) => review.trialId === trial.id && oracle.seesAdvocateReview(caller, review));
    expect(answer.advocateReviews.map((review: any) => review.reviewedOn).sort()).toEqual(reviews.map((review) => review.reviewedOn).sort());
    const scope = oracle.trialAggregateScope(caller, trial);
    expectAggregate(answer.patientExperience, scope && oracle.respondents({ trialId: trial.id, ...scope }), 'trial.patientExperience', refused);
    expect(refused).toEqual(scope === null ? ['trial.patientExperience'] : []);
  });

  test.each([
    ['site 1', () => site1],
    ['site 2', () => site2],
  ])('SitePartnerships of %s: staff by the site\'s policy, partnerships, pipeline and monitors by relationship', async (_, siteOfCase) => {
    const site: SiteRecord = siteById.get(siteOfCase())!;
    const response = await ask(caller, operation('site-partnerships.graphql'), { siteId: site.id });
    const refused = refusals(response);
    const answer = response.data.site;
    expect(answer).toMatchObject({ id: site.id, name: site.name });
    const seesStaff = oracle.seesSitePart(caller, site, 'staff');
    if (seesStaff) expect(answer.staff).toHaveLength(site.staff.length);
    else expect(answer.staff).toBeNull();
    expect(refused).toEqual(seesStaff ? [] : ['site.staff']);
    const partnerships = dataset.partnerships.filter((partnership) => partnership.siteId === site.id && oracle.seesPartnership(caller, partnership));
    expect(sorted(answer.partnerships.map((partnership: any) => partnership.sponsor.id))).toEqual(sorted(partnerships.map((partnership) => partnership.sponsorId)));
    const pipeline = dataset.pipeline.filter((programme) => programme.sharedWithSiteIds.includes(site.id) && (oracle.seesProgramme(caller, programme) && (caller.party !== 'SITE' || caller.orgId === site.id)));
    expect(sorted(answer.sharedPipeline.map((programme: any) => `${programme.sponsor.name} ${programme.indication} ${programme.plannedStartQuarter}`))).toEqual(
      sorted(pipeline.map((programme) => `${dataset.sponsors.find((sponsor) => sponsor.id === programme.sponsorId)!.name} ${programme.indication} ${programme.plannedStartQuarter}`)),
    );
    const assignments = dataset.staffAssignments.filter((assignment) => assignment.siteId === site.id && oracle.seesStaffAssignment(caller, assignment));
    expect(sorted(answer.staffAssignments.map((assignment: any) => `${assignment.trial.nctId} ${assignment.startedOn} ${assignment.role}`))).toEqual(
      sorted(assignments.map((assignment) => `${trialById.get(assignment.trialId)!.nctId} ${assignment.startedOn} ${assignment.role}`)),
    );
  });

  test.each([
    ['CRO 1', () => cro1],
    ['CRO 2', () => cro2],
  ])('CroPortfolio of %s: the directory for all, engagements for the CRO and each engagement\'s sponsor', async (_, croOfCase) => {
    const croId: string = croOfCase();
    const response = await ask(caller, operation('cro-portfolio.graphql'), { croId });
    expect(refusals(response)).toEqual([]);
    const answer = response.data.cro;
    expect(answer).toMatchObject({ id: croId, name: dataset.cros.find((cro) => cro.id === croId)!.name });
    const engagements = dataset.engagements.filter((engagement) => engagement.croId === croId && oracle.seesEngagement(caller, engagement));
    expect(sorted(answer.engagements.map((engagement: any) => `${engagement.sponsor.id} ${engagement.trial.nctId}`))).toEqual(
      sorted(engagements.map((engagement) => `${engagement.sponsorId} ${trialById.get(engagement.trialId)!.nctId}`)),
    );
  });

  test.each([
    ['sponsor 1', () => sponsor1],
    ['sponsor 2', () => sponsor2],
  ])('SponsorFeedback of %s: pipeline, trials and feedback only by relationship', async (_, sponsorOfCase) => {
    const sponsorId: string = sponsorOfCase();
    const response = await ask(caller, operation('sponsor-feedback.graphql'), { sponsorId });
    expect(refusals(response)).toEqual([]);
    const answer = response.data.sponsor;
    expect(answer.id).toBe(sponsorId);
    const programmes = dataset.pipeline.filter((programme) => programme.sponsorId === sponsorId && oracle.seesProgramme(caller, programme));
    expect(sorted(answer.pipeline.map((programme: any) => `${programme.indication} ${programme.plannedStartQuarter}`))).toEqual(
      sorted(programmes.map((programme) => `${programme.indication} ${programme.plannedStartQuarter}`)),
    );
    for (const programme of answer.pipeline) {
      const shared = programme.sharedWith.map((site: any) => site.id);
      if (caller.party === 'SITE') expect(shared).toEqual([caller.orgId]);
    }
    const trials = dataset.trials.filter((trial) => trial.sponsorId === sponsorId && oracle.seesTrial(caller, trial.id));
    expect(sorted(answer.trials.map((trial: any) => trial.nctId))).toEqual(sorted(trials.map((trial) => trial.nctId)));
    const feedback = dataset.feedback.filter((item) => sponsorOf(item.trialId) === sponsorId && oracle.seesTrial(caller, item.trialId) && oracle.seesFeedback(caller, item));
    expect(sorted(answer.trials.flatMap((trial: any) => trial.feedback.map((item: any) => `${trial.nctId} ${new Date(item.raisedAt).toISOString()}`)))).toEqual(
      sorted(feedback.map((item) => `${trialById.get(item.trialId)!.nctId} ${new Date(item.raisedAt).toISOString()}`)),
    );
  });

  // Straight to each subgraph, past the gateway: the same rules, from the owner itself.
  // Sites 1 and 2, then (where the subgraph knows trials) trials 1 and 2.
  const entities = async (party: Party, site: string, trial?: string) => {
    const representations = [site1, site2].map((id) => ({ __typename: 'Site', id }));
    if (trial) representations.push(...[trial1, trial2].map((t) => ({ __typename: 'Trial', id: t.id })));
    const fragments = `... on Site { id ${site} }${trial ? ` ... on Trial { id ${trial} }` : ''}`;
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ${fragments} } }`;
    const response = await ask(caller, query, { representations }, stack.subgraphUrls[party]);
    return { response, refused: refusals(response), data: response.data?._entities as any[] };
  };

  test('_entities on the sites subgraph: each site\'s parts by its sharing policy', async () => {
    const { data, refused } = await entities('sites', 'name capacity { weeklyVisitSlots } staff { id } assets { id }');
    const expected: string[] = [];
    [site1, site2].forEach((siteId, i) => {
      const site = siteById.get(siteId)!;
      expect(data[i]).toMatchObject({ __typename: 'Site', id: siteId, name: site.name });
      for (const part of ['capacity', 'staff', 'assets'] as const) {
        if (oracle.seesSitePart(caller, site, part)) expect(data[i][part]).not.toBeNull();
        else (expect(data[i][part]).toBeNull(), expected.push(`_entities.${i}.${part}`));
      }
    });
    expect(refused).toEqual(expected.sort());
  });

  test('_entities on the sponsors subgraph: trials only by relationship, site rows and partnerships only the caller\'s', async () => {
    const { data, refused } = await entities('sponsors', 'trials { id trial { id } } partnerships { sponsor { id } }', 'nctId sites { site { id } } feedback { id }');
    [site1, site2].forEach((siteId, i) => {
      const rows = dataset.trialSites.filter((row) => row.siteId === siteId && oracle.seesTrialSite(caller, row));
      expect(sorted(data[i].trials.map((row: any) => row.trial.id))).toEqual(sorted(rows.map((row) => row.trialId)));
      const partnerships = dataset.partnerships.filter((partnership) => partnership.siteId === siteId && oracle.seesPartnership(caller, partnership));
      expect(sorted(data[i].partnerships.map((partnership: any) => partnership.sponsor.id))).toEqual(sorted(partnerships.map((partnership) => partnership.sponsorId)));
    });
    const expected: string[] = [];
    [trial1, trial2].forEach((trial, j) => {
      const i = j + 2;
      if (!oracle.seesTrial(caller, trial.id)) {
        expect(data[i]).toBeNull();
        expected.push(`_entities.${i}`);
        return;
      }
      const rows = dataset.trialSites.filter((row) => row.trialId === trial.id && oracle.seesTrialSite(caller, row));
      expect(sorted(data[i].sites.map((row: any) => row.site.id))).toEqual(sorted(rows.map((row) => row.siteId)));
      const feedback = dataset.feedback.filter((item) => item.trialId === trial.id && oracle.seesFeedback(caller, item));
      expect(sorted(data[i].feedback.map((item: any) => item.id))).toEqual(sorted(feedback.map((item) => item.id)));
    });
    expect(refused).toEqual(expected.sort());
  });

  test('_entities on the cros subgraph: engagements, visits and assignments only for their parties', async () => {
    const { data, refused } = await entities('cros', 'monitoringVisits { id } staffAssignments { id }', 'engagements { id }');
    expect(refused).toEqual([]);
    [site1, site2].forEach((siteId, i) => {
      const visits = dataset.monitoringVisits.filter((visit) => visit.siteId === siteId && oracle.seesMonitoringVisit(caller, visit));
      expect(sorted(data[i].monitoringVisits.map((visit: any) => visit.id))).toEqual(sorted(visits.map((visit) => visit.id)));
      const assignments = dataset.staffAssignments.filter((assignment) => assignment.siteId === siteId && oracle.seesStaffAssignment(caller, assignment));
      expect(sorted(data[i].staffAssignments.map((assignment: any) => assignment.id))).toEqual(sorted(assignments.map((assignment) => assignment.id)));
    });
    [trial1, trial2].forEach((trial, j) => {
      const engagements = dataset.engagements.filter((engagement) => engagement.trialId === trial.id && oracle.seesEngagement(caller, engagement));
      expect(sorted(data[j + 2].engagements.map((engagement: any) => engagement.id))).toEqual(sorted(engagements.map((engagement) => engagement.id)));
    });
  });

  test('_entities on the insights subgraph: aggregates over the caller\'s scope only, reviews only for their parties', async () => {
    const { data, refused } = await entities('insights', 'patientExperience { suppressed respondents }', 'advocateReviews { id } patientExperience { suppressed respondents }');
    const expected: string[] = [];
    [site1, site2].forEach((siteId, i) => {
      const scope = oracle.siteAggregateScope(caller, siteId);
      if (scope === null) expected.push(`_entities.${i}.patientExperience`);
      expectAggregate(data[i].patientExperience, scope && oracle.respondents({ siteId, ...scope }), `_entities.${i}.patientExperience`, refused);
    });
    [trial1, trial2].forEach((trial, j) => {
      const i = j + 2;
      const reviews = dataset.advocateReviews.filter((review) => review.trialId === trial.id && oracle.seesAdvocateReview(caller, review));
      expect(sorted(data[i].advocateReviews.map((review: any) => review.id))).toEqual(sorted(reviews.map((review) => review.id)));
      const scope = oracle.trialAggregateScope(caller, trial);
      if (scope === null) expected.push(`_entities.${i}.patientExperience`);
      expectAggregate(data[i].patientExperience, scope && oracle.respondents({ trialId: trial.id, ...scope }), `_entities.${i}.patientExperience`, refused);
    });
    expect(refused).toEqual(expected.sort());
  });
});

test('the matrix has overlapping and separate relationships to tell apart', () => {
  // Both sponsors run trials at site 1; only sponsor 1 at site 2.
  expect(sponsorsAtSite(site1)).toEqual(expect.objectContaining({ size: expect.any(Number) }));
  expect([sponsorsAtSite(site1).has(sponsor1), sponsorsAtSite(site1).has(sponsor2)]).toEqual([true, true]);
  expect([sponsorsAtSite(site2).has(sponsor1), sponsorsAtSite(site2).has(sponsor2)]).toEqual([true, false]);
  expect(new Set([cro1, cro2]).size).toBe(2);
  expect(oracle.seesTrial({ party: 'CRO', orgId: cro1 }, trial1.id)).toBe(true);
  expect(oracle.seesTrial({ party: 'PATIENT_ADVOCATE', orgId: advocate1 }, trial1.id)).toBe(dataset.advocateReviews.some((review) => review.trialId === trial1.id));
});
