// Who sees what of the sponsors subgraph, rule by rule, on the whole stack (a CRO's engagements are
// the cros subgraph's to say). Nine callers: a trial's sponsor and another sponsor, a site taking
// part in it and one that does not, the CRO engaged on it and one that is not, an advocacy group
// the sponsor invited to review it and one it did not, and a platform admin. Each answer is
// compared with what the dataset says the caller may see.
import { generateDemoDataset } from '../seed/generate';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, type GraphQLResponse } from './support/subgraph-harness';
import { as } from './support/tokens';

const dataset = generateDemoDataset({ seed: 42, scale: 0.1 });
const sponsorOf = (trialId: string) => dataset.trials.find((trial) => trial.id === trialId)!.sponsorId;
const rowsOf = (trialId: string) => dataset.trialSites.filter((row) => row.trialId === trialId);
const crosOn = (trialId: string) => dataset.engagements.filter((engagement) => engagement.trialId === trialId).map((e) => e.croId);
// The demo data invites every group that reviewed a trial, and no other.
const groupsInvited = (trialId: string) => [
  ...new Set(dataset.advocateReviews.filter((review) => review.trialId === trialId).map((r) => r.advocacyGroupId)),
];
const feedbackOn = (trialId: string) => dataset.feedback.filter((item) => item.trialId === trialId);

// The trial the rules are shown on: one CRO engaged and one not, some advocacy groups invited to
// review it and others not, run at several sites, some of which raised feedback.
const trial = dataset.trials.find(
  (candidate) =>
    new Set(crosOn(candidate.id)).size === 1 &&
    groupsInvited(candidate.id).length > 0 &&
    rowsOf(candidate.id).length >= 3 &&
    new Set(feedbackOn(candidate.id).map((item) => item.siteId)).size >= 2,
)!;
// A second group reviews it too (so was invited), so a group's own invitation is a strict part of the sponsor's list.
dataset.advocateReviews.push({
  id: 'review-by-a-second-group',
  advocacyGroupId: dataset.advocacyGroups.map((group) => group.id).filter((id) => !groupsInvited(trial.id).includes(id)).at(-1)!,
  trialId: trial.id,
  protocolVersion: 1,
  format: 'PANEL',
  reviewedOn: '2026-06-01',
  findings: [],
});
const siteIn = feedbackOn(trial.id)[0].siteId;
const siteOut = dataset.sites.find((site) => !rowsOf(trial.id).some((row) => row.siteId === site.id))!.id;
const otherSponsor = dataset.sponsors.find((sponsor) => sponsor.id !== trial.sponsorId)!.id;

interface Caller {
  party: PartyKind;
  orgId: string;
}
const CALLERS: Record<string, Caller> = {
  owner: { party: 'SPONSOR', orgId: trial.sponsorId },
  otherSponsor: { party: 'SPONSOR', orgId: otherSponsor },
  siteIn: { party: 'SITE', orgId: siteIn },
  siteOut: { party: 'SITE', orgId: siteOut },
  engagedCro: { party: 'CRO', orgId: crosOn(trial.id)[0] },
  otherCro: { party: 'CRO', orgId: dataset.cros.find((cro) => !crosOn(trial.id).includes(cro.id))!.id },
  invitedAdvocate: { party: 'PATIENT_ADVOCATE', orgId: groupsInvited(trial.id)[0] },
  otherAdvocate: { party: 'PATIENT_ADVOCATE', orgId: dataset.advocacyGroups.find((g) => !groupsInvited(trial.id).includes(g.id))!.id },
  admin: { party: 'PLATFORM_ADMIN', orgId: 'platform' },
};
type Who = keyof typeof CALLERS;
const EVERYONE = Object.keys(CALLERS) as Who[];

/** The dataset's answer to "may this caller see this trial". */
function seesTrial({ party, orgId }: Caller, trialId: string): boolean {
  switch (party) {
    case 'PLATFORM_ADMIN':
      return true;
    case 'SPONSOR':
      return sponsorOf(trialId) === orgId;
    case 'SITE':
      return rowsOf(trialId).some((row) => row.siteId === orgId);
    case 'CRO':
      return crosOn(trialId).includes(orgId);
    case 'PATIENT_ADVOCATE':
      return groupsInvited(trialId).includes(orgId);
  }
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 300_000);
afterAll(() => stack?.shutdown());

const ask = async (who: Who, query: string, variables: Record<string, unknown> = {}) =>
  stack.query(query, variables, await as(CALLERS[who].party, CALLERS[who].orgId));
const askSponsors = async (who: Who, query: string, variables: Record<string, unknown> = {}) =>
  postGraphQL(stack.subgraphUrls.sponsors, query, variables, await as(CALLERS[who].party, CALLERS[who].orgId));

/** The one error on `path`: a refusal by `rule` that names the caller. */
function expectRefused(response: GraphQLResponse, path: (string | number)[], rule: string, who: Who) {
  const errors = (response.errors ?? []).filter((error) => JSON.stringify(error.path) === JSON.stringify(path));
  expect(errors).toHaveLength(1);
  expect(errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule });
  expect(errors[0].message).toContain(`${CALLERS[who].party} ${CALLERS[who].orgId}`);
}

const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

test('the chosen trial has every relationship the rules tell apart', () => {
  expect(trial).toBeDefined();
  expect(EVERYONE.filter((who) => seesTrial(CALLERS[who], trial.id))).toEqual(['owner', 'siteIn', 'engagedCro', 'invitedAdvocate', 'admin']);
});

describe('a trial is seen by its sponsor, the sites taking part, the CROs engaged on it, the groups it invited to review it and admins', () => {
  test.each(EVERYONE)('trial(id) as %s', async (who) => {
    const response = await ask(who, `query ($id: ID!) { trial(id: $id) { id nctId title protocol { version } complexity { score } } }`, { id: trial.id });
    if (seesTrial(CALLERS[who], trial.id)) {
      expect(response.errors).toBeUndefined();
      expect(response.data.trial).toMatchObject({ id: trial.id, nctId: trial.nctId, title: trial.title });
      expect(response.data.trial.protocol.version).toBeGreaterThanOrEqual(1);
    } else {
      expect(response.data.trial).toBeNull();
      expectRefused(response, ['trial'], 'trial-relationship', who);
    }
  });

  test('an advocacy group the sponsor did not invite is told so', async () => {
    const response = await ask('otherAdvocate', `query ($id: ID!) { trial(id: $id) { id } }`, { id: trial.id });
    expect(response.errors![0].message).toContain(
      `advocacy groups the sponsor invited to review it; the sponsor has not invited PATIENT_ADVOCATE ${CALLERS.otherAdvocate.orgId} to review it`,
    );
  });

  test("a trial that is not here is refused as another sponsor's is, by id and by NCT id; an admin gets null without an error", async () => {
    for (const args of ['id: "trial-9999"', 'nctId: "NCT99999999"']) {
      const response = await ask('otherSponsor', `{ trial(${args}) { id } }`);
      expect(response.data.trial).toBeNull();
      expectRefused(response, ['trial'], 'trial-relationship', 'otherSponsor');
      const others = await ask('otherSponsor', `query ($id: ID!) { trial(id: $id) { id } }`, { id: trial.id });
      expect(response.errors).toEqual(others.errors);
      const admin = await ask('admin', `{ trial(${args}) { id } }`);
      expect(admin.errors).toBeUndefined();
      expect(admin.data.trial).toBeNull();
    }
  });

  test.each(EVERYONE)('trials lists and counts only what %s sees', async (who) => {
    const visible = dataset.trials.filter((candidate) => seesTrial(CALLERS[who], candidate.id));
    const response = await ask(who, `{ trials(first: 100) { totalCount edges { node { id } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.trials.totalCount).toBe(visible.length);
    expect(ids(response.data.trials.edges.map((edge: any) => edge.node))).toEqual(ids(visible));
  });

  test('a page of the visible trials counts all of them and continues after its cursor', async () => {
    const visible = dataset.trials.filter((candidate) => seesTrial(CALLERS.siteIn, candidate.id)).map((t) => t.nctId).sort();
    expect(visible.length).toBeGreaterThan(2);
    const first = await ask('siteIn', `{ trials(first: 2) { totalCount pageInfo { endCursor } edges { node { nctId } } } }`);
    const next = await ask('siteIn', `query ($after: String) { trials(first: 100, after: $after) { totalCount edges { node { nctId } } } }`, {
      after: first.data.trials.pageInfo.endCursor,
    });
    expect(first.data.trials.totalCount).toBe(visible.length);
    expect([...first.data.trials.edges, ...next.data.trials.edges].map((edge: any) => edge.node.nctId)).toEqual(visible);
  });

  test.each([
    ['a CRO engaged on nothing', 'CRO', 'cro-999'],
    ['an advocacy group invited to review nothing', 'PATIENT_ADVOCATE', 'advocates-99'],
  ] as const)('%s sees no trials at all', async (_, party, orgId) => {
    const response = await stack.query(`{ trials { totalCount edges { node { id } } } }`, {}, await as(party, orgId));
    expect(response.errors).toBeUndefined();
    expect(response.data.trials).toEqual({ totalCount: 0, edges: [] });
  });

  test('a filter narrows the visible trials: another sponsor’s id gives a sponsor nothing', async () => {
    const response = await ask('otherSponsor', `query ($sponsorId: ID) { trials(filter: { sponsorId: $sponsorId }) { totalCount edges { node { id } } } }`, {
      sponsorId: trial.sponsorId,
    });
    expect(response.data.trials).toEqual({ totalCount: 0, edges: [] });
  });

  test.each(EVERYONE)('Sponsor.trials lists the sponsor’s trials %s sees', async (who) => {
    const response = await ask(who, `query ($id: ID!) { sponsor(id: $id) { id name trials { id } } }`, { id: trial.sponsorId });
    expect(response.errors).toBeUndefined();
    expect(response.data.sponsor.name).toBe(dataset.sponsors.find((s) => s.id === trial.sponsorId)!.name);
    const visible = dataset.trials.filter((candidate) => candidate.sponsorId === trial.sponsorId && seesTrial(CALLERS[who], candidate.id));
    expect(ids(response.data.sponsor.trials)).toEqual(ids(visible));
  });
});

describe('within a visible trial', () => {
  const allRows = () => rowsOf(trial.id).map((row) => row.id).sort();
  const allFeedback = () => ids(feedbackOn(trial.id));
  const expected: Partial<Record<Who, { sites: () => string[]; feedback: () => string[] }>> = {
    owner: { sites: allRows, feedback: allFeedback },
    admin: { sites: allRows, feedback: allFeedback },
    engagedCro: { sites: allRows, feedback: () => [] },
    siteIn: {
      sites: () => rowsOf(trial.id).filter((row) => row.siteId === siteIn).map((row) => row.id),
      feedback: () => ids(feedbackOn(trial.id).filter((item) => item.siteId === siteIn)),
    },
    invitedAdvocate: { sites: () => [], feedback: () => [] },
  };

  test.each(Object.keys(expected) as Who[])('sites and feedback are the rows %s may see', async (who) => {
    const response = await ask(who, `query ($id: ID!) { trial(id: $id) { sites { id site { id } } feedback { id site { id } } } }`, { id: trial.id });
    expect(response.errors).toBeUndefined();
    expect(ids(response.data.trial.sites)).toEqual(expected[who]!.sites());
    expect(ids(response.data.trial.feedback)).toEqual(expected[who]!.feedback());
  });

  test('the site sees its own rows in full: its figures and the feedback it raised', async () => {
    const row = rowsOf(trial.id).find((candidate) => candidate.siteId === siteIn)!;
    const response = await ask('siteIn', `query ($id: ID!) { trial(id: $id) { sites { status enrolled screened } feedback { body site { id } } } }`, { id: trial.id });
    expect(response.data.trial.sites).toEqual([{ status: row.status, enrolled: row.enrolled, screened: row.screened }]);
    expect(response.data.trial.feedback.map((item: any) => item.site.id)).toEqual(feedbackOn(trial.id).filter((f) => f.siteId === siteIn).map(() => siteIn));
  });
});

describe('Trial.reviewInvitations: all for the sponsor and admins, an invited group its own, nobody else any', () => {
  const allGroups = () => [...groupsInvited(trial.id)].sort();
  const expected: Partial<Record<Who, () => string[]>> = {
    owner: allGroups,
    admin: allGroups,
    invitedAdvocate: () => [CALLERS.invitedAdvocate.orgId],
    siteIn: () => [],
    engagedCro: () => [],
  };

  test('the trial has invitations that tell the callers apart', () => {
    expect(allGroups()).toHaveLength(2);
    expect(allGroups()).toContain(CALLERS.invitedAdvocate.orgId);
    expect(allGroups()).not.toContain(CALLERS.otherAdvocate.orgId);
  });

  test.each(Object.keys(expected) as Who[])('as %s, of the trial it sees', async (who) => {
    const response = await ask(who, `query ($id: ID!) { trial(id: $id) { reviewInvitations { advocacyGroupId invitedOn trial { id } } } }`, { id: trial.id });
    expect(response.errors).toBeUndefined();
    const invitations = response.data.trial.reviewInvitations;
    expect(invitations.map((invitation: any) => invitation.advocacyGroupId).sort()).toEqual(expected[who]!());
    for (const invitation of invitations) {
      expect(invitation.trial).toEqual({ id: trial.id });
      // A month before the group's first review of the trial, as the demo data derives it.
      const firstReview = dataset.advocateReviews
        .filter((review) => review.trialId === trial.id && review.advocacyGroupId === invitation.advocacyGroupId)
        .map((review) => review.reviewedOn)
        .sort()[0];
      expect(Date.parse(firstReview) - Date.parse(invitation.invitedOn)).toBe(30 * 86_400_000);
    }
  });

  test('a sponsor sees all of its trials’ invitations, and an invited group only its own, across many trials', async () => {
    const invitedTrials = dataset.trials.filter((candidate) => candidate.sponsorId === trial.sponsorId && groupsInvited(candidate.id).length > 0);
    const query = `query ($id: ID!) { sponsor(id: $id) { trials { id reviewInvitations { advocacyGroupId } } } }`;
    const asOwner = await ask('owner', query, { id: trial.sponsorId });
    const asGroup = await ask('invitedAdvocate', query, { id: trial.sponsorId });
    const groupsBy = (response: GraphQLResponse) =>
      Object.fromEntries(response.data.sponsor.trials.map((t: any) => [t.id, t.reviewInvitations.map((i: any) => i.advocacyGroupId).sort()]));
    const owned = groupsBy(asOwner);
    for (const candidate of invitedTrials) expect(owned[candidate.id]).toEqual(groupsInvited(candidate.id).sort());
    const group = CALLERS.invitedAdvocate.orgId;
    const own = dataset.trials.filter((candidate) => candidate.sponsorId === trial.sponsorId && groupsInvited(candidate.id).includes(group));
    expect(groupsBy(asGroup)).toEqual(Object.fromEntries(own.map((candidate) => [candidate.id, [group]])));
  });
});

describe('a sponsor’s private figures, pipeline and partnerships', () => {
  const sponsorId = trial.sponsorId;
  const programmes = dataset.pipeline.filter((programme) => programme.sponsorId === sponsorId);
  // A site one of the sponsor's programmes is shared with, and the programmes shared with it.
  const sharedSite = programmes.find((programme) => programme.sharedWithSiteIds.length > 0)!.sharedWithSiteIds[0];
  const sharedWithSite = programmes.filter((programme) => programme.sharedWithSiteIds.includes(sharedSite));
  const partnerSite = dataset.partnerships.find((partnership) => partnership.sponsorId === sponsorId)!.siteId;

  test.each(EVERYONE)('medianFeedbackResponseDays as %s', async (who) => {
    const response = await ask(who, `query ($id: ID!) { sponsor(id: $id) { id medianFeedbackResponseDays } }`, { id: sponsorId });
    if (who === 'owner' || who === 'admin') {
      expect(response.errors).toBeUndefined();
      expect(response.data.sponsor.medianFeedbackResponseDays).toEqual(expect.any(Number));
    } else {
      expect(response.data.sponsor).toEqual({ id: sponsorId, medianFeedbackResponseDays: null });
      expectRefused(response, ['sponsor', 'medianFeedbackResponseDays'], 'sponsor-private', who);
    }
  });

  test('the pipeline is the sponsor’s and the admin’s in full, a site’s as far as it is shared with it, nobody else’s', async () => {
    const query = `query ($id: ID!) { sponsor(id: $id) { pipeline { id sharedWith { id } } } }`;
    for (const who of ['owner', 'admin'] as const) {
      const { data } = await ask(who, query, { id: sponsorId });
      expect(ids(data.sponsor.pipeline)).toEqual(ids(programmes));
      for (const programme of data.sponsor.pipeline) {
        expect(ids(programme.sharedWith)).toEqual([...programmes.find((p) => p.id === programme.id)!.sharedWithSiteIds].sort());
      }
    }
    const asSite = await stack.query(query, { id: sponsorId }, await as('SITE', sharedSite));
    expect(ids(asSite.data.sponsor.pipeline)).toEqual(ids(sharedWithSite));
    for (const programme of asSite.data.sponsor.pipeline) expect(programme.sharedWith).toEqual([{ id: sharedSite }]);
    for (const who of ['otherSponsor', 'engagedCro', 'invitedAdvocate'] as const) {
      const { data, errors } = await ask(who, query, { id: sponsorId });
      expect(errors).toBeUndefined();
      expect(data.sponsor.pipeline).toEqual([]);
    }
  });

  test('Site.sharedPipeline is the site’s and the admin’s in full, a sponsor’s own programmes for it, nobody else’s', async () => {
    const query = `query ($id: ID!) { site(id: $id) { sharedPipeline { id sponsor { id } } } }`;
    const shared = dataset.pipeline.filter((programme) => programme.sharedWithSiteIds.includes(sharedSite));
    const cases: [Caller, typeof shared][] = [
      [{ party: 'SITE', orgId: sharedSite }, shared],
      [CALLERS.admin, shared],
      [CALLERS.owner, sharedWithSite],
      [{ party: 'SITE', orgId: dataset.sites.find((site) => site.id !== sharedSite)!.id }, []],
      [CALLERS.engagedCro, []],
      [CALLERS.invitedAdvocate, []],
    ];
    for (const [caller, programmesSeen] of cases) {
      const { data, errors } = await stack.query(query, { id: sharedSite }, await as(caller.party, caller.orgId));
      expect(errors).toBeUndefined();
      expect(ids(data.site.sharedPipeline)).toEqual(ids(programmesSeen));
    }
  });

  test('partnerships: a sponsor’s own and a site’s own, from either side; all for admins; none for others', async () => {
    const bySponsor = `query ($id: ID!) { sponsor(id: $id) { partnerships { id site { id } } } }`;
    const bySite = `query ($id: ID!) { site(id: $id) { partnerships { id sponsor { id } } } }`;
    const seesPartnership = ({ party, orgId }: Caller, partnership: { sponsorId: string; siteId: string }) =>
      party === 'PLATFORM_ADMIN' || (party === 'SPONSOR' && orgId === partnership.sponsorId) || (party === 'SITE' && orgId === partnership.siteId);
    const callers = [...Object.values(CALLERS), { party: 'SITE', orgId: partnerSite } as const];
    for (const caller of callers) {
      const headers = await as(caller.party, caller.orgId);
      const fromSponsor = await stack.query(bySponsor, { id: sponsorId }, headers);
      const fromSite = await stack.query(bySite, { id: partnerSite }, headers);
      expect([fromSponsor.errors, fromSite.errors]).toEqual([undefined, undefined]);
      const ofSponsor = dataset.partnerships.filter((p) => p.sponsorId === sponsorId && seesPartnership(caller, p));
      const atSite = dataset.partnerships.filter((p) => p.siteId === partnerSite && seesPartnership(caller, p));
      expect(ids(fromSponsor.data.sponsor.partnerships)).toEqual(ids(ofSponsor));
      expect(ids(fromSite.data.site.partnerships)).toEqual(ids(atSite));
    }
    // What tells the callers apart: the partner site sees one of the sponsor's partnerships, the sponsor all of them.
    const ofSponsor = dataset.partnerships.filter((p) => p.sponsorId === sponsorId);
    expect(ofSponsor.length).toBeGreaterThan(1);
    expect(dataset.partnerships.filter((p) => p.siteId === partnerSite).length).toBeGreaterThan(1);
  });
});

describe('Site.trials: the site’s rows for the site and admins, a sponsor’s own trials there, a CRO’s engaged ones', () => {
  const rowsAt = (siteId: string) => dataset.trialSites.filter((row) => row.siteId === siteId);
  const expected: Record<Who, () => string[]> = {
    owner: () => ids(rowsAt(siteIn).filter((row) => sponsorOf(row.trialId) === trial.sponsorId)),
    otherSponsor: () => ids(rowsAt(siteIn).filter((row) => sponsorOf(row.trialId) === otherSponsor)),
    siteIn: () => ids(rowsAt(siteIn)),
    siteOut: () => [],
    engagedCro: () => ids(rowsAt(siteIn).filter((row) => crosOn(row.trialId).includes(CALLERS.engagedCro.orgId))),
    otherCro: () => ids(rowsAt(siteIn).filter((row) => crosOn(row.trialId).includes(CALLERS.otherCro.orgId))),
    invitedAdvocate: () => [],
    otherAdvocate: () => [],
    admin: () => ids(rowsAt(siteIn)),
  };

  test('the site’s rows tell the callers apart', () => {
    expect(expected.siteIn().length).toBeGreaterThan(expected.owner().length);
    expect(expected.owner().length).toBeGreaterThan(0);
    expect(expected.engagedCro().length).toBeGreaterThan(0);
  });

  test.each(EVERYONE)('as %s', async (who) => {
    const response = await ask(who, `query ($id: ID!) { site(id: $id) { id trials { id trial { id sponsor { id } } } } }`, { id: siteIn });
    expect(response.errors).toBeUndefined();
    expect(ids(response.data.site.trials)).toEqual(expected[who]());
  });
});

describe('straight to the sponsors subgraph, _entities gives no more than the gateway', () => {
  const representations = [
    { __typename: 'Trial', id: trial.id },
    { __typename: 'Trial', nctId: trial.nctId },
    { __typename: 'Site', id: siteIn },
    { __typename: 'Sponsor', id: trial.sponsorId },
  ];
  const entities = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on Trial { id sites { id } feedback { id } reviewInvitations { id } }
    ... on Site { id trials { id } partnerships { id } sharedPipeline { id } }
    ... on Sponsor { id trials { id } pipeline { id } partnerships { id } } } }`;
  const throughGateway = `query ($trial: ID!, $site: ID!, $sponsor: ID!) {
    trial(id: $trial) { id sites { id } feedback { id } reviewInvitations { id } }
    site(id: $site) { id trials { id } partnerships { id } sharedPipeline { id } }
    sponsor(id: $sponsor) { id trials { id } pipeline { id } partnerships { id } } }`;

  test.each(EVERYONE)('as %s', async (who) => {
    const direct = await askSponsors(who, entities, { r: representations });
    const gateway = await ask(who, throughGateway, { trial: trial.id, site: siteIn, sponsor: trial.sponsorId });
    const [byId, byNctId, site, sponsor] = direct.data._entities;
    expect(byId).toEqual(gateway.data.trial);
    expect(byNctId).toEqual(gateway.data.trial);
    expect(site).toEqual(gateway.data.site);
    expect(sponsor).toEqual(gateway.data.sponsor);
    if (seesTrial(CALLERS[who], trial.id)) {
      expect(byId).toMatchObject({ id: trial.id });
      expect(direct.errors).toBeUndefined();
    } else {
      expect(byId).toBeNull();
      expectRefused(direct, ['_entities', 0], 'trial-relationship', who);
      expectRefused(direct, ['_entities', 1], 'trial-relationship', who);
    }
  });
});

describe('the rules cost a fixed number of statements, however many rows the caller sees', () => {
  const EVERY_SPONSOR = `{ sponsors(first: 10) { edges { node { id
    trials { id sites { id } feedback { id } } pipeline { id } partnerships { id } } } } }`;
  const statementsEverywhereAs = async (caller: Caller) => {
    const headers = await as(caller.party, caller.orgId);
    let response: GraphQLResponse = {};
    const statements = await stack.countStatements(async () => {
      response = await stack.query(EVERY_SPONSOR, {}, headers);
    });
    expect(response.errors).toBeUndefined();
    return statements;
  };
  const statementsAs = async (caller: Caller) => (await statementsEverywhereAs(caller)).sponsors;
  const busiestSite = [...new Set(dataset.trialSites.map((row) => row.siteId))].sort(
    (a, b) => dataset.trialSites.filter((row) => row.siteId === b).length - dataset.trialSites.filter((row) => row.siteId === a).length,
  )[0];

  test('a site: the page, then one statement per list, and one for all the trials it takes part in', async () => {
    expect(dataset.trialSites.filter((row) => row.siteId === busiestSite).length).toBeGreaterThan(rowsOf(trial.id).filter((row) => row.siteId === siteIn).length);
    // the page with its count, trials, takes part, their sites, their feedback, pipeline, pipeline shared with it, partnerships
    expect(await statementsAs(CALLERS.siteIn)).toBe(8);
    expect(await statementsAs({ party: 'SITE', orgId: busiestSite })).toBe(8);
  });

  test('a CRO: engagements are asked of the cros subgraph, and lists it may not see cost nothing', async () => {
    // the page with its count, trials, and the sites of the engaged trials; no feedback, pipeline or partnerships
    expect(await statementsAs(CALLERS.engagedCro)).toBe(3);
  });

  test('an advocate: its invitations are the sponsors subgraph’s own, one statement for all the trials; insights is not asked', async () => {
    // the page with its count, trials, the group's invitations among them; nothing under them
    expect(await statementsEverywhereAs(CALLERS.invitedAdvocate)).toEqual({ sites: 0, sponsors: 3, cros: 0, insights: 0 });
    expect(await statementsEverywhereAs({ party: 'PATIENT_ADVOCATE', orgId: 'advocates-99' })).toEqual({ sites: 0, sponsors: 3, cros: 0, insights: 0 });
  });

  test('an advocate’s root list of trials is narrowed in SQL: no other subgraph is asked', async () => {
    const headers = await as(CALLERS.invitedAdvocate.party, CALLERS.invitedAdvocate.orgId);
    const statements = await stack.countStatements(() => stack.query(`{ trials(first: 100) { totalCount edges { node { id } } } }`, {}, headers));
    // the page with its count in one statement, nothing more
    expect(statements).toEqual({ sites: 0, sponsors: 1, cros: 0, insights: 0 });
  });
});
