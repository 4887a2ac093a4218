// The attacker's view of ownership, class by class (issue 10): relationships made by writing alone,
// figures derived from another party's records, and refusals and side channels (the refused value
// or a hidden record's id in a message, a version that moves with hidden parts, the subgraph schema
// in production). Each attack is sent from outside, over HTTP, through the gateway and straight at
// the subgraph that owns the data, with forged-but-valid tokens (signed with the stack's secret) of
// every kind of party, organisations that exist and one that does not. Every case is counted, per
// class; the counts are printed and asserted at the end.
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset, StaffAssignmentRecord, TrialSiteRecord } from '../seed/model';
import type { Party } from '../platform/config';
import type { PartyKind } from '../platform/identity';
import { startTestStack, type TestStack } from './support/stack-harness';
import { postGraphQL, type GraphQLResponse } from './support/subgraph-harness';
import { as } from './support/tokens';

const dataset: DemoDataset = generateDemoDataset({ seed: 3, scale: 0.3 });
const TODAY = new Date().toISOString().slice(0, 10);
const sponsorOf = new Map(dataset.trials.map((trial) => [trial.id, trial.sponsorId]));
const engagementById = new Map(dataset.engagements.map((engagement) => [engagement.id, engagement]));
const crosAt = (siteId: string) =>
  new Set([
    ...dataset.monitoringVisits.filter((visit) => visit.siteId === siteId).map((visit) => engagementById.get(visit.engagementId)!.croId),
    ...dataset.staffAssignments.filter((assignment) => assignment.siteId === siteId).map((assignment) => assignment.croId),
  ]);
const partnersOf = (siteId: string) => new Set(dataset.partnerships.filter((p) => p.siteId === siteId).map((p) => p.sponsorId));
const rowsOf = (trialId: string) => dataset.trialSites.filter((row) => row.trialId === trialId);

type Caller = [PartyKind, string];
type Door = 'gateway' | Party;

// ---- The cases each class attacks, chosen from the dataset and added to it before the stack starts ----

// Relationship by writing: three CROs, each engaged on a trial, and for each three sites it has
// never worked at: one not in the trial, one selected but PENDING, one that DECLINED. Each target
// shares everything with PARTNERS only, so a CRO that made itself a partner would read it at once.
// (CROs with at least ten sites they never worked at.)
const attackers = [...new Map(dataset.engagements.filter((e) => e.startsOn <= TODAY).map((e) => [e.croId, e])).values()]
  .filter((engagement) => dataset.sites.filter((site) => !crosAt(site.id).has(engagement.croId)).length >= 10)
  .slice(0, 3);
const taken = new Set<string>();
let extraRows = 0;
function targetFor(croId: string, trialId: string, answer: 'NONE' | 'PENDING' | 'DECLINED'): string {
  const site = dataset.sites.find(
    (candidate) => !taken.has(candidate.id) && !crosAt(candidate.id).has(croId) && !rowsOf(trialId).some((row) => row.siteId === candidate.id),
  )!;
  taken.add(site.id);
  site.sharingPolicy = { capacity: 'PARTNERS', staff: 'PARTNERS', assets: 'PARTNERS' };
  if (answer !== 'NONE') {
    const row: TrialSiteRecord = {
      id: `trial-site-attack-${++extraRows}`, trialId, siteId: site.id, status: 'SELECTED', selectedOn: '2026-01-05', activatedOn: null,
      firstPatientInOn: null, closedOn: null, enrollmentTarget: 10, screened: 0, enrolled: 0, withdrawn: 0,
      siteResponse: answer, respondedOn: answer === 'DECLINED' ? '2026-01-09' : null,
    };
    dataset.trialSites.push(row);
  }
  return site.id;
}
const writeAttacks = attackers.flatMap((engagement) =>
  (['NONE', 'PENDING', 'DECLINED'] as const).map((answer) => ({ engagement, answer, siteId: targetFor(engagement.croId, engagement.trialId, answer) })),
);

// A sponsor selects a site it never worked with; until the site answers, it is no partner.
const selector = dataset.sponsors.find((sponsor) => dataset.trials.some((trial) => trial.sponsorId === sponsor.id))!;
const selectorTrial = dataset.trials.find((trial) => trial.sponsorId === selector.id)!;
const selectedSites = dataset.sites.filter((site) => !taken.has(site.id) && !partnersOf(site.id).has(selector.id) && !rowsOf(selectorTrial.id).some((row) => row.siteId === site.id)).slice(0, 3);
for (const site of selectedSites) {
  taken.add(site.id);
  site.sharingPolicy = { capacity: 'PARTNERS', staff: 'PARTNERS', assets: 'PARTNERS' };
}

// Refusals: a SITE_ONLY site and a PARTNERS site (every part), in no attacked trial.
const attackedTrials = new Set(attackers.map((e) => e.trialId));
const byPolicy = (['SITE_ONLY', 'PARTNERS'] as const).map((policy) => {
  const site = dataset.sites.find((s) => !taken.has(s.id) && !dataset.trialSites.some((row) => row.siteId === s.id && attackedTrials.has(row.trialId)))!;
  taken.add(site.id);
  site.sharingPolicy = { capacity: policy, staff: policy, assets: policy };
  return { policy, site };
});

// Derived figures: on a site and trial with two CROs' CRAs, the later CRO's assignment must not be
// measured against the earlier CRO's. Added where two CROs are engaged on one trial at one site.
const twoCros = dataset.trialSites
  .filter((row) => row.siteResponse === 'ACCEPTED')
  .map((row) => ({ row, cros: [...new Set(dataset.engagements.filter((e) => e.trialId === row.trialId).map((e) => e.croId))] }))
  .find(({ cros }) => cros.length >= 2)!;
const HANDOVER: StaffAssignmentRecord[] = [
  { id: 'assignment-attack-1', croId: twoCros.cros[0], role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'CRA-AT01', siteId: twoCros.row.siteId, trialId: twoCros.row.trialId, startedOn: '2025-01-06', endedOn: '2025-06-30' },
  { id: 'assignment-attack-2', croId: twoCros.cros[1], role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'CRA-AT02', siteId: twoCros.row.siteId, trialId: twoCros.row.trialId, startedOn: '2025-06-20', endedOn: null },
];
dataset.staffAssignments.push(...HANDOVER);

let stack: TestStack;
beforeAll(async () => {
  // Production's settings, but any operation: an attacker's operations are not in the trusted
  // documents manifest, and these attacks are on what a manifest operation (or a deployment
  // that turns trusted documents off for its partners' own tools) could still ask.
  stack = await startTestStack(dataset, { NODE_ENV: 'production', TRUSTED_DOCUMENTS_ONLY: 'false' });
}, 180_000);
afterAll(() => stack?.shutdown());

const cases = { relationships: 0, derived: 0, refusals: 0 };
afterAll(() => {
  console.log(`privacy attack cases: relationship-by-writing ${cases.relationships}, derived figures ${cases.derived}, refusals and side channels ${cases.refusals}`);
});

async function send(door: Door, caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const url = door === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls[door];
  return postGraphQL(url, query, variables, await as(...caller));
}

/** The parts of a site its policy governs, at the gateway or as an entity straight from the sites subgraph. */
async function siteParts(door: 'gateway' | 'sites', caller: Caller, siteId: string) {
  const parts = 'capacity { maxConcurrentTrials } staff { id } assets { id }';
  if (door === 'gateway') {
    const response = await send('gateway', caller, `query ($id: ID!) { site(id: $id) { ${parts} } }`, { id: siteId });
    return { site: response.data?.site, errors: response.errors ?? [] };
  }
  const response = await send('sites', caller, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Site { ${parts} } } }`, {
    r: [{ __typename: 'Site', id: siteId }],
  });
  return { site: response.data?._entities[0], errors: response.errors ?? [] };
}

function expectPartsRefused({ site, errors }: Awaited<ReturnType<typeof siteParts>>) {
  expect(site).toEqual({ capacity: null, staff: null, assets: null });
  expect(errors.map((error) => error.extensions?.rule)).toEqual(['site-sharing-policy', 'site-sharing-policy', 'site-sharing-policy']);
}

const refusedWith = (response: GraphQLResponse, rule: string) => {
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule });
};

// ---- 1. Relationship by writing ----

describe('relationship by writing', () => {
  const VISIT = 'mutation ($input: RecordMonitoringVisitInput!) { recordMonitoringVisit(input: $input) { id } }';
  const ASSIGN = 'mutation ($input: AssignStaffInput!) { assignStaff(input: $input) { id } }';
  const writes = writeAttacks.flatMap((attack) =>
    (['gateway', 'cros'] as const).flatMap((door) => [
      { ...attack, door, what: 'recordMonitoringVisit', query: VISIT, input: { engagementId: attack.engagement.id, siteId: attack.siteId, kind: 'SELECTION', visitedOn: attack.engagement.startsOn, findings: 0 } },
      { ...attack, door, what: 'assignStaff', query: ASSIGN, input: { engagementId: attack.engagement.id, siteId: attack.siteId, role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'CRA-ZZ01', startedOn: attack.engagement.startsOn } },
    ]),
  );

  test.each(writes.map((write) => [write.what, write.engagement.croId, write.siteId, write.answer, write.door, write] as const))(
    '%s by %s at %s (selection %s), via %s: FORBIDDEN cro-works-at-trial-sites, nothing stored, the site still refuses its parts',
    async (what, croId, siteId, _answer, door, write) => {
      const response = await send(door, ['CRO', croId], write.query, { input: write.input });
      expect(response.data?.[what] ?? null).toBeNull();
      refusedWith(response, 'cro-works-at-trial-sites');
      const stored = await stack.databases.cros.dataSource.query(
        `SELECT (SELECT count(*)::int FROM monitoring_visits WHERE site_id = $1 AND engagement_id = $2)
              + (SELECT count(*)::int FROM staff_assignments WHERE site_id = $1 AND cro_id = $3) AS n`,
        [siteId, write.engagement.id, croId],
      );
      expect(stored[0].n).toBe(0);
      for (const readDoor of ['gateway', 'sites'] as const) expectPartsRefused(await siteParts(readDoor, ['CRO', croId], siteId));
      cases.relationships++;
    },
  );

  test('a CRO still records a visit and staff at a site that accepted its trial: the check refuses only what it should', async () => {
    const engagement = attackers[0];
    const row = dataset.trialSites.find((r) => r.trialId === engagement.trialId && r.siteResponse === 'ACCEPTED' && !taken.has(r.siteId))!;
    const visit = await send('cros', ['CRO', engagement.croId], VISIT, {
      input: { engagementId: engagement.id, siteId: row.siteId, kind: 'ROUTINE', visitedOn: engagement.startsOn, findings: 1 },
    });
    expect(visit.errors).toBeUndefined();
    expect(visit.data.recordMonitoringVisit.id).toMatch(/^monitoring-visit-/);
    cases.relationships++;
  });

  test.each(selectedSites.map((site) => [site.id] as const))(
    'a sponsor selects %s: the selection alone makes it no partner at either door; the site accepting does',
    async (siteId) => {
      const owner: Caller = ['SPONSOR', selector.id];
      const { data: read } = await send('gateway', owner, 'query ($id: ID!) { trial(id: $id) { version } }', { id: selectorTrial.id });
      const selected = await send('gateway', owner, 'mutation ($input: SelectSitesInput!) { selectSites(input: $input) { sites { id site { id } siteResponse version } } }', {
        input: { trialId: selectorTrial.id, expectedVersion: read.trial.version, selectedOn: '2026-02-02', sites: [{ siteId }] },
      });
      expect(selected.errors).toBeUndefined();
      const row = selected.data.selectSites.sites.find((r: any) => r.site.id === siteId);
      expect(row.siteResponse).toBe('PENDING');
      for (const door of ['gateway', 'sites'] as const) {
        expectPartsRefused(await siteParts(door, owner, siteId));
        cases.relationships++;
      }
      const partnerships = await send('sponsors', owner, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Site { partnerships { id } } } }', {
        r: [{ __typename: 'Site', id: siteId }],
      });
      expect(partnerships.data._entities[0].partnerships).toEqual([]);
      cases.relationships++;

      // Every other kind of caller, at both doors, may not answer for the site.
      const strangers: Caller[] = [owner, ['SITE', selectedSites.find((s) => s.id !== siteId)!.id], ['SITE', 'site-9999'], ['CRO', attackers[0].croId], ['PATIENT_ADVOCATE', 'advocates-01'], ['PLATFORM_ADMIN', 'platform']];
      for (const caller of strangers) {
        for (const door of ['gateway', 'sponsors'] as const) {
          const answer = await send(door, caller, 'mutation ($input: AnswerSiteSelectionInput!) { acceptSiteSelection(input: $input) { id } }', {
            input: { trialSiteId: row.id, expectedVersion: row.version, respondedOn: '2026-02-03' },
          });
          expect(answer.data?.acceptSiteSelection ?? null).toBeNull();
          expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          expect(answer.errors?.[0]?.message).not.toContain(row.id);
          cases.relationships++;
        }
      }
      expectPartsRefused(await siteParts('gateway', owner, siteId));

      // The site itself accepts: now, and only now, the sponsor is its partner.
      const accepted = await send('sponsors', ['SITE', siteId], 'mutation ($input: AnswerSiteSelectionInput!) { acceptSiteSelection(input: $input) { siteResponse } }', {
        input: { trialSiteId: row.id, expectedVersion: row.version, respondedOn: '2026-02-03' },
      });
      expect(accepted.errors).toBeUndefined();
      const after = await siteParts('sites', owner, siteId);
      expect(after.errors).toEqual([]);
      expect(after.site.capacity).not.toBeNull();
    },
  );
});

// ---- 2. Derived figures ----

describe('derived figures', () => {
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  /** The overlap by the rule: against the same CRO's latest earlier assignment in the same site, trial and role. */
  function expectedOverlap(assignment: StaffAssignmentRecord): number | null {
    const earlier = dataset.staffAssignments
      .filter((other) => other.croId === assignment.croId && other.siteId === assignment.siteId && other.trialId === assignment.trialId && other.role === assignment.role)
      .filter((other) => other.startedOn < assignment.startedOn || (other.startedOn === assignment.startedOn && other.id < assignment.id))
      .sort((a, b) => (a.startedOn === b.startedOn ? (a.id < b.id ? 1 : -1) : a.startedOn < b.startedOn ? 1 : -1));
    if (earlier.length === 0) return null;
    return day(earlier[0].endedOn ?? TODAY) - day(assignment.startedOn);
  }

  test.each(['gateway', 'cros'] as const)("another CRO's monitor leaving is not measured against, for any caller, via %s", async (door) => {
    const [earlier, later] = HANDOVER;
    const readers: Caller[] = [['CRO', later.croId], ['CRO', earlier.croId], ['SITE', later.siteId], ['SPONSOR', sponsorOf.get(later.trialId)!], ['PLATFORM_ADMIN', 'platform']];
    for (const caller of readers) {
      const query = door === 'gateway'
        ? 'query ($id: ID!) { site(id: $id) { staffAssignments { id handoverOverlapDays } } }'
        : 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Site { staffAssignments { id handoverOverlapDays } } } }';
      const response = await send(door, caller, query, door === 'gateway' ? { id: later.siteId } : { r: [{ __typename: 'Site', id: later.siteId }] });
      expect(response.errors).toBeUndefined();
      const site = door === 'gateway' ? response.data.site : response.data._entities[0];
      const seen = site.staffAssignments.find((a: any) => a.id === later.id);
      // Every reader but the earlier CRO sees the later assignment; none is told 10 days of the other CRO's overlap.
      if (caller[1] === earlier.croId) expect(seen).toBeUndefined();
      else expect(seen).toEqual({ id: later.id, handoverOverlapDays: null });
      cases.derived++;
    }
  });

  // Every assignment each CRO sees, straight from the cros subgraph: its overlap is the same-CRO one.
  const croIds = [...new Set(dataset.staffAssignments.map((a) => a.croId))].sort();
  test.each(croIds)('every handover overlap %s is shown follows the same-CRO rule', async (croId) => {
    const siteIds = [...new Set(dataset.staffAssignments.filter((a) => a.croId === croId).map((a) => a.siteId))];
    const response = await send('cros', ['CRO', croId], 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Site { staffAssignments { id handoverOverlapDays } } } }', {
      r: siteIds.map((id) => ({ __typename: 'Site', id })),
    });
    expect(response.errors).toBeUndefined();
    const byId = new Map(dataset.staffAssignments.map((a) => [a.id, a]));
    for (const site of response.data._entities) {
      for (const seen of site.staffAssignments) {
        expect([seen.id, seen.handoverOverlapDays]).toEqual([seen.id, expectedOverlap(byId.get(seen.id)!)]);
        cases.derived++;
      }
    }
  });
});

// ---- 3. Refusals and side channels ----

describe('refusals and side channels', () => {
  const POLICY_WORDS = /SITE_ONLY|PARTNERS|ALL_AUTHENTICATED/;
  // Callers of every kind that are none of a site's partners.
  const strangersOf = (siteId: string): Caller[] => [
    ['SITE', dataset.sites.find((s) => s.id !== siteId)!.id],
    ['SITE', 'site-9999'],
    ['SPONSOR', dataset.sponsors.find((s) => !partnersOf(siteId).has(s.id))!.id],
    ['CRO', dataset.cros.find((c) => !crosAt(siteId).has(c.id))!.id],
    ['PATIENT_ADVOCATE', 'advocates-02'],
  ];

  test.each(byPolicy.map(({ policy, site }) => [policy, site.id] as const))(
    'a %s site (%s) refuses its parts without saying whom it shares them with, at both doors, to every stranger',
    async (_policy, siteId) => {
      for (const caller of strangersOf(siteId)) {
        for (const door of ['gateway', 'sites'] as const) {
          const read = await siteParts(door, caller, siteId);
          expectPartsRefused(read);
          for (const error of read.errors) {
            expect(error.message).not.toMatch(POLICY_WORDS);
            expect(error.message).toContain(`${caller[0]} ${caller[1]}`);
          }
          cases.refusals++;
        }
      }
    },
  );

  // A trial asked by its NCT id by callers with no relationship to it: the refusal never names its internal id.
  const trial = dataset.trials.find((t) => rowsOf(t.id).length > 0 && dataset.engagements.some((e) => e.trialId === t.id))!;
  const trialStrangers: Caller[] = [
    ['SITE', dataset.sites.find((s) => !rowsOf(trial.id).some((row) => row.siteId === s.id))!.id],
    ['SPONSOR', dataset.sponsors.find((s) => s.id !== trial.sponsorId)!.id],
    ['CRO', dataset.cros.find((c) => !dataset.engagements.some((e) => e.trialId === trial.id && e.croId === c.id))!.id],
    ['PATIENT_ADVOCATE', 'advocates-09'],
    ['SPONSOR', 'sponsor-999'],
  ];
  test.each(trialStrangers)("%s %s asks for a trial by NCT id: refused, naming the rule and the caller, not the trial's id", async (...caller) => {
    const viaGateway = await send('gateway', caller, 'query ($n: String!) { trial(nctId: $n) { id title } }', { n: trial.nctId });
    const direct = await send('sponsors', caller, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id title } } }', {
      r: [{ __typename: 'Trial', nctId: trial.nctId }],
    });
    for (const response of [viaGateway, direct]) {
      refusedWith(response, 'trial-relationship');
      for (const error of response.errors!) {
        expect(error.message).not.toContain(trial.id);
        expect(error.message).toContain(`${caller[0]} ${caller[1]}`);
      }
      cases.refusals++;
    }
  });

  test("a site reads the visits at its own site: an engagement it is not party to is refused without its id", async () => {
    const visit = dataset.monitoringVisits[0];
    for (const door of ['gateway', 'cros'] as const) {
      const query = door === 'gateway'
        ? 'query ($id: ID!) { site(id: $id) { monitoringVisits { engagement { id } } } }'
        : 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Site { monitoringVisits { engagement { id } } } } }';
      const response = await send(door, ['SITE', visit.siteId], query, door === 'gateway' ? { id: visit.siteId } : { r: [{ __typename: 'Site', id: visit.siteId }] });
      refusedWith(response, 'engagement-parties');
      const engagementIds = dataset.engagements.map((e) => e.id);
      for (const error of response.errors!) for (const id of engagementIds) expect(error.message).not.toContain(id);
      cases.refusals++;
    }
  });

  test('writes naming another party\'s records are refused without echoing ids the caller may not see', async () => {
    const engagement = dataset.engagements[0];
    const otherCro = dataset.cros.find((c) => c.id !== engagement.croId)!.id;
    const tries: [Door, Caller, string, Record<string, unknown>, string][] = [
      ['gateway', ['CRO', otherCro], 'mutation ($input: RecordMonitoringVisitInput!) { recordMonitoringVisit(input: $input) { id } }',
        { input: { engagementId: engagement.id, siteId: dataset.sites[0].id, kind: 'ROUTINE', visitedOn: engagement.startsOn, findings: 0 } }, engagement.id],
      ['cros', ['SPONSOR', engagement.sponsorId === dataset.sponsors[0].id ? dataset.sponsors[1].id : dataset.sponsors[0].id], 'mutation ($input: OpenActionInput!) { openAction(input: $input) { id } }',
        { input: { engagementId: engagement.id, description: 'probe', severity: 'LOW' } }, engagement.id],
      ['sponsors', ['SPONSOR', dataset.sponsors.find((s) => s.id !== trial.sponsorId)!.id], 'mutation ($input: SelectSitesInput!) { selectSites(input: $input) { id } }',
        { input: { trialId: trial.id, expectedVersion: 1, selectedOn: '2026-01-01', sites: [{ siteId: dataset.sites[0].id }] } }, trial.id],
      ['gateway', ['SITE', trialStrangers[0][1]], 'mutation ($input: RaiseProtocolFeedbackInput!) { raiseProtocolFeedback(input: $input) { id } }',
        { input: { trialId: trial.id, topic: 'OTHER', body: 'probe' } }, trial.id],
    ];
    for (const [door, caller, query, variables, hidden] of tries) {
      const response = await send(door, caller, query, variables);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.errors![0].message).not.toContain(hidden);
      cases.refusals++;
    }
  });

  // The existence oracle: a write naming a private record by id (an engagement, a trial by its
  // internal id, a staff member, a finding...) must answer a caller of the kind it is for alike
  // whether the id names nothing or another party's record: same HTTP status, same body (code,
  // rule, field, message), at the gateway and at the subgraph that owns the record. Otherwise any
  // writer could list which ids exist. (Sites, sponsors and CROs are the public directory: an
  // unknown one may say so.)
  const attackingSponsor = dataset.sponsors[0].id;
  const othersTrial = dataset.trials.find((t) => t.sponsorId !== attackingSponsor && rowsOf(t.id).length > 0)!;
  const attackingSite = dataset.sites.find((s) => !rowsOf(othersTrial.id).some((row) => row.siteId === s.id) && s.staff.length > 0)!.id;
  const othersStaff = dataset.sites.find((s) => s.id !== attackingSite && s.staff.length > 0)!.staff[0].id;
  const attackingCro = dataset.cros[0].id;
  const othersEngagement = dataset.engagements.find((e) => e.croId !== attackingCro && e.sponsorId !== attackingSponsor && e.actions.length > 0)!;
  const othersVisit = dataset.monitoringVisits.find((v) => engagementById.get(v.engagementId)!.croId !== attackingCro)!;
  const othersAssignment = dataset.staffAssignments.find((a) => a.croId !== attackingCro)!;
  const othersFeedback = dataset.feedback.find((f) => sponsorOf.get(f.trialId) !== attackingSponsor)!;
  const othersProgramme = dataset.pipeline.find((program) => program.sponsorId !== attackingSponsor)!;
  const othersFinding = dataset.advocateReviews.find((r) => sponsorOf.get(r.trialId) !== attackingSponsor && r.findings.length > 0)!.findings[0];
  const attackingGroup = dataset.advocacyGroups[0].id;
  const uninvitedTrial = dataset.trials.find((t) => !dataset.advocateReviews.some((r) => r.trialId === t.id && r.advocacyGroupId === attackingGroup))!;
  const PROTOCOL = {
    effectiveOn: '2026-01-01', countries: ['ES'],
    procedures: [{ name: 'Blood draw', invasive: true, patientReported: false, durationMinutes: 10 }],
    visits: [{ number: 1, name: 'Baseline', dayOffset: 0, durationMinutes: 60, procedures: ['Blood draw'] }],
  };
  // [mutation, input type, owning subgraph, caller, rule, field, an id naming nothing, another party's id, the input around the id]
  type OracleProbe = [string, string, Party, Caller, string, string, string, string, (id: string) => Record<string, unknown>];
  const sponsorCaller: Caller = ['SPONSOR', attackingSponsor];
  const croCaller: Caller = ['CRO', attackingCro];
  const siteCaller: Caller = ['SITE', attackingSite];
  const othersRow = rowsOf(othersTrial.id)[0].id;
  const oracleProbes: OracleProbe[] = [
    ['publishProtocolVersion', 'PublishProtocolVersionInput', 'sponsors', sponsorCaller, 'sponsor-writes-own-trials', 'input.trialId', 'trial-9999', othersTrial.id,
      (trialId) => ({ trialId, expectedVersion: 1, ...PROTOCOL })],
    ['selectSites', 'SelectSitesInput', 'sponsors', sponsorCaller, 'sponsor-writes-own-trials', 'input.trialId', 'trial-9999', othersTrial.id,
      (trialId) => ({ trialId, expectedVersion: 1, selectedOn: '2026-01-01', sites: [{ siteId: attackingSite }] })],
    ['inviteAdvocateReview', 'InviteAdvocateReviewInput', 'sponsors', sponsorCaller, 'sponsor-writes-own-trials', 'input.trialId', 'trial-9999', othersTrial.id,
      (trialId) => ({ trialId, advocacyGroupId: attackingGroup, invitedOn: '2026-01-01' })],
    ['activateTrialSite', 'ActivateTrialSiteInput', 'sponsors', sponsorCaller, 'sponsor-writes-own-trials', 'input.trialSiteId', 'trial-site-99999', othersRow,
      (trialSiteId) => ({ trialSiteId, expectedVersion: 1, activatedOn: '2026-01-01' })],
    ['recordEnrollment', 'RecordEnrollmentInput', 'sponsors', sponsorCaller, 'sponsor-writes-own-trials', 'input.trialSiteId', 'trial-site-99999', othersRow,
      (trialSiteId) => ({ trialSiteId, expectedVersion: 1, screened: 1, enrolled: 0, withdrawn: 0 })],
    ['sharePipelineProgram', 'SharePipelineProgramInput', 'sponsors', sponsorCaller, 'sponsor-writes-own-trials', 'input.programId', 'pipeline-9999', othersProgramme.id,
      (programId) => ({ programId, expectedVersion: 1, indication: 'Probe', therapeuticArea: 'ONCOLOGY', phase: 'PHASE_2', plannedStartQuarter: '2027-Q2', estimatedSites: 3, countries: ['ES'], sharedWithSiteIds: [] })],
    ['respondToProtocolFeedback', 'RespondToProtocolFeedbackInput', 'sponsors', sponsorCaller, 'sponsor-writes-own-trials', 'input.feedbackId', 'feedback-99999', othersFeedback.id,
      (feedbackId) => ({ feedbackId, expectedVersion: 1, status: 'ACKNOWLEDGED', response: 'Probe' })],
    ['raiseProtocolFeedback', 'RaiseProtocolFeedbackInput', 'sponsors', siteCaller, 'feedback-from-trial-sites', 'input.trialId', 'trial-9999', othersTrial.id,
      (trialId) => ({ trialId, topic: 'OTHER', body: 'Probe' })],
    ['acceptSiteSelection', 'AnswerSiteSelectionInput', 'sponsors', siteCaller, 'site-answers-own-selections', 'input.trialSiteId', 'trial-site-99999', othersRow,
      (trialSiteId) => ({ trialSiteId, expectedVersion: 1, respondedOn: '2026-01-01' })],
    ['declineSiteSelection', 'AnswerSiteSelectionInput', 'sponsors', siteCaller, 'site-answers-own-selections', 'input.trialSiteId', 'trial-site-99999', othersRow,
      (trialSiteId) => ({ trialSiteId, expectedVersion: 1, respondedOn: '2026-01-01' })],
    ['setResponsibilities', 'SetResponsibilitiesInput', 'cros', croCaller, 'cro-writes-own-engagements', 'input.engagementId', 'engagement-9999', othersEngagement.id,
      (engagementId) => ({ engagementId, expectedVersion: 1, responsibilities: [] })],
    ['recordMonitoringVisit', 'RecordMonitoringVisitInput', 'cros', croCaller, 'cro-writes-own-engagements', 'input.engagementId', 'engagement-9999', othersEngagement.id,
      (engagementId) => ({ engagementId, siteId: attackingSite, kind: 'ROUTINE', visitedOn: '2026-01-01', findings: 0 })],
    ['recordFollowUpLetter', 'RecordFollowUpLetterInput', 'cros', croCaller, 'cro-writes-own-engagements', 'input.visitId', 'monitoring-visit-99999', othersVisit.id,
      (visitId) => ({ visitId, expectedVersion: 1, sentOn: '2026-01-01' })],
    ['openAction', 'OpenActionInput', 'cros', croCaller, 'engagement-parties-raise-actions', 'input.engagementId', 'engagement-9999', othersEngagement.id,
      (engagementId) => ({ engagementId, description: 'Probe', severity: 'LOW' })],
    ['openAction', 'OpenActionInput', 'cros', sponsorCaller, 'engagement-parties-raise-actions', 'input.engagementId', 'engagement-9999', othersEngagement.id,
      (engagementId) => ({ engagementId, description: 'Probe', severity: 'LOW' })],
    ['resolveAction', 'ResolveActionInput', 'cros', croCaller, 'cro-writes-own-engagements', 'input.actionId', 'action-99999', othersEngagement.actions[0].id,
      (actionId) => ({ actionId, expectedVersion: 1 })],
    ['assignStaff', 'AssignStaffInput', 'cros', croCaller, 'cro-writes-own-engagements', 'input.engagementId', 'engagement-9999', othersEngagement.id,
      (engagementId) => ({ engagementId, siteId: attackingSite, role: 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym: 'CRA-PR0BE', startedOn: '2026-01-01' })],
    ['handOverStaff', 'HandOverStaffInput', 'cros', croCaller, 'cro-writes-own-engagements', 'input.assignmentId', 'assignment-99999', othersAssignment.id,
      (assignmentId) => ({ assignmentId, expectedVersion: 1, endedOn: '2026-01-01', successor: { pseudonym: 'CRA-PR0BE', startedOn: '2026-01-02' } })],
    ['endStaffMember', 'EndStaffMemberInput', 'sites', siteCaller, 'site-writes-own-data', 'input.staffMemberId', 'staff-99999', othersStaff,
      (staffMemberId) => ({ staffMemberId, expectedVersion: 1, endedOn: '2026-01-01' })],
    ['recordTraining', 'RecordTrainingInput', 'sites', siteCaller, 'site-writes-own-data', 'input.staffMemberId', 'staff-99999', othersStaff,
      (staffMemberId) => ({ staffMemberId, name: 'GCP refresher', completedOn: '2026-01-01' })],
    ['decideOnFinding', 'DecideOnFindingInput', 'insights', sponsorCaller, 'finding-decision', 'input.findingId', 'finding-99999', othersFinding.id,
      (findingId) => ({ findingId, expectedVersion: 1, decision: 'ADOPTED' })],
    ['recordAdvocateReview', 'RecordAdvocateReviewInput', 'insights', ['PATIENT_ADVOCATE', attackingGroup], 'advocate-review-author', 'input.trialId', 'trial-9999', uninvitedTrial.id,
      (trialId) => ({ trialId, protocolVersion: 1, format: 'PANEL', reviewedOn: '2026-01-01', findings: [] })],
  ];

  /** The whole answer as a client sees it: HTTP status and parsed body. */
  async function answer(door: Door, caller: Caller, query: string, variables: Record<string, unknown>) {
    const url = door === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls[door];
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await as(...caller)) }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as GraphQLResponse };
  }

  test.each(oracleProbes.flatMap((probe) => (['gateway', probe[2]] as Door[]).map((door) => [probe[0], door, probe[3], probe] as const)))(
    '%s via %s as %j: an id naming nothing is refused exactly as another party\'s record is',
    async (mutation, door, caller, [, inputType, , , rule, field, missingId, othersId, inputAround]) => {
      const query = `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { __typename } }`;
      const missing = await answer(door, caller, query, { input: inputAround(missingId) });
      const others = await answer(door, caller, query, { input: inputAround(othersId) });
      expect(missing).toEqual(others);
      expect(others.status).toBe(200);
      expect(others.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule, field });
      expect(missing.body.data?.[mutation] ?? null).toBeNull();
      expect(missing.body.errors).toHaveLength(1);
      for (const id of [missingId, othersId]) expect(missing.body.errors![0].message).not.toContain(id);
      expect(missing.body.errors![0].message).toContain(`${caller[0]} ${caller[1]}`);
      cases.refusals++;
    },
  );

  // The same oracle in reads: a private record asked for by its id or key (a trial by id or NCT id,
  // at the root and as an entity, and what the cros and insights subgraphs hang off a trial id)
  // must answer a caller who may not see it alike whether the id names nothing or another party's
  // record: same status and body, at the gateway and at each subgraph the read reaches. Whether a
  // trial is on the platform at all is as private as the trial. Patient-experience aggregates are
  // not asked of advocates: they see every trial's (patient-aggregate-scope).
  type TrialHandle = { id: string; nctId: string };
  const noTrial: TrialHandle = { id: 'trial-9999', nctId: 'NCT08999999' };
  const entityQuery = (type: 'Trial' | 'Site', selection: string) =>
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { ${selection} } } }`;
  const TRIAL_FIELDS = 'id title';
  const EXPERIENCE = 'suppressed respondents meanBurden';
  // Site.patientExperience(trialId): a site asks of itself, anyone else of a site the trial runs at.
  const runningSiteOfTrial = rowsOf(trial.id)[0].siteId;
  const siteOf = (caller: Caller) => (caller[0] === 'SITE' ? caller[1] : runningSiteOfTrial);
  // [what is read, door, query, its variables for a trial, refused with trial-relationship, asked of advocates too]
  type ReadProbe = [string, Door, string, (t: TrialHandle, caller: Caller) => Record<string, unknown>, boolean, boolean];
  const readProbes: ReadProbe[] = [
    ['trial(id)', 'gateway', `query ($id: ID!) { trial(id: $id) { ${TRIAL_FIELDS} } }`, (t) => ({ id: t.id }), true, true],
    ['trial(id)', 'sponsors', `query ($id: ID!) { trial(id: $id) { ${TRIAL_FIELDS} } }`, (t) => ({ id: t.id }), true, true],
    ['Trial { id }', 'sponsors', entityQuery('Trial', TRIAL_FIELDS), (t) => ({ r: [{ __typename: 'Trial', id: t.id }] }), true, true],
    ['trial(nctId)', 'gateway', `query ($n: String!) { trial(nctId: $n) { ${TRIAL_FIELDS} } }`, (t) => ({ n: t.nctId }), true, true],
    ['trial(nctId)', 'sponsors', `query ($n: String!) { trial(nctId: $n) { ${TRIAL_FIELDS} } }`, (t) => ({ n: t.nctId }), true, true],
    ['Trial { nctId }', 'sponsors', entityQuery('Trial', TRIAL_FIELDS), (t) => ({ r: [{ __typename: 'Trial', nctId: t.nctId }] }), true, true],
    ['trial(id) with its cros and insights fields', 'gateway',
      `query ($id: ID!) { trial(id: $id) { id engagements { id } craTurnover { assignments } advocateReviews { id } } }`, (t) => ({ id: t.id }), true, true],
    ['Trial { id } engagements, craTurnover', 'cros', entityQuery('Trial', 'engagements { id } craTurnover { assignments }'),
      (t) => ({ r: [{ __typename: 'Trial', id: t.id }] }), false, true],
    ['Trial { id } advocateReviews', 'insights', entityQuery('Trial', 'advocateReviews { id }'),
      (t) => ({ r: [{ __typename: 'Trial', id: t.id }] }), false, true],
    ['Trial { id } patientExperience', 'insights', entityQuery('Trial', `patientExperience { ${EXPERIENCE} }`),
      (t) => ({ r: [{ __typename: 'Trial', id: t.id }] }), false, false],
    ['advocateReviews(trialId)', 'gateway', 'query ($id: ID) { advocateReviews(trialId: $id) { id } }', (t) => ({ id: t.id }), false, true],
    ['advocateReviews(trialId)', 'insights', 'query ($id: ID) { advocateReviews(trialId: $id) { id } }', (t) => ({ id: t.id }), false, true],
    ['site.patientExperience(trialId)', 'gateway', `query ($s: ID!, $id: ID) { site(id: $s) { patientExperience(trialId: $id) { ${EXPERIENCE} } } }`,
      (t, caller) => ({ s: siteOf(caller), id: t.id }), false, false],
    ['Site { id } patientExperience(trialId)', 'insights', `query ($r: [_Any!]!, $id: ID) { _entities(representations: $r) { ... on Site { patientExperience(trialId: $id) { ${EXPERIENCE} } } } }`,
      (t, caller) => ({ r: [{ __typename: 'Site', id: siteOf(caller) }], id: t.id }), false, false],
  ];
  test.each(trialStrangers.flatMap((caller) =>
    readProbes.filter((probe) => caller[0] !== 'PATIENT_ADVOCATE' || probe[5]).map((probe) => [probe[0], probe[1], caller, probe] as const),
  ))('%s via %s as %j: a trial that is not here reads exactly as one the caller may not see', async (_what, door, caller, [, , query, variablesFor, refused]) => {
    const missing = await answer(door, caller, query, variablesFor(noTrial, caller));
    const others = await answer(door, caller, query, variablesFor(trial, caller));
    expect(missing).toEqual(others);
    expect(others.status).toBe(200);
    const text = JSON.stringify(others.body);
    for (const id of [trial.id, noTrial.id, noTrial.nctId]) expect(text).not.toContain(id);
    if (refused) {
      refusedWith(others.body, 'trial-relationship');
      expect(others.body.errors).toHaveLength(1);
      expect(others.body.errors![0].message).toContain(`${caller[0]} ${caller[1]}`);
    }
    cases.refusals++;
  });

  test('a platform admin, who sees every trial, reads a trial that is not here as null without an error, at both doors and by both keys', async () => {
    const admin: Caller = ['PLATFORM_ADMIN', 'platform'];
    const trialIn = (data: any) => ('trial' in data ? data.trial : data._entities[0]);
    for (const [, door, query, variablesFor] of readProbes.filter((probe) => probe[4])) {
      const missing = await answer(door, admin, query, variablesFor(noTrial, admin));
      expect(missing.body.errors).toBeUndefined();
      expect(trialIn(missing.body.data)).toBeNull();
      const present = await answer(door, admin, query, variablesFor(trial, admin));
      expect(present.body.errors).toBeUndefined();
      expect(trialIn(present.body.data).id).toBe(trial.id);
      cases.refusals++;
    }
  });

  // A version moves with every part of its record: only who writes the record reads it, at every door.
  const shared = dataset.pipeline.find((program) => program.sharedWithSiteIds.length > 0)!;
  const runningSite = rowsOf(trial.id)[0].siteId;
  const versionProbes: [string, Door, Caller, string, Record<string, unknown>, (data: any) => unknown, string][] = [
    ...strangersOf(byPolicy[0].site.id).flatMap((caller) =>
      (['gateway', 'sites'] as const).map((door): [string, Door, Caller, string, Record<string, unknown>, (data: any) => unknown, string] => [
        'Site.version', door, caller,
        door === 'gateway' ? 'query ($id: ID!) { site(id: $id) { id version } }' : 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id version } } }',
        door === 'gateway' ? { id: byPolicy[0].site.id } : { r: [{ __typename: 'Site', id: byPolicy[0].site.id }] },
        (data) => (door === 'gateway' ? data.site : data._entities[0]).version, 'site-only',
      ]),
    ),
    ...([['SITE', runningSite], ['CRO', dataset.engagements.find((e) => e.trialId === trial.id)!.croId]] as Caller[]).flatMap((caller) =>
      (['gateway', 'sponsors'] as const).map((door): [string, Door, Caller, string, Record<string, unknown>, (data: any) => unknown, string] => [
        'Trial.version', door, caller,
        door === 'gateway' ? 'query ($id: ID!) { trial(id: $id) { id version } }' : 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Trial { id version } } }',
        door === 'gateway' ? { id: trial.id } : { r: [{ __typename: 'Trial', id: trial.id }] },
        (data) => (door === 'gateway' ? data.trial : data._entities[0]).version, 'sponsor-private',
      ]),
    ),
    ...(['gateway', 'sponsors'] as const).map((door): [string, Door, Caller, string, Record<string, unknown>, (data: any) => unknown, string] => [
      'PipelineProgram.version', door, ['SITE', shared.sharedWithSiteIds[0]],
      door === 'gateway' ? 'query ($id: ID!) { site(id: $id) { sharedPipeline { id version } } }' : 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Site { sharedPipeline { id version } } } }',
      door === 'gateway' ? { id: shared.sharedWithSiteIds[0] } : { r: [{ __typename: 'Site', id: shared.sharedWithSiteIds[0] }] },
      (data) => (door === 'gateway' ? data.site : data._entities[0]).sharedPipeline.find((p: any) => p.id === shared.id).version, 'sponsor-private',
    ]),
  ];
  test.each(versionProbes)('%s via %s as %j: null with FORBIDDEN, the record itself still answered', async (_, door, caller, query, variables, versionOf, rule) => {
    const response = await send(door, caller, query, variables);
    expect(versionOf(response.data)).toBeNull();
    expect(response.errors?.map((error) => error.extensions?.rule)).toContain(rule);
    cases.refusals++;
  });

  test("the site's own version answers the site, and a stranger's write with a wrong version is FORBIDDEN, never a CONFLICT telling the version", async () => {
    const site = byPolicy[0].site;
    const own = await send('gateway', ['SITE', site.id], 'query ($id: ID!) { site(id: $id) { version } }', { id: site.id });
    expect(own.data.site.version).toEqual(expect.any(Number));
    for (const caller of strangersOf(site.id)) {
      for (const door of ['gateway', 'sites'] as const) {
        const response = await send(door, caller, 'mutation ($input: SetSharingPolicyInput!) { setSharingPolicy(input: $input) { id } }', {
          input: { siteId: site.id, expectedVersion: 999, capacity: 'ALL_AUTHENTICATED', staff: 'ALL_AUTHENTICATED', assets: 'ALL_AUTHENTICATED' },
        });
        expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(response.errors![0].extensions).not.toHaveProperty('currentVersion');
        cases.refusals++;
      }
    }
  });

  // In production a subgraph's schema is for platform admins: _service and introspection, every door.
  const schemaProbes: [Door, Caller][] = (['sites', 'sponsors', 'cros', 'insights'] as const).flatMap((door) =>
    ([['SITE', 'site-0001'], ['SPONSOR', 'sponsor-001'], ['CRO', 'cro-001'], ['PATIENT_ADVOCATE', 'advocates-01'], ['SITE', 'site-9999']] as Caller[]).map(
      (caller): [Door, Caller] => [door, caller],
    ),
  );
  test.each(schemaProbes)('in production the %s subgraph refuses its schema to %j', async (door, caller) => {
    const service = await send(door, caller, '{ _service { sdl } }');
    expect(service.data?._service ?? null).toBeNull();
    refusedWith(service, 'subgraph-schema-admins');
    const aliased = await send(door, caller, '{ s: _service { ... on _Service { sdl } } }');
    expect(aliased.data?.s ?? null).toBeNull();
    const introspection = await send(door, caller, '{ __schema { types { name } } }');
    expect(introspection.data?.__schema ?? null).toBeNull();
    expect(introspection.errors?.length).toBeGreaterThan(0);
    cases.refusals += 3;
  });

  test('in production the gateway gives no subgraph schema, and a platform admin still reads a subgraph\'s', async () => {
    const viaGateway = await send('gateway', ['SITE', 'site-0001'], '{ _service { sdl } }');
    expect(viaGateway.data?._service ?? null).toBeNull();
    expect(viaGateway.errors?.length).toBeGreaterThan(0);
    const admin = await send('sponsors', ['PLATFORM_ADMIN', 'platform'], '{ _service { sdl } }');
    expect(admin.errors).toBeUndefined();
    expect(admin.data._service.sdl).toContain('acceptSiteSelection');
    cases.refusals++;
  });
});

test('every class of attack ran its cases, and found nothing', () => {
  expect(cases.relationships).toBeGreaterThanOrEqual(40);
  expect(cases.derived).toBeGreaterThanOrEqual(20);
  expect(cases.refusals).toBeGreaterThanOrEqual(200);
});
