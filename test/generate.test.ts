import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset, EngagementRecord, ProtocolVersionRecord, TrialSiteRecord } from '../seed/model';
import { CONDITIONS, COUNTRIES, THERAPEUTIC_AREAS, type TherapeuticArea } from '../seed/reference-data';

// The invariants are checked over the whole generated dataset. One test runs the generator in a
// separate tsx process, to give it another clock and time zone from the start.

type Counts = Record<string, number>;

interface GeneratorRun {
  dataset: DemoDataset;
  flagship: ReturnType<typeof flagshipVariables>;
  digests: { first: string; again: string; explicitDefaults: string; otherSeed: string };
  half: Counts;
  tenth: { counts: Counts; flagship: ReturnType<typeof flagshipVariables> };
  errors: Record<string, string>;
}

const digest = (dataset: unknown) => createHash('sha256').update(JSON.stringify(dataset)).digest('hex');
const counts = (dataset: object): Counts =>
  Object.fromEntries(
    Object.entries(dataset)
      .filter(([, value]) => Array.isArray(value))
      .map(([key, value]) => [key, (value as unknown[]).length]),
  );
const failure = (work: () => unknown) => {
  try {
    work();
    return 'no error';
  } catch (error) {
    return String(error);
  }
};

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const REFERENCE_DATE = '2026-11-01';
const DAY_MS = 86_400_000;

function runGenerator<T>(body: string, env: Record<string, string> = {}): T {
  const directory = mkdtempSync(path.join(tmpdir(), 'demo-dataset-'));
  try {
    const script = path.join(directory, 'run.ts');
    const output = path.join(directory, 'output.json');
    writeFileSync(
      script,
      `const { generateDemoDataset } = require(${JSON.stringify(path.join(ROOT, 'seed', 'generate'))});
const { createHash } = require('node:crypto');
const { writeFileSync } = require('node:fs');
const digest = (dataset: unknown) => createHash('sha256').update(JSON.stringify(dataset)).digest('hex');
${body}
writeFileSync(${JSON.stringify(output)}, JSON.stringify(result));
`,
    );
    execFileSync(process.execPath, [TSX, script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    return JSON.parse(readFileSync(output, 'utf8')) as T;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

let run: GeneratorRun;
let data: DemoDataset;

beforeAll(() => {
  const dataset = generateDemoDataset({});
  const tenth = generateDemoDataset({ scale: 0.1 });
  run = {
    dataset,
    flagship: flagshipVariables(dataset),
    digests: {
      first: digest(dataset),
      again: digest(generateDemoDataset({ seed: 42 })),
      explicitDefaults: digest(generateDemoDataset({ seed: 42, scale: 1, referenceDate: REFERENCE_DATE })),
      otherSeed: digest(generateDemoDataset({ seed: 7 })),
    },
    half: counts(generateDemoDataset({ scale: 0.5 })),
    tenth: { counts: counts(tenth), flagship: flagshipVariables(tenth) },
    errors: {
      scaleTooSmall: failure(() => generateDemoDataset({ scale: 0.05 })),
      scaleTooLarge: failure(() => generateDemoDataset({ scale: 101 })),
      badReferenceDate: failure(() => generateDemoDataset({ referenceDate: '1 Nov 2026' })),
      fractionalSeed: failure(() => generateDemoDataset({ seed: 1.5 })),
    },
  };
  data = run.dataset;
});

// Helpers ---------------------------------------------------------------------------------------------

const day = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const instantDay = (instant: string): number => Math.floor(Date.parse(instant) / DAY_MS);
const today = day(REFERENCE_DATE);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

function expectUnique(values: readonly string[]): void {
  const seen = new Set<string>();
  const duplicates = values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
  expect(duplicates).toEqual([]);
}

function gaps(engagement: EngagementRecord): string[] {
  return engagement.servicesInScope.filter((activity) => {
    const row = engagement.responsibilities.find((candidate) => candidate.activity === activity);
    return !row || row.responsible.length === 0 || row.accountable.length === 0;
  });
}

const conflicts = (engagement: EngagementRecord): string[] => engagement.responsibilities.filter((row) => row.accountable.length > 1).map((row) => row.activity);

/** The complexity score of DESIGN.md's table, computed independently of the subgraph. */
function complexity(version: ProtocolVersionRecord): number {
  const points = (value: number, moderate: number, high: number) => (value <= moderate ? 0 : value <= high ? 1 : 2);
  const total = version.visits.reduce((sum, visit) => sum + visit.procedures.length, 0);
  const eligibility = (version.inclusionCriteriaCount ?? 0) + (version.exclusionCriteriaCount ?? 0);
  const endpoints = version.endpoints.primary + version.endpoints.secondary + version.endpoints.other;
  const countries = version.countries.length;
  return (
    points(version.procedures.length, 20, 35) +
    points(total, 100, 190) +
    points(version.visits.length, 12, 24) +
    points(eligibility, 15, 30) +
    points(endpoints, 5, 13) +
    (countries <= 1 ? 0 : countries <= 10 ? 1 : 2)
  );
}

const latest = (versions: ProtocolVersionRecord[]) => versions[versions.length - 1];
const share = (part: number, whole: number) => part / whole;

function correlation(pairs: [number, number][]): number {
  const n = pairs.length;
  const meanX = pairs.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = pairs.reduce((sum, [, y]) => sum + y, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (const [x, y] of pairs) {
    covariance += (x - meanX) * (y - meanY);
    varianceX += (x - meanX) ** 2;
    varianceY += (y - meanY) ** 2;
  }
  return covariance / Math.sqrt(varianceX * varianceY);
}

// Determinism -----------------------------------------------------------------------------------------

describe('determinism', () => {
  test('the same seed gives the same dataset byte for byte, and the defaults are seed 42, scale 1 and 2026-11-01', () => {
    expect(run.digests.again).toBe(run.digests.first);
    expect(run.digests.explicitDefaults).toBe(run.digests.first);
    expect(data.seed).toBe(42);
    expect(data.scale).toBe(1);
  });

  test('another seed gives another dataset', () => {
    expect(run.digests.otherSeed).not.toBe(run.digests.first);
  });

  test('the dataset does not depend on the clock, the timezone or Math.random', () => {
    const frozen = runGenerator<{ digest: string }>(
      `
const RealDate = Date;
const frozenAt = RealDate.UTC(2001, 0, 1);
class FrozenDate extends RealDate {
  constructor(...args: any[]) { if (args.length === 0) super(frozenAt); else super(...(args as [any])); }
  static now() { return frozenAt; }
}
(globalThis as any).Date = FrozenDate;
Math.random = () => { throw new Error('Math.random is not seeded'); };
const result = { digest: digest(generateDemoDataset({})) };`,
      { TZ: 'Pacific/Kiritimati' },
    );
    expect(frozen.digest).toBe(run.digests.first);
  });

  test('out-of-range options are refused with a RangeError naming the option', () => {
    expect(run.errors.scaleTooSmall).toMatch(/RangeError: scale/);
    expect(run.errors.scaleTooLarge).toMatch(/RangeError: scale/);
    expect(run.errors.badReferenceDate).toMatch(/RangeError: referenceDate/);
    expect(run.errors.fractionalSeed).toMatch(/RangeError: seed/);
  });
});

// Sizes -------------------------------------------------------------------------------------------------

describe('sizes', () => {
  test('scale 1 has 200 sites, 40 sponsors, 20 CROs and 300 trials at 3 to 15 sites each', () => {
    expect(data.sites).toHaveLength(200);
    expect(data.sponsors).toHaveLength(40);
    expect(data.cros).toHaveLength(20);
    expect(data.trials).toHaveLength(300);
    const sitesPerTrial = [...groupBy(data.trialSites, (trialSite) => trialSite.trialId).values()].map((list) => list.length);
    expect(sitesPerTrial).toHaveLength(300);
    expect(Math.min(...sitesPerTrial)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sitesPerTrial)).toBeLessThanOrEqual(15);
    const mean = data.trialSites.length / data.trials.length;
    expect(mean).toBeGreaterThan(6);
    expect(mean).toBeLessThan(11);
  });

  test('scale 0.5 halves every base count and scale 0.1 still has data for every flagship query', () => {
    expect(run.half).toMatchObject({ sites: 100, sponsors: 20, cros: 10, trials: 150 });
    expect(run.half.trialSites / data.trialSites.length).toBeGreaterThan(0.35);
    expect(run.half.trialSites / data.trialSites.length).toBeLessThan(0.65);
    expect(run.tenth.counts).toMatchObject({ sites: 20, sponsors: 4, cros: 2, trials: 30 });
    expect(Object.values(run.tenth.flagship).every((value) => typeof value === 'string' && value.length > 0)).toBe(true);
  });

  test('scale 50 has fifty times the records', () => {
    const big = { counts: counts(generateDemoDataset({ scale: 50 })) };
    expect(big.counts).toMatchObject({ sites: 10_000, sponsors: 2000, cros: 1000, trials: 15_000 });
    for (const key of ['trialSites', 'partnerships', 'engagements', 'monitoringVisits', 'surveyResponses']) {
      const ratio = big.counts[key] / (data as unknown as Record<string, unknown[]>)[key].length;
      expect(ratio).toBeGreaterThan(35);
      expect(ratio).toBeLessThan(65);
    }
  });
});

// Ids and references -----------------------------------------------------------------------------------

describe('ids and references', () => {
  test('ids are zero-padded, stable in form and unique in every collection', () => {
    data.sites.forEach((site, i) => expect(site.id).toBe(`site-${String(i + 1).padStart(4, '0')}`));
    data.sponsors.forEach((sponsor, i) => expect(sponsor.id).toBe(`sponsor-${String(i + 1).padStart(3, '0')}`));
    data.cros.forEach((cro, i) => expect(cro.id).toBe(`cro-${String(i + 1).padStart(3, '0')}`));
    data.trials.forEach((trial, i) => expect(trial.id).toBe(`trial-${String(i + 1).padStart(4, '0')}`));
    for (const trial of data.trials) expect(trial.nctId).toMatch(/^NCT\d{8}$/);
    expectUnique(data.trials.map((trial) => trial.nctId));
    for (const collection of ['trialSites', 'partnerships', 'pipeline', 'feedback', 'engagements', 'monitoringVisits', 'staffAssignments', 'advocateReviews'] as const) {
      expectUnique((data[collection] as { id: string }[]).map((record) => record.id));
    }
    expectUnique(data.sites.flatMap((site) => site.staff.map((member) => member.id)));
    expectUnique(data.sites.flatMap((site) => site.assets.map((asset) => asset.id)));
    expectUnique(data.partnerships.flatMap((partnership) => partnership.investments.map((investment) => investment.id)));
    expectUnique(data.engagements.flatMap((engagement) => engagement.actions.map((action) => action.id)));
    expectUnique(data.advocateReviews.flatMap((review) => review.findings.map((finding) => finding.id)));
    expectUnique(data.surveyResponses.map((response) => response.clientResponseId));
    expectUnique(data.sites.map((site) => site.name));
    expectUnique(data.sponsors.map((sponsor) => sponsor.name));
    expectUnique(data.cros.map((cro) => cro.name));
  });

  test('every reference points at a record that exists, and at the right one', () => {
    const sites = new Map(data.sites.map((site) => [site.id, site]));
    const sponsors = new Map(data.sponsors.map((sponsor) => [sponsor.id, sponsor]));
    const cros = new Map(data.cros.map((cro) => [cro.id, cro]));
    const trials = new Map(data.trials.map((trial) => [trial.id, trial]));
    const engagements = new Map(data.engagements.map((engagement) => [engagement.id, engagement]));
    const trialSite = new Set(data.trialSites.map((record) => `${record.trialId}|${record.siteId}`));
    const partners = new Set(data.partnerships.map((partnership) => `${partnership.sponsorId}|${partnership.siteId}`));
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };

    for (const trial of data.trials) check(sponsors.has(trial.sponsorId), `${trial.id} sponsor`);
    expectUnique([...trialSite]);
    for (const record of data.trialSites) check(trials.has(record.trialId) && sites.has(record.siteId), `${record.id}`);
    for (const site of data.sites) {
      for (const asset of site.assets) {
        check(asset.fundedBySponsorId === null || partners.has(`${asset.fundedBySponsorId}|${site.id}`), `${asset.id} funded by a partner`);
      }
    }
    for (const partnership of data.partnerships) check(sponsors.has(partnership.sponsorId) && sites.has(partnership.siteId), partnership.id);
    for (const programme of data.pipeline) {
      check(sponsors.get(programme.sponsorId)?.kind === 'INDUSTRY', `${programme.id} sponsor`);
      for (const siteId of programme.sharedWithSiteIds) check(partners.has(`${programme.sponsorId}|${siteId}`), `${programme.id} shared with ${siteId}`);
    }
    for (const item of data.feedback) {
      check(trialSite.has(`${item.trialId}|${item.siteId}`), `${item.id} from a trial site`);
      check(trials.get(item.trialId)?.protocolVersions.some((version) => version.version === item.protocolVersion) ?? false, `${item.id} version`);
    }
    for (const engagement of data.engagements) {
      const cro = cros.get(engagement.croId);
      check(cro !== undefined && sponsors.has(engagement.sponsorId), `${engagement.id} parties`);
      check(trials.get(engagement.trialId)?.sponsorId === engagement.sponsorId, `${engagement.id} sponsor is the trial's`);
      check(engagement.servicesInScope.every((activity) => cro?.services.includes(activity)), `${engagement.id} scope within the CRO's services`);
    }
    for (const visit of data.monitoringVisits) {
      const engagement = engagements.get(visit.engagementId);
      check(engagement?.servicesInScope.includes('SITE_MONITORING') ?? false, `${visit.id} engagement monitors`);
      check(trialSite.has(`${engagement?.trialId}|${visit.siteId}`), `${visit.id} at a site of the trial`);
    }
    const engagedCros = new Set(data.engagements.map((engagement) => `${engagement.croId}|${engagement.trialId}`));
    for (const assignment of data.staffAssignments) {
      check(cros.has(assignment.croId) && engagedCros.has(`${assignment.croId}|${assignment.trialId}`), `${assignment.id} CRO engaged on the trial`);
      check(trialSite.has(`${assignment.trialId}|${assignment.siteId}`), `${assignment.id} at a site of the trial`);
    }
    for (const response of data.surveyResponses) check(trialSite.has(`${response.trialId}|${response.siteId}`), `response ${response.clientResponseId}`);
    for (const review of data.advocateReviews) {
      check(trials.get(review.trialId)?.protocolVersions.some((version) => version.version === review.protocolVersion) ?? false, review.id);
    }
    expect(problems).toEqual([]);
  });

  test('sites answered most of their selections: every activated one accepted, on a day from its selection to its activation; some SELECTED still pending', () => {
    const pending = data.trialSites.filter((record) => record.siteResponse === 'PENDING');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length).toBeLessThan(data.trialSites.length / 10);
    for (const record of pending) expect([record.status, record.respondedOn]).toEqual(['SELECTED', null]);
    for (const record of data.trialSites.filter((row) => row.siteResponse === 'ACCEPTED')) {
      expect(record.respondedOn! >= record.selectedOn && record.respondedOn! <= REFERENCE_DATE).toBe(true);
      if (record.activatedOn !== null) expect(record.respondedOn! <= record.activatedOn).toBe(true);
    }
  });

  test('there is exactly one partnership per sponsor and site sharing a trial the site accepted, since no later than their first selection', () => {
    const sponsorOf = new Map(data.trials.map((trial) => [trial.id, trial.sponsorId]));
    const firstShared = new Map<string, string>();
    for (const record of data.trialSites) {
      if (record.siteResponse !== 'ACCEPTED') continue;
      const key = `${sponsorOf.get(record.trialId)}|${record.siteId}`;
      const first = firstShared.get(key);
      if (first === undefined || record.selectedOn < first) firstShared.set(key, record.selectedOn);
    }
    expect(data.partnerships).toHaveLength(firstShared.size);
    for (const partnership of data.partnerships) {
      const first = firstShared.get(`${partnership.sponsorId}|${partnership.siteId}`);
      expect(first).toBeDefined();
      expect(partnership.since <= first!).toBe(true);
    }
  });
});

// Places and sites -------------------------------------------------------------------------------------

describe('sites', () => {
  test('each site is in a real city, region and timezone, near the city, with its languages as BCP 47 tags', () => {
    const problems: string[] = [];
    for (const site of data.sites) {
      const country = COUNTRIES.find((candidate) => candidate.code === site.countryCode);
      const city = country?.cities.find((candidate) => candidate.city === site.city);
      if (!city) {
        problems.push(`${site.id} ${site.countryCode} ${site.city}`);
        continue;
      }
      if (site.region !== city.region || site.timezone !== city.timezone) problems.push(`${site.id} region or timezone`);
      if (Math.abs(site.lat - city.lat) > 0.1 || Math.abs(site.lon - city.lon) > 0.1) problems.push(`${site.id} far from ${city.city}`);
      if (!city.languages.every((language) => site.languages.includes(language))) problems.push(`${site.id} languages`);
      for (const language of site.languages) if (Intl.getCanonicalLocales(language)[0] !== language) problems.push(`${site.id} ${language}`);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: site.timezone })).not.toThrow();
      if (!site.therapeuticAreas.every((area) => (THERAPEUTIC_AREAS as readonly string[]).includes(area)) || site.therapeuticAreas.length === 0) problems.push(`${site.id} areas`);
    }
    expect(problems).toEqual([]);
  });

  test('Spain fills more than a page, with Catalan, Valencian and Basque-speaking sites', () => {
    const spain = data.sites.filter((site) => site.countryCode === 'ES');
    expect(spain.length).toBeGreaterThanOrEqual(25);
    expect(spain.some((site) => site.region === 'Catalonia' && site.languages.includes('ca'))).toBe(true);
    expect(spain.some((site) => site.city === 'Valencia' && site.languages.includes('ca-valencia'))).toBe(true);
    expect(spain.some((site) => site.region === 'Basque Country' && site.languages.includes('eu'))).toBe(true);
    expect(data.sites.some((site) => site.countryCode === 'US' && site.languages.includes('es'))).toBe(true);
    expect(data.sites.filter((site) => site.region === 'Quebec').every((site) => site.languages.includes('fr'))).toBe(true);
  });

  test('staff, capacity and blackout periods are consistent', () => {
    for (const site of data.sites) {
      expect(site.staff.some((member) => member.role === 'PRINCIPAL_INVESTIGATOR')).toBe(true);
      const activeCoordinators = site.staff.filter((member) => member.role === 'STUDY_COORDINATOR' && member.endedOn === null);
      expect(site.capacity.coordinatorFte).toBeCloseTo(activeCoordinators.reduce((sum, member) => sum + member.fte, 0), 5);
      for (const member of site.staff) {
        expect(member.fte).toBeGreaterThan(0);
        expect(member.fte).toBeLessThanOrEqual(1);
        expect(member.startedOn <= REFERENCE_DATE).toBe(true);
        if (member.endedOn !== null) expect(member.startedOn <= member.endedOn && member.endedOn <= REFERENCE_DATE).toBe(true);
        for (const training of member.trainings) {
          expect(training.completedOn >= member.startedOn && training.completedOn <= (member.endedOn ?? REFERENCE_DATE)).toBe(true);
          if (training.expiresOn !== null) expect(training.expiresOn > training.completedOn).toBe(true);
        }
      }
      for (const period of site.capacity.blackoutPeriods) expect(period.startsOn <= period.endsOn).toBe(true);
      for (const asset of site.assets) expect(asset.quantity).toBeGreaterThan(0);
    }
  });
});

// Trials and their sites -----------------------------------------------------------------------------

describe('trials', () => {
  test('trials run from 2012 to the reference date, with statuses their sites agree with', () => {
    const sitesOf = groupBy(data.trialSites, (record) => record.trialId);
    const statuses = new Set(data.trials.map((trial) => trial.status));
    expect([...statuses].sort()).toEqual(['COMPLETED', 'ENROLLING', 'FOLLOW_UP', 'PLANNED', 'STARTUP', 'TERMINATED']);
    for (const trial of data.trials) {
      const sites = sitesOf.get(trial.id)!;
      expect(trial.plannedStartOn! >= '2012-01-01').toBe(true);
      expect(trial.plannedStartOn! < trial.plannedEndOn!).toBe(true);
      expect((trial.plannedStartOn! > REFERENCE_DATE) === (trial.status === 'PLANNED')).toBe(true);
      if (trial.status === 'PLANNED') expect(sites.every((record) => record.status === 'SELECTED')).toBe(true);
      if (trial.status === 'COMPLETED' || trial.status === 'TERMINATED') expect(sites.every((record) => record.status === 'CLOSED')).toBe(true);
      if (trial.status === 'STARTUP' || trial.status === 'FOLLOW_UP') expect(sites.some((record) => record.status === 'ENROLLING')).toBe(false);
      if (trial.status === 'ENROLLING') expect(sites.some((record) => record.firstPatientInOn !== null)).toBe(true);
      expect((THERAPEUTIC_AREAS as readonly string[]).includes(trial.therapeuticArea)).toBe(true);
      for (const condition of trial.conditions) expect(CONDITIONS[trial.therapeuticArea as TherapeuticArea]).toContain(condition);
    }
  });

  test('each trial site keeps its timeline in order, as its status allows, and its counts nested', () => {
    const problems: string[] = [];
    const check = (record: TrialSiteRecord, ok: boolean, what: string) => {
      if (!ok) problems.push(`${record.id} ${record.status}: ${what}`);
    };
    for (const record of data.trialSites) {
      const dates = [record.selectedOn, record.activatedOn, record.firstPatientInOn, record.closedOn, REFERENCE_DATE].filter((date): date is string => date !== null);
      check(record, dates.every((date, i) => i === 0 || dates[i - 1] <= date), `dates out of order ${dates.join(' ')}`);
      check(record, record.firstPatientInOn === null || record.activatedOn !== null, 'first patient before activation');
      switch (record.status) {
        case 'SELECTED':
          check(record, record.activatedOn === null && record.firstPatientInOn === null && record.closedOn === null, 'selected but dated further');
          break;
        case 'ACTIVATED':
          check(record, record.activatedOn !== null && record.closedOn === null, 'activated without date or closed');
          break;
        case 'ENROLLING':
          check(record, record.firstPatientInOn !== null && record.closedOn === null, 'enrolling without a first patient');
          break;
        case 'CLOSED':
          check(record, record.closedOn !== null, 'closed without date');
          break;
      }
      check(record, 0 <= record.withdrawn && record.withdrawn <= record.enrolled && record.enrolled <= record.screened, 'counts not nested');
      check(record, (record.enrolled > 0) === (record.firstPatientInOn !== null), 'enrolled without a first patient in');
    }
    expect(problems).toEqual([]);
    expect(new Set(data.trialSites.map((record) => record.status)).size).toBe(4);
  });

  test('sites work with several sponsors over years, so partnerships have history and gaps', () => {
    const sponsorOf = new Map(data.trials.map((trial) => [trial.id, trial.sponsorId]));
    const sponsorsPerSite = [...groupBy(data.trialSites, (record) => record.siteId).values()].map((list) => new Set(list.map((record) => sponsorOf.get(record.trialId))).size);
    sponsorsPerSite.sort((a, b) => a - b);
    expect(sponsorsPerSite[Math.floor(sponsorsPerSite.length / 2)]).toBeGreaterThanOrEqual(3);

    const pairs = [...groupBy(data.trialSites, (record) => `${sponsorOf.get(record.trialId)}|${record.siteId}`).values()];
    const repeated = pairs.filter((list) => list.length >= 3);
    expect(repeated.length).toBeGreaterThan(50);
    // A year or more between one shared trial's close and the next one's selection.
    const withGap = repeated.filter((list) => {
      const sorted = [...list].sort((a, b) => (a.selectedOn < b.selectedOn ? -1 : 1));
      return sorted.some((record, i) => i > 0 && sorted[i - 1].closedOn !== null && day(record.selectedOn) - day(sorted[i - 1].closedOn!) > 365);
    });
    expect(withGap.length).toBeGreaterThan(10);
  });

  test('protocol versions 1 to 3 amend in order, with schedules built from the procedure catalogue', () => {
    const catalogue = new Map<string, string>();
    const sitesOf = groupBy(data.trialSites, (record) => record.trialId);
    const countryOf = new Map(data.sites.map((site) => [site.id, site.countryCode]));
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (const trial of data.trials) {
      const versions = trial.protocolVersions;
      check(versions.length >= 1 && versions.length <= 3, `${trial.id} has ${versions.length} versions`);
      versions.forEach((version, i) => {
        const where = `${trial.id} v${version.version}`;
        check(version.version === i + 1, `${where} numbered ${i + 1}`);
        check((version.amendmentReason === null) === (i === 0), `${where} amendment reason`);
        check(version.effectiveOn <= REFERENCE_DATE, `${where} effective after the reference date`);
        if (i > 0) check(version.effectiveOn > versions[i - 1].effectiveOn, `${where} effective before its predecessor`);
        if (i > 0) check(versions[i - 1].countries.every((code) => version.countries.includes(code)), `${where} dropped a country`);
        check(version.visits.length >= 5 && version.visits.length <= 30, `${where} has ${version.visits.length} visits`);
        const names = new Set(version.procedures.map((procedure) => procedure.name));
        const used = new Set<string>();
        version.visits.forEach((visit, v) => {
          check(visit.number === v + 1, `${where} visit numbering`);
          if (v > 0) check(visit.dayOffset > version.visits[v - 1].dayOffset, `${where} visit ${visit.number} day offset`);
          check(visit.durationMinutes >= 30 && visit.durationMinutes <= 240, `${where} visit ${visit.number} lasts ${visit.durationMinutes}`);
          check(visit.procedures.length > 0, `${where} visit ${visit.number} is empty`);
          for (const name of visit.procedures) {
            check(names.has(name), `${where} schedules ${name} outside its procedures`);
            used.add(name);
          }
        });
        check(used.size === names.size, `${where} lists procedures no visit schedules`);
        for (const procedure of version.procedures) {
          const flags = `${procedure.invasive}|${procedure.patientReported}|${procedure.durationMinutes}`;
          check((catalogue.get(procedure.name) ?? flags) === flags, `${procedure.name} described two ways`);
          catalogue.set(procedure.name, flags);
        }
        check(version.endpoints.primary >= 1, `${where} has no primary endpoint`);
      });
      // The protocol runs where its sites are.
      const siteCountries = [...new Set(sitesOf.get(trial.id)!.map((record) => countryOf.get(record.siteId)!))].sort();
      check(JSON.stringify(latest(versions).countries) === JSON.stringify(siteCountries), `${trial.id} countries`);
    }
    expect(problems).toEqual([]);
    expect(catalogue.get('Blood draw (haematology)')).toBe('true|false|10');
    expect(catalogue.get('PRO questionnaire (EQ-5D-5L)')).toBe('false|true|10');
    expect(new Set(data.trials.map((trial) => trial.protocolVersions.length))).toEqual(new Set([1, 2, 3]));
  });

  test('complexity spans low to high on the 0 to 12 scale', () => {
    const scores = data.trials.map((trial) => complexity(latest(trial.protocolVersions)));
    expect(Math.min(...scores)).toBeLessThanOrEqual(1);
    expect(Math.max(...scores)).toBeGreaterThanOrEqual(11);
    expect(share(scores.filter((score) => score <= 4).length, scores.length)).toBeGreaterThan(0.15);
    expect(share(scores.filter((score) => score >= 5 && score <= 8).length, scores.length)).toBeGreaterThan(0.15);
    expect(share(scores.filter((score) => score >= 9).length, scores.length)).toBeGreaterThan(0.15);
  });
});

// Sponsors: partnerships, pipeline, feedback ----------------------------------------------------------------

describe('sponsors', () => {
  test('investments are dated within the partnership, in the currency of the site country', () => {
    const countryOf = new Map(data.sites.map((site) => [site.id, site.countryCode]));
    const expected: Record<string, string> = { GB: 'GBP', US: 'USD', ES: 'EUR', DE: 'EUR', JP: 'USD' };
    const investments = data.partnerships.flatMap((partnership) => partnership.investments.map((investment) => ({ partnership, investment })));
    expect(new Set(investments.map(({ investment }) => investment.kind))).toEqual(new Set(['TRAINING', 'EQUIPMENT', 'STAFFING', 'TECHNOLOGY']));
    for (const { partnership, investment } of investments) {
      expect(investment.amount).toBeGreaterThan(0);
      expect(['EUR', 'USD', 'GBP']).toContain(investment.currency);
      const country = countryOf.get(partnership.siteId)!;
      if (expected[country]) expect(investment.currency).toBe(expected[country]);
      expect(investment.investedOn >= partnership.since && investment.investedOn <= REFERENCE_DATE).toBe(true);
    }
  });

  test('industry sponsors plan 2 to 5 programmes in the next two years, shared with some partner sites', () => {
    const perSponsor = groupBy(data.pipeline, (programme) => programme.sponsorId);
    for (const sponsor of data.sponsors) {
      const count = perSponsor.get(sponsor.id)?.length ?? 0;
      if (sponsor.kind === 'INDUSTRY') {
        expect(count).toBeGreaterThanOrEqual(2);
        expect(count).toBeLessThanOrEqual(5);
      } else expect(count).toBe(0);
    }
    for (const programme of data.pipeline) {
      expect(programme.plannedStartQuarter).toMatch(/^(2027-Q[1-4]|2028-Q[1-4])$/);
      expect(programme.estimatedSites).toBeGreaterThan(0);
      expect(programme.countries.length).toBeGreaterThan(0);
    }
    expect(data.pipeline.filter((programme) => programme.sharedWithSiteIds.length > 0).length).toBeGreaterThan(data.pipeline.length / 2);
  });

  test('about a fifth of trial sites give feedback; most is answered in 1 to 90 days and some is open', () => {
    const sitesGiving = new Set(data.feedback.map((item) => `${item.trialId}|${item.siteId}`));
    expect(share(sitesGiving.size, data.trialSites.length)).toBeGreaterThan(0.14);
    expect(share(sitesGiving.size, data.trialSites.length)).toBeLessThan(0.28);
    expect(new Set(data.feedback.map((item) => item.topic)).size).toBe(7);
    const answered = data.feedback.filter((item) => item.respondedAt !== null);
    const open = data.feedback.filter((item) => item.status === 'OPEN');
    expect(share(answered.length, data.feedback.length)).toBeGreaterThan(0.7);
    expect(open.length).toBeGreaterThan(10);
    for (const item of data.feedback) {
      expect(instantDay(item.raisedAt)).toBeLessThanOrEqual(today);
      expect(item.status === 'OPEN').toBe(item.respondedAt === null);
      expect(item.response === null).toBe(item.respondedAt === null);
      if (item.respondedAt !== null) {
        const days = (Date.parse(item.respondedAt) - Date.parse(item.raisedAt)) / DAY_MS;
        expect(days).toBeGreaterThanOrEqual(1);
        expect(days).toBeLessThanOrEqual(90);
        expect(instantDay(item.respondedAt)).toBeLessThan(today);
      }
    }
  });
});

// CROs ----------------------------------------------------------------------------------------------------

describe('cros', () => {
  test('about 60% of trials have an engagement; most are clean, about a fifth have a gap and a tenth a conflict', () => {
    const engagedTrials = new Set(data.engagements.map((engagement) => engagement.trialId));
    expect(share(engagedTrials.size, data.trials.length)).toBeGreaterThan(0.5);
    expect(share(engagedTrials.size, data.trials.length)).toBeLessThan(0.7);
    const withGap = data.engagements.filter((engagement) => gaps(engagement).length > 0).length;
    const withConflict = data.engagements.filter((engagement) => conflicts(engagement).length > 0).length;
    const clean = data.engagements.filter((engagement) => gaps(engagement).length === 0 && conflicts(engagement).length === 0).length;
    expect(share(withGap, data.engagements.length)).toBeGreaterThan(0.12);
    expect(share(withGap, data.engagements.length)).toBeLessThan(0.3);
    expect(share(withConflict, data.engagements.length)).toBeGreaterThan(0.04);
    expect(share(withConflict, data.engagements.length)).toBeLessThan(0.18);
    expect(share(clean, data.engagements.length)).toBeGreaterThan(0.6);
    // All three kinds of gap occur: a missing row, no one responsible, no one accountable.
    const rowsMissing = data.engagements.some((engagement) => engagement.servicesInScope.some((activity) => !engagement.responsibilities.some((row) => row.activity === activity)));
    const noResponsible = data.engagements.some((engagement) => engagement.responsibilities.some((row) => row.responsible.length === 0));
    const noAccountable = data.engagements.some((engagement) => engagement.responsibilities.some((row) => row.accountable.length === 0));
    expect([rowsMissing, noResponsible, noAccountable]).toEqual([true, true, true]);
  });

  test('engagements carry KPIs with statuses, a communication plan and an action log with open items', () => {
    const statuses = new Set(data.engagements.flatMap((engagement) => engagement.kpis.map((kpi) => kpi.status)));
    expect(statuses).toEqual(new Set(['ON_TRACK', 'AT_RISK', 'OFF_TRACK']));
    const kpis = new Set(data.engagements.flatMap((engagement) => engagement.kpis.map((kpi) => `${kpi.kpi} (${kpi.unit})`)));
    expect([...kpis]).toEqual(expect.arrayContaining(['Site activation cycle time (days)', 'Screen failure rate (%)', 'Query resolution time (days)']));
    for (const engagement of data.engagements) {
      expect(engagement.servicesInScope.length).toBeGreaterThan(0);
      expect(engagement.kpis.length).toBeGreaterThanOrEqual(2);
      if (engagement.endsOn !== null) expect(engagement.startsOn < engagement.endsOn).toBe(true);
      if (engagement.communicationPlan) {
        expect(engagement.communicationPlan.languages[0]).toBe('en');
        expect(engagement.communicationPlan.escalationPath.length).toBeGreaterThan(1);
      }
      for (const action of engagement.actions) {
        expect(instantDay(action.raisedAt)).toBeLessThanOrEqual(today);
        expect(day(engagement.startsOn)).toBeLessThanOrEqual(instantDay(action.raisedAt));
        if (action.resolvedAt !== null) expect(action.resolvedAt >= action.raisedAt && instantDay(action.resolvedAt) <= today).toBe(true);
      }
    }
    expect(data.engagements.filter((engagement) => engagement.actions.some((action) => action.resolvedAt === null)).length).toBeGreaterThan(20);
  });

  test('monitoring visits follow the site timeline with follow-up letters 2 to 40 days later, a few not yet sent', () => {
    const trialSite = new Map(data.trialSites.map((record) => [`${record.trialId}|${record.siteId}`, record]));
    const engagements = new Map(data.engagements.map((engagement) => [engagement.id, engagement]));
    expect(new Set(data.monitoringVisits.map((visit) => visit.kind))).toEqual(new Set(['SELECTION', 'INITIATION', 'ROUTINE', 'CLOSE_OUT', 'REMOTE']));
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (const visit of data.monitoringVisits) {
      const engagement = engagements.get(visit.engagementId)!;
      const record = trialSite.get(`${engagement.trialId}|${visit.siteId}`)!;
      check(visit.visitedOn >= engagement.startsOn && visit.visitedOn <= REFERENCE_DATE, `${visit.id} outside the engagement`);
      check(Number.isInteger(visit.findings) && visit.findings >= 0 && visit.findings <= 8, `${visit.id} findings`);
      if (visit.kind === 'SELECTION') check(visit.visitedOn <= record.selectedOn, `${visit.id} selection after selection`);
      else check(record.activatedOn !== null, `${visit.id} at a site never activated`);
      if (visit.kind === 'CLOSE_OUT') check(record.closedOn !== null && visit.visitedOn <= record.closedOn, `${visit.id} close-out`);
      if (visit.followUpLetterSentOn !== null) {
        const lag = day(visit.followUpLetterSentOn) - day(visit.visitedOn);
        check(lag >= 2 && lag <= 40 && visit.followUpLetterSentOn <= REFERENCE_DATE, `${visit.id} letter lag ${lag}`);
      }
    }
    expect(problems).toEqual([]);
    const unsent = data.monitoringVisits.filter((visit) => visit.followUpLetterSentOn === null).length;
    expect(unsent).toBeGreaterThan(0);
    expect(share(unsent, data.monitoringVisits.length)).toBeLessThan(0.1);
  });

  test('CRAs turn over at sites with overlapping and gapped handovers, a project manager per engagement, under pseudonyms', () => {
    for (const assignment of data.staffAssignments) {
      expect(assignment.pseudonym).toMatch(assignment.role === 'CLINICAL_RESEARCH_ASSOCIATE' ? /^CRA-[0-9A-Z]{4}$/ : /^PM-[0-9A-Z]{4}$/);
      expect(assignment.startedOn <= REFERENCE_DATE).toBe(true);
      if (assignment.endedOn !== null) expect(assignment.startedOn <= assignment.endedOn && assignment.endedOn <= REFERENCE_DATE).toBe(true);
    }
    const chains = [...groupBy(data.staffAssignments.filter((a) => a.role === 'CLINICAL_RESEARCH_ASSOCIATE'), (a) => `${a.croId}|${a.trialId}|${a.siteId}`).values()];
    let overlaps = 0;
    let gapsBetween = 0;
    for (const chain of chains) {
      const sorted = [...chain].sort((a, b) => (a.startedOn < b.startedOn ? -1 : 1));
      sorted.forEach((assignment, i) => {
        if (i === 0) return;
        const previous = sorted[i - 1];
        expect(previous.endedOn).not.toBeNull();
        if (assignment.startedOn < previous.endedOn!) overlaps++;
        if (day(assignment.startedOn) - day(previous.endedOn!) > 1) gapsBetween++;
      });
    }
    expect(chains.some((chain) => chain.length >= 3)).toBe(true);
    expect(overlaps).toBeGreaterThan(20);
    expect(gapsBetween).toBeGreaterThan(10);
    // Every engagement has a project manager at each of its trial's sites that accepted their selection, and none elsewhere.
    const sitesOf = groupBy(data.trialSites.filter((record) => record.siteResponse === 'ACCEPTED'), (record) => record.trialId);
    const managed = new Set(data.staffAssignments.filter((a) => a.role === 'PROJECT_MANAGER').map((a) => `${a.croId}|${a.trialId}|${a.siteId}`));
    for (const engagement of data.engagements) {
      for (const record of sitesOf.get(engagement.trialId) ?? []) expect(managed.has(`${engagement.croId}|${engagement.trialId}|${record.siteId}`)).toBe(true);
    }
    const runs = new Set(data.trialSites.filter((record) => record.siteResponse === 'ACCEPTED').map((record) => `${record.trialId}|${record.siteId}`));
    expect(data.staffAssignments.filter((a) => !runs.has(`${a.trialId}|${a.siteId}`))).toEqual([]);
  });
});

// Patient insights ------------------------------------------------------------------------------------------

describe('insights', () => {
  test('survey responses come from sites after their first patient, with both sides of k = 11 present', () => {
    const trialSite = new Map(data.trialSites.map((record) => [`${record.trialId}|${record.siteId}`, record]));
    const problems: string[] = [];
    for (const response of data.surveyResponses) {
      const record = trialSite.get(`${response.trialId}|${response.siteId}`)!;
      const firstMonth = record.firstPatientInOn?.slice(0, 7);
      if (firstMonth === undefined || !/^\d{4}-\d{2}$/.test(response.submittedMonth) || response.submittedMonth < firstMonth || response.submittedMonth > REFERENCE_DATE.slice(0, 7)) {
        problems.push(`${response.clientResponseId} month ${response.submittedMonth}`);
      }
      for (const value of [...Object.values(response.burden), response.understanding]) {
        if (!(Number.isInteger(value) && value >= 1 && value <= 5)) problems.push(`${response.clientResponseId} score ${value}`);
      }
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(response.clientResponseId)) problems.push(response.clientResponseId);
    }
    expect(problems).toEqual([]);
    const perTrial = [...groupBy(data.surveyResponses, (response) => response.trialId).values()].map((list) => list.length);
    const perTrialSite = [...groupBy(data.surveyResponses, (response) => `${response.trialId}|${response.siteId}`).values()].map((list) => list.length);
    expect(perTrial.filter((n) => n >= 100).length).toBeGreaterThan(5);
    expect(perTrial.filter((n) => n < 11).length).toBeGreaterThan(3);
    expect(perTrialSite.filter((n) => n < 11).length).toBeGreaterThan(perTrialSite.length / 2);
    expect(perTrialSite.filter((n) => n >= 11).length).toBeGreaterThan(50);
  });

  test('lived burden rises with the number of visits the protocol schedules', () => {
    const visitsOf = new Map(data.trials.map((trial) => [trial.id, latest(trial.protocolVersions).visits.length]));
    const pairs: [number, number][] = data.surveyResponses.map((response) => {
      const burden = response.burden;
      return [visitsOf.get(response.trialId)!, (burden.travel + burden.visitLength + burden.procedures + burden.scheduling + burden.cost) / 5];
    });
    expect(correlation(pairs)).toBeGreaterThan(0.4);
  });

  test('about 30% of trials have advocate reviews of a protocol version, with 1 to 5 findings and sponsor decisions', () => {
    const reviewed = new Set(data.advocateReviews.map((review) => review.trialId));
    expect(share(reviewed.size, data.trials.length)).toBeGreaterThan(0.2);
    expect(share(reviewed.size, data.trials.length)).toBeLessThan(0.4);
    for (const review of data.advocateReviews) {
      expect(review.reviewedOn <= REFERENCE_DATE).toBe(true);
      expect(review.findings.length).toBeGreaterThanOrEqual(1);
      expect(review.findings.length).toBeLessThanOrEqual(5);
    }
    const decisions = new Set(data.advocateReviews.flatMap((review) => review.findings.map((finding) => finding.sponsorDecision)));
    expect(decisions).toEqual(new Set(['PENDING', 'ADOPTED', 'PARTIALLY_ADOPTED', 'DECLINED']));
  });
});

// Flagship query variables -----------------------------------------------------------------------------------

describe('flagshipVariables', () => {
  test('the country fills more than one page of sites', () => {
    expect(run.flagship.countryCode).toBe('ES');
    expect(data.sites.filter((site) => site.countryCode === run.flagship.countryCode).length).toBeGreaterThan(20);
  });

  test('the trial has sites, engagements, at least 11 survey responses and an advocate review', () => {
    const trial = data.trials.find((candidate) => candidate.nctId === run.flagship.nctId)!;
    expect(trial).toBeDefined();
    expect(data.trialSites.filter((record) => record.trialId === trial.id).length).toBeGreaterThanOrEqual(4);
    expect(data.engagements.some((engagement) => engagement.trialId === trial.id)).toBe(true);
    expect(data.surveyResponses.filter((response) => response.trialId === trial.id).length).toBeGreaterThanOrEqual(11);
    expect(data.advocateReviews.some((review) => review.trialId === trial.id)).toBe(true);
  });

  test('the site has several partnerships, investments, shared pipeline, staff and CRO staff assignments', () => {
    const { siteId } = run.flagship;
    const partnerships = data.partnerships.filter((partnership) => partnership.siteId === siteId);
    expect(partnerships.length).toBeGreaterThanOrEqual(3);
    expect(partnerships.some((partnership) => partnership.investments.length > 0)).toBe(true);
    expect(data.pipeline.some((programme) => programme.sharedWithSiteIds.includes(siteId))).toBe(true);
    expect(data.sites.find((site) => site.id === siteId)!.staff.length).toBeGreaterThan(0);
    expect(data.staffAssignments.filter((assignment) => assignment.siteId === siteId && assignment.role === 'CLINICAL_RESEARCH_ASSOCIATE').length).toBeGreaterThanOrEqual(2);
  });

  test('the CRO has engagements with open actions and at least one responsibility gap', () => {
    const engagements = data.engagements.filter((engagement) => engagement.croId === run.flagship.croId);
    expect(engagements.some((engagement) => engagement.actions.some((action) => action.resolvedAt === null))).toBe(true);
    expect(engagements.some((engagement) => gaps(engagement).length > 0)).toBe(true);
  });

  test('the sponsor has a pipeline and answered feedback on its trials', () => {
    const { sponsorId } = run.flagship;
    const trials = new Set(data.trials.filter((trial) => trial.sponsorId === sponsorId).map((trial) => trial.id));
    expect(data.pipeline.some((programme) => programme.sponsorId === sponsorId)).toBe(true);
    expect(data.feedback.some((item) => trials.has(item.trialId) && item.respondedAt !== null)).toBe(true);
  });
});
