// The five flagship operations through the gateway, on two datasets of the demo seed, the demo
// size and a fifth of it: each answers with the data the dataset holds, and each subgraph runs the
// same number of SQL statements for both, however many rows come back. Then the README's example.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset } from '../seed/model';
import type { Party } from '../platform/config';
import { startTestStack, type TestStack } from './support/stack-harness';
import { as } from './support/tokens';

const QUERIES_DIR = resolve(__dirname, '..', '..', 'shared', 'queries');
const operation = (file: string) => readFileSync(resolve(QUERIES_DIR, file), 'utf8');
const K = 11;

interface Run {
  dataset: DemoDataset;
  stack: TestStack;
  variables: ReturnType<typeof flagshipVariables>;
}

const runs: Record<'small' | 'large', Run> = {} as never;
const counts: Record<string, Record<'small' | 'large', Record<Party, number>>> = {};

beforeAll(async () => {
  for (const [size, scale] of [['small', 0.2], ['large', 1]] as const) {
    const dataset = generateDemoDataset({ seed: 42, scale });
    runs[size] = { dataset, stack: await startTestStack(dataset), variables: flagshipVariables(dataset) };
  }
}, 300_000);

afterAll(async () => {
  await runs.small?.stack.shutdown();
  await runs.large?.stack.shutdown();
  if (Object.keys(counts).length > 0) {
    // Kept in the test output: the per-subgraph statement counts the assertion compared.
    console.info(`SQL statements per flagship operation (small = large):\n${Object.entries(counts)
      .map(([name, { small }]) => `  ${name.padEnd(18)} ${JSON.stringify(small)}`)
      .join('\n')}`);
  }
});

async function runFlagship(size: 'small' | 'large', file: string, variables: Record<string, unknown>) {
  let response: any;
  const statements = await runs[size].stack.countStatements(async () => {
    response = await runs[size].stack.query(operation(file), variables);
  });
  expect(response.errors).toBeUndefined();
  return { data: response.data, statements };
}

/** Runs a flagship on both datasets, checks the statement counts match, returns both answers. */
async function onBothDatasets(name: string, file: string, variablesOf: (run: Run) => Record<string, unknown>) {
  const small = await runFlagship('small', file, variablesOf(runs.small));
  const large = await runFlagship('large', file, variablesOf(runs.large));
  counts[name] = { small: small.statements, large: large.statements };
  expect(large.statements).toEqual(small.statements);
  return { small: small.data, large: large.data };
}

const respondentsAt = (dataset: DemoDataset, filter: (r: DemoDataset['surveyResponses'][number]) => boolean) =>
  dataset.surveyResponses.filter(filter).length;

test('SitesInCountry: a full page of sites, each with its trials, monitoring visits and patient experience', async () => {
  const answers = await onBothDatasets('SitesInCountry', 'sites-in-country.graphql', (run) => ({
    countryCode: run.variables.countryCode,
    first: 100,
  }));
  for (const size of ['small', 'large'] as const) {
    const { dataset, variables } = runs[size];
    const { sites } = answers[size];
    const inCountry = dataset.sites.filter((site) => site.countryCode === variables.countryCode);
    expect(sites.totalCount).toBe(inCountry.length);
    expect(sites.edges).toHaveLength(Math.min(100, inCountry.length));
    for (const { node } of sites.edges) {
      expect(node.address.countryCode).toBe(variables.countryCode);
      expect(node.trials).toHaveLength(dataset.trialSites.filter((ts) => ts.siteId === node.id).length);
      expect(node.monitoringVisits).toHaveLength(dataset.monitoringVisits.filter((v) => v.siteId === node.id).length);
      const respondents = respondentsAt(dataset, (r) => r.siteId === node.id);
      expect(node.patientExperience.suppressed).toBe(respondents < K);
      expect(node.patientExperience.respondents).toBe(respondents < K ? null : respondents);
      for (const trialSite of node.trials) expect(trialSite.trial.sponsor.name).toEqual(expect.any(String));
    }
  }
  // The larger dataset really returned more rows for the same number of statements.
  const rows = (data: any) => data.sites.edges.reduce((n: number, e: any) => n + 1 + e.node.trials.length + e.node.monitoringVisits.length, 0);
  expect(rows(answers.large)).toBeGreaterThan(rows(answers.small));
});

test('TrialOverview: one trial seen by sponsor, CROs, sites and patients, burden computed from the protocol', async () => {
  const answers = await onBothDatasets('TrialOverview', 'trial-overview.graphql', (run) => ({ nctId: run.variables.nctId }));
  for (const size of ['small', 'large'] as const) {
    const { dataset, variables } = runs[size];
    const { trial } = answers[size];
    const record = dataset.trials.find((t) => t.nctId === variables.nctId)!;
    expect(trial).toMatchObject({ id: record.id, nctId: record.nctId, title: record.title, phase: record.phase });
    expect(trial.sponsor.id).toBe(record.sponsorId);
    expect(trial.sites).toHaveLength(dataset.trialSites.filter((ts) => ts.trialId === record.id).length);
    expect(trial.engagements).toHaveLength(dataset.engagements.filter((e) => e.trialId === record.id).length);
    expect(trial.engagements.length).toBeGreaterThan(0);
    expect(trial.advocateReviews).toHaveLength(dataset.advocateReviews.filter((r) => r.trialId === record.id).length);
    expect(trial.complexity.breakdown).toHaveLength(6);

    // Burden of the protocol in force, recomputed here from the sponsor's schedule.
    const protocol = record.protocolVersions.find((v) => v.version === trial.protocol.version)!;
    const flags = new Map(protocol.procedures.map((p) => [p.name, p]));
    const expected = protocol.visits.reduce((sum, visit) => {
      const invasive = visit.procedures.filter((name) => flags.get(name)?.invasive).length;
      const questionnaires = visit.procedures.filter((name) => flags.get(name)?.patientReported).length;
      return sum + visit.durationMinutes / 60 + invasive + 0.5 * questionnaires;
    }, 0);
    expect(trial.patientBurden.score).toBeCloseTo(expected, 1);

    const respondents = respondentsAt(dataset, (r) => r.trialId === record.id);
    expect(respondents).toBeGreaterThanOrEqual(K);
    expect(trial.patientExperience).toMatchObject({ suppressed: false, respondents });
    expect(trial.patientExperience.burdenByDimension).toHaveLength(5);
  }
});

test('SitePartnerships: every sponsor the site works with, investments, shared pipeline and CRO staff', async () => {
  const answers = await onBothDatasets('SitePartnerships', 'site-partnerships.graphql', (run) => ({ siteId: run.variables.siteId }));
  for (const size of ['small', 'large'] as const) {
    const { dataset, variables } = runs[size];
    const { site } = answers[size];
    const partnerships = dataset.partnerships.filter((p) => p.siteId === variables.siteId);
    expect(site.partnerships.map((p: any) => p.sponsor.id).sort()).toEqual(partnerships.map((p) => p.sponsorId).sort());
    expect(site.partnerships.flatMap((p: any) => p.investments)).toHaveLength(partnerships.flatMap((p) => p.investments).length);
    expect(site.sharedPipeline).toHaveLength(dataset.pipeline.filter((p) => p.sharedWithSiteIds.includes(variables.siteId)).length);
    expect(site.staffAssignments).toHaveLength(dataset.staffAssignments.filter((a) => a.siteId === variables.siteId).length);
    expect(site.staff).toHaveLength(dataset.sites.find((s) => s.id === variables.siteId)!.staff.length);
    for (const partnership of site.partnerships) {
      const trials = dataset.trialSites.filter(
        (ts) => ts.siteId === variables.siteId && dataset.trials.find((t) => t.id === ts.trialId)!.sponsorId === partnership.sponsor.id,
      );
      expect(partnership.trialCount).toBe(trials.length);
    }
  }
});

test('CroPortfolio: each engagement with its sponsor, trial, gaps in who does what, KPIs and open actions', async () => {
  const answers = await onBothDatasets('CroPortfolio', 'cro-portfolio.graphql', (run) => ({ croId: run.variables.croId }));
  for (const size of ['small', 'large'] as const) {
    const { dataset, variables } = runs[size];
    const { cro } = answers[size];
    const engagements = dataset.engagements.filter((e) => e.croId === variables.croId);
    expect(cro.engagements).toHaveLength(engagements.length);
    const openActions = engagements.flatMap((e) => e.actions.filter((a) => a.resolvedAt === null));
    expect(cro.engagements.flatMap((e: any) => e.actions)).toHaveLength(openActions.length);
    expect(cro.engagements.some((e: any) => e.responsibilityGaps.length > 0)).toBe(true);
    for (const engagement of cro.engagements) {
      expect(engagement.trial.nctId).toMatch(/^NCT\d{8}$/);
      expect(engagement.sponsor.name).toEqual(expect.any(String));
    }
  }
});

test('SponsorFeedback: the pipeline shared and with whom, and how fast feedback is answered', async () => {
  const answers = await onBothDatasets('SponsorFeedback', 'sponsor-feedback.graphql', (run) => ({ sponsorId: run.variables.sponsorId }));
  for (const size of ['small', 'large'] as const) {
    const { dataset, variables } = runs[size];
    const { sponsor } = answers[size];
    const trials = dataset.trials.filter((t) => t.sponsorId === variables.sponsorId);
    expect(sponsor.trials).toHaveLength(trials.length);
    expect(sponsor.pipeline).toHaveLength(dataset.pipeline.filter((p) => p.sponsorId === variables.sponsorId).length);
    const feedback = dataset.feedback.filter((f) => trials.some((t) => t.id === f.trialId));
    const served = sponsor.trials.flatMap((t: any) => t.feedback);
    expect(served).toHaveLength(feedback.length);
    for (const item of served) {
      expect(item.site.name).toEqual(expect.any(String));
      if (item.respondedAt) expect(item.responseDays).toBeGreaterThan(0);
      else expect(item.responseDays).toBeNull();
    }
  }
});

// The same operations as each kind of caller other than an admin, acting for the organisation the
// operation is about (the trial's sponsor for TrialOverview). The rules cost statements of their
// own (invitations, trial rows, peers' checks), and which lists a caller sees differs from one
// dataset to the other, so the counts are not compared between them: each must stay under a bound
// that a statement per row (a page of 100 sites, each with its trials and visits) would break.
const STATEMENTS_PER_SUBGRAPH_AT_MOST = 8;
const byCaller: Record<string, Record<string, Record<'small' | 'large', Record<Party, number>>>> = {};

test.each([
  ['SPONSOR', (run: Run) => run.dataset.trials.find((trial) => trial.nctId === run.variables.nctId)!.sponsorId],
  ['SITE', (run: Run) => run.variables.siteId],
  ['CRO', (run: Run) => run.variables.croId],
  ['PATIENT_ADVOCATE', (run: Run) => run.variables.advocacyGroupId],
] as const)('as a %s, each flagship operation runs a bounded number of SQL statements, whatever the rows', async (party, orgOf) => {
  const operations: [string, string, (run: Run) => Record<string, unknown>][] = [
    ['SitesInCountry', 'sites-in-country.graphql', (run) => ({ countryCode: run.variables.countryCode, first: 100 })],
    ['TrialOverview', 'trial-overview.graphql', (run) => ({ nctId: run.variables.nctId })],
    ['SitePartnerships', 'site-partnerships.graphql', (run) => ({ siteId: run.variables.siteId })],
    ['CroPortfolio', 'cro-portfolio.graphql', (run) => ({ croId: run.variables.croId })],
    ['SponsorFeedback', 'sponsor-feedback.graphql', (run) => ({ sponsorId: run.variables.sponsorId })],
  ];
  byCaller[party] = {};
  for (const [name, file, variablesOf] of operations) {
    const measured = {} as Record<'small' | 'large', Record<Party, number>>;
    for (const size of ['small', 'large'] as const) {
      const run = runs[size];
      const headers = await as(party, orgOf(run));
      measured[size] = await run.stack.countStatements(() => run.stack.query(operation(file), variablesOf(run), headers));
    }
    byCaller[party][name] = measured;
    for (const size of ['small', 'large'] as const) {
      for (const [subgraph, count] of Object.entries(measured[size])) {
        expect(`${name} ${size} ${subgraph}: ${count <= STATEMENTS_PER_SUBGRAPH_AT_MOST ? 'bounded' : count}`).toBe(`${name} ${size} ${subgraph}: bounded`);
      }
    }
  }
});

// The cros subgraph's part of the two operations about its rows, as the caller each is written for:
// one statement per gateway fetch, the lists under each engagement nested in it, and the sponsors
// subgraph's check of the CRO's trials answered from the portfolio read already.
test.each([
  ['CroPortfolio as its CRO', 'cro-portfolio.graphql', (run: Run) => ({ croId: run.variables.croId }), (run: Run) => as('CRO', run.variables.croId)],
  [
    "TrialOverview as the trial's sponsor",
    'trial-overview.graphql',
    (run: Run) => ({ nctId: run.variables.nctId }),
    (run: Run) => as('SPONSOR', run.dataset.trials.find((trial) => trial.nctId === run.variables.nctId)!.sponsorId),
  ],
] as const)('%s runs one statement in the cros subgraph', async (_, file, variablesOf, headersOf) => {
  for (const size of ['small', 'large'] as const) {
    const run = runs[size];
    let response: any;
    const statements = await run.stack.countStatements(async () => (response = await run.stack.query(operation(file), variablesOf(run), await headersOf(run))));
    expect(response.errors).toBeUndefined();
    expect(`${size}: ${statements.cros}`).toBe(`${size}: 1`);
  }
});

afterAll(() => {
  if (Object.keys(byCaller).length === 0) return;
  console.info(`SQL statements per flagship operation by caller, demo dataset (sites/sponsors/cros/insights):\n${Object.entries(byCaller)
    .map(([party, operations]) => `  ${party.padEnd(17)} ${Object.entries(operations).map(([name, { large }]) => `${name} ${Object.values(large).join('/')}`).join('  ')}`)
    .join('\n')}`);
});

// The sponsors subgraph's statements for the operations it answers most of, each asked as its own
// caller: a fetch reads its parent and the lists under it in one statement (shared/raw-rows.ts), so
// these are pinned, not bounded. The floor is one statement per fetch the gateway sends to sponsors.
const trialSponsorOf = (run: Run) => run.dataset.trials.find((trial) => trial.nctId === run.variables.nctId)!.sponsorId;
test.each([
  // the trial with its protocol versions and sites; the sponsor's trials, which the insights
  // subgraph asks of sponsors as the caller for the table it suppresses over
  ['TrialOverview', 'trial-overview.graphql', (run: Run) => ({ nctId: run.variables.nctId }), 'SPONSOR', trialSponsorOf, 2],
  // the sponsor with its pipeline, the programmes' shares, its trials and the feedback on them
  ['SponsorFeedback', 'sponsor-feedback.graphql', (run: Run) => ({ sponsorId: run.variables.sponsorId }), 'SPONSOR', (run: Run) => run.variables.sponsorId, 1],
  // the site's partnerships with their trials, medians and investments, and the pipeline shared
  // with it; then the trials of its CRO staff assignments, with whether it takes part in each
  ['SitePartnerships', 'site-partnerships.graphql', (run: Run) => ({ siteId: run.variables.siteId }), 'SITE', (run: Run) => run.variables.siteId, 2],
] as const)('%s as its own caller runs the statements pinned at the sponsors subgraph, on both datasets', async (name, file, variablesOf, party, orgOf, pinned) => {
  for (const size of ['small', 'large'] as const) {
    const run = runs[size];
    const headers = await as(party, orgOf(run));
    let response: any;
    const statements = await run.stack.countStatements(async () => {
      response = await run.stack.query(operation(file), variablesOf(run), headers);
    });
    expect(response.errors).toBeUndefined();
    expect(`${name} ${size}: ${statements.sponsors}`).toBe(`${name} ${size}: ${pinned}`);
  }
});

// Patient experience is suppressed over the caller's whole table, which the insights subgraph tallies
// in the statement of the figures asked: one statement per kind of list its fetch serves.
test('as a sponsor, the insights subgraph reads its table with the figures: TrialOverview 2 statements, SitesInCountry 1', async () => {
  for (const size of ['small', 'large'] as const) {
    const { dataset, stack, variables } = runs[size];
    const trial = dataset.trials.find((candidate) => candidate.nctId === variables.nctId)!;
    let overview: any;
    const trialOverview = await stack.countStatements(async () => {
      overview = await stack.query(operation('trial-overview.graphql'), { nctId: variables.nctId }, await as('SPONSOR', trial.sponsorId));
    });
    // The trial's figure is shown, so both the figure and the table were read; the reviews are the other statement.
    expect(overview.data.trial.patientExperience.suppressed).toBe(false);
    expect(`${size} TrialOverview insights: ${trialOverview.insights}`).toBe(`${size} TrialOverview insights: 2`);

    let page: any;
    const sitesInCountry = await stack.countStatements(async () => {
      const pageOf100 = { countryCode: variables.countryCode, first: 100 };
      page = await stack.query(operation('sites-in-country.graphql'), pageOf100, await as('SPONSOR', variables.sponsorId));
    });
    // The sponsor runs trials at some of the page's sites: their figures, and its table, are read.
    const sponsored = new Set(dataset.trials.filter((t) => t.sponsorId === variables.sponsorId).map((t) => t.id));
    const pageSites = new Set(page.data.sites.edges.map((edge: any) => edge.node.id));
    expect(dataset.trialSites.some((row) => pageSites.has(row.siteId) && sponsored.has(row.trialId))).toBe(true);
    expect(`${size} SitesInCountry insights: ${sitesInCountry.insights}`).toBe(`${size} SitesInCountry insights: 1`);
  }
});

test('the README example crosses all four subgraphs and answers what the README shows', async () => {
  const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8');
  const example = readFileSync(resolve(__dirname, '..', 'examples', 'site-at-a-glance.graphql'), 'utf8');
  const section = readme.slice(readme.indexOf('## One query, four subgraphs'));
  const shownQuery = section.match(/```graphql\n([\s\S]*?)```/)![1];
  const shownAnswer = JSON.parse(section.match(/```json\n([\s\S]*?)```/)![1]);
  expect(example).toContain(shownQuery.trim());

  // The demo dataset of `npm start` is seed 42 at scale 1: the large run here.
  let response: any;
  const statements = await runs.large.stack.countStatements(async () => {
    response = await runs.large.stack.query(example, { siteId: 'site-0110' }, await as('SITE', 'site-0110'));
  });
  // In development the answer also carries the operation's estimated cost (extensions.cost): exactly
  // the one the README shows, once it shows one.
  expect(response).toEqual({ extensions: { cost: expect.objectContaining({ estimated: expect.any(Number) }) }, ...shownAnswer });
  for (const party of ['sites', 'sponsors', 'cros', 'insights'] as const) expect(statements[party]).toBeGreaterThan(0);
});
