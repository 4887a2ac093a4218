// The deterministic demo dataset: one seeded faker drives every random choice, and "today" is the
// reference date, so a seed gives the same dataset byte for byte on any machine, in any timezone,
// on any day. Records are built party by party in a fixed order; each step only reads what the
// steps before it made, and every step is linear in the number of records.

import { Faker, base, en, generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker';
import { responsibilityConflicts, responsibilityGaps } from '../subgraphs/cros/raci';
import type {
  Activity,
  AdvocateReviewRecord,
  CroRecord,
  DemoDataset,
  EngagementRecord,
  IsoDate,
  MonitoringVisitRecord,
  PartnershipRecord,
  PipelineProgramRecord,
  ProtocolFeedbackRecord,
  ProtocolVersionRecord,
  RaciParty,
  SiteRecord,
  SponsorRecord,
  StaffAssignmentRecord,
  SurveyResponseRecord,
  TrialPhase,
  TrialRecord,
  TrialSiteRecord,
} from './model';
import {
  ACADEMIC_SPONSOR_TEMPLATES,
  ACTION_TEMPLATES,
  ACTIVITIES,
  ADVOCACY_GROUPS,
  ADVOCATE_FINDINGS,
  AMENDMENT_REASONS,
  AREA_PROCEDURES,
  AREA_WORDS,
  BLACKOUT_REASONS,
  COMMON_PROCEDURES,
  CONDITIONS,
  CORE_PROCEDURES,
  COUNTRIES,
  CRO_LANGUAGES_BY_REGION,
  CRO_NAME_PARTS,
  CRO_REGIONS,
  ESCALATION_PATHS,
  EXTRA_PROCEDURES,
  FEEDBACK_BODIES,
  FEEDBACK_RESPONSES,
  GOVERNMENT_SPONSOR_TEMPLATES,
  INVESTMENT_CATALOGUE,
  KPI_CATALOGUE,
  LANGUAGE_NAMES,
  NAMING,
  NONPROFIT_SPONSOR_TEMPLATES,
  SCREEN_FAILURE_RANGE,
  SITE_ASSETS,
  SPONSOR_NAME_PARTS,
  STAFF_TRAININGS,
  THERAPEUTIC_AREAS,
  type AmendmentReason,
  type CityDefinition,
  type CountryDefinition,
  type CroRegion,
  type ProcedureDefinition,
  type SiteKind,
  type TherapeuticArea,
} from './reference-data';

export interface GenerateOptions {
  /** Seeds the one random source; default 42. */
  seed?: number;
  /** Multiplies every count; 0.1 to 100, default 1 (about 200 sites, 40 sponsors, 20 CROs, 300 trials). */
  scale?: number;
  /** The dataset's "today", 'yyyy-MM-dd'; nothing happens after it. Default '2026-11-01'. */
  referenceDate?: string;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_REFERENCE_DATE = '2026-11-01';
const BASE_COUNTS = { sites: 200, sponsors: 40, cros: 20, trials: 300 };

export function generateDemoDataset(options: GenerateOptions = {}): DemoDataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(scale >= 0.1 && scale <= 100)) throw new RangeError(`scale must be between 0.1 and 100, got ${scale}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || Number.isNaN(Date.parse(`${referenceDate}T00:00:00Z`))) {
    throw new RangeError(`referenceDate must be 'yyyy-MM-dd', got ${referenceDate}`);
  }
  return new DatasetBuilder(seed, scale, referenceDate).build();
}

// Random choices -------------------------------------------------------------------------------

/**
 * Thin helpers over one seeded faker. Numbers come straight from faker's randomizer (the same
 * Mersenne Twister stream its own methods draw from), which skips faker's option handling: the
 * dataset makes tens of millions of draws at scale 50.
 */
class Dice {
  readonly faker: Faker;
  private readonly randomizer: Randomizer;

  constructor(seed: number) {
    // Seeded at construction too: unseeded, faker would draw its first seed from Math.random.
    this.randomizer = generateMersenne53Randomizer(seed);
    this.faker = new Faker({ locale: [en, base], randomizer: this.randomizer });
    this.faker.seed(seed);
  }

  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range ${min}..${max}`);
    return min + Math.floor(this.randomizer.next() * (max - min + 1));
  }

  real(min = 0, max = 1): number {
    return min + (max - min) * this.randomizer.next();
  }

  chance(probability: number): boolean {
    return this.randomizer.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.real(0, total);
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return entries[entries.length - 1][0];
  }

  /** One item of a table built once, for draws repeated many times over long lists. */
  from<T>(table: WeightedTable<T>): T {
    const roll = this.real(0, table.total);
    let low = 0;
    let high = table.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (table.cumulative[middle] > roll) high = middle;
      else low = middle + 1;
    }
    return table.items[low];
  }

  /** A version 4 UUID from the seeded source (faker's own draws once per hex digit, too slow for 10^5 responses). */
  uuid(): string {
    const bytes: string[] = [];
    for (let word = 0; word < 4; word++) {
      const value = this.int(0, 0xffff_ffff);
      bytes.push(HEX_BYTES[value >>> 24], HEX_BYTES[(value >>> 16) & 0xff], HEX_BYTES[(value >>> 8) & 0xff], HEX_BYTES[value & 0xff]);
    }
    bytes[6] = HEX_BYTES[0x40 | (parseInt(bytes[6], 16) & 0x0f)];
    bytes[8] = HEX_BYTES[0x80 | (parseInt(bytes[8], 16) & 0x3f)];
    const hex = bytes.join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const n = Math.min(count, items.length);
    if (n <= 0) return [];
    if (n * 4 < items.length) {
      const chosen = new Set<number>();
      const result: T[] = [];
      while (result.length < n) {
        const index = this.int(0, items.length - 1);
        if (!chosen.has(index)) {
          chosen.add(index);
          result.push(items[index]);
        }
      }
      return result;
    }
    const copy = items.slice();
    for (let i = 0; i < n; i++) {
      const j = this.int(i, copy.length - 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }

  /** Distinct items drawn with probability proportional to weight. */
  weightedSample<T>(entries: readonly (readonly [T, number])[], count: number): T[] {
    const remaining = entries.filter(([, weight]) => weight > 0).slice();
    const result: T[] = [];
    while (result.length < count && remaining.length > 0) {
      const index = this.weighted(remaining.map(([, weight], i) => [i, weight] as const));
      result.push(remaining[index][0]);
      remaining.splice(index, 1);
    }
    return result;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

class WeightedTable<T> {
  readonly items: T[] = [];
  readonly cumulative: number[] = [];
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    let total = 0;
    for (const [item, weight] of entries) {
      if (weight <= 0) continue;
      total += weight;
      this.items.push(item);
      this.cumulative.push(total);
    }
    this.total = total;
  }
}

// Dates as whole days since 1970-01-01 (UTC), formatted once per day -------------------------------

const DAY_MS = 86_400_000;
const isoDates = new Map<number, string>();

const dayNumbers = new Map<IsoDate, number>();

function toDay(date: IsoDate): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    dayNumbers.set(date, day);
  }
  return day;
}

function isoDate(day: number): IsoDate {
  let text = isoDates.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDates.set(day, text);
  }
  return text;
}

const isoInstant = (day: number, minuteOfDay: number): string => new Date(day * DAY_MS + minuteOfDay * 60_000).toISOString();

/** The first day on or after `from` that falls on month/day. */
function nextAnniversary(from: number, month: number, dayOfMonth: number): number {
  const year = new Date(from * DAY_MS).getUTCFullYear();
  const thisYear = Math.round(Date.UTC(year, month - 1, dayOfMonth) / DAY_MS);
  return thisYear >= from ? thisYear : Math.round(Date.UTC(year + 1, month - 1, dayOfMonth) / DAY_MS);
}

function quarterOf(day: number): { year: number; quarter: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), quarter: Math.floor(date.getUTCMonth() / 3) + 1 };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
const round1 = (value: number): number => Math.round(value * 10) / 10;
const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// What the builder knows about records beyond what the model stores --------------------------------

interface SiteFacts {
  country: CountryDefinition;
  city: CityDefinition;
  /** Patients enrolled per active month in an average trial. */
  enrollmentPace: number;
}

interface SponsorFacts {
  focusAreas: TherapeuticArea[];
  /** How often the sponsor is picked for a trial. */
  size: number;
  compoundPrefix: string;
  compounds: string[];
  /** Typical days to answer a site's feedback. */
  responseDays: number;
  /** Sites the sponsor has worked with, per country, in order of first trial. */
  sitesByCountry: Map<string, number[]>;
  lastCro: number | null;
}

interface CroFacts {
  craPool: string[];
  pmPool: string[];
  /** Typical days from a monitoring visit to its follow-up letter. */
  letterLagDays: number;
  global: boolean;
}

/** A trial site's dates as day numbers and its site's index, so later steps need not parse them again. */
interface TrialSiteFacts {
  site: number;
  selected: number;
  activated: number | null;
  firstPatient: number | null;
  closed: number | null;
}

type ComplexityLevel = 0 | 1 | 2;

interface TrialPlan {
  sponsor: number;
  area: TherapeuticArea;
  level: ComplexityLevel;
  plannedStart: number;
  start: number;
  plannedEnrollmentDays: number;
  enrollmentEnd: number;
  /** Day the trial closed (completed or terminated), or the day it is expected to. */
  close: number;
  terminated: boolean;
  closed: boolean;
  planned: boolean;
  /** Indices into trialSites. */
  trialSites: number[];
}

interface ProtocolDesign {
  visits: ProtocolVersionRecord['visits'];
  procedures: ProcedureDefinition[];
  inclusion: number;
  exclusion: number;
  endpoints: ProtocolVersionRecord['endpoints'];
}

const SITE_KINDS: readonly (readonly [SiteKind, number])[] = [
  ['ACADEMIC_MEDICAL_CENTER', 20],
  ['HOSPITAL', 30],
  ['RESEARCH_CENTER', 15],
  ['COMMUNITY_CLINIC', 20],
  ['SITE_NETWORK_MEMBER', 15],
];

/** Rough relative time from selection to activation: contracts and ethics approval take longer in some countries. */
const ACTIVATION_PACE: Record<string, number> = {
  ES: 0.85, US: 1, DE: 1.1, FR: 1.2, IT: 1.35, GB: 1.1, NL: 1, PL: 0.9, BE: 0.85, CH: 1, SE: 1, IE: 1.05,
  CA: 1.1, BR: 1.5, MX: 1.2, JP: 1.3, AU: 0.8,
};

const PHASES_BY_SPONSOR_KIND: Record<SponsorRecord['kind'], readonly (readonly [TrialPhase, number])[]> = {
  INDUSTRY: [['EARLY_PHASE_1', 2], ['PHASE_1', 12], ['PHASE_1_2', 6], ['PHASE_2', 28], ['PHASE_2_3', 4], ['PHASE_3', 38], ['PHASE_4', 8], ['NOT_APPLICABLE', 2]],
  ACADEMIC: [['PHASE_1', 5], ['PHASE_2', 25], ['PHASE_3', 25], ['PHASE_4', 20], ['NOT_APPLICABLE', 25]],
  GOVERNMENT: [['PHASE_2', 20], ['PHASE_3', 35], ['PHASE_4', 20], ['NOT_APPLICABLE', 25]],
  NONPROFIT: [['PHASE_2', 30], ['PHASE_3', 25], ['PHASE_4', 15], ['NOT_APPLICABLE', 30]],
  OTHER: [['PHASE_2', 20], ['PHASE_3', 20], ['PHASE_4', 20], ['NOT_APPLICABLE', 40]],
};

/** [min, max] days of enrollment and of follow-up after it, by phase. */
const PHASE_DURATIONS: Record<TrialPhase, { enrollment: [number, number]; followUp: [number, number]; sites: [number, number]; perSiteTarget: [number, number]; pace: number }> = {
  EARLY_PHASE_1: { enrollment: [120, 360], followUp: [60, 180], sites: [3, 5], perSiteTarget: [3, 8], pace: 0.5 },
  PHASE_1: { enrollment: [180, 540], followUp: [60, 240], sites: [3, 6], perSiteTarget: [4, 10], pace: 0.6 },
  PHASE_1_2: { enrollment: [270, 720], followUp: [120, 360], sites: [4, 9], perSiteTarget: [5, 14], pace: 0.7 },
  PHASE_2: { enrollment: [300, 900], followUp: [120, 540], sites: [4, 12], perSiteTarget: [6, 20], pace: 0.8 },
  PHASE_2_3: { enrollment: [450, 1100], followUp: [180, 720], sites: [6, 15], perSiteTarget: [10, 35], pace: 0.9 },
  PHASE_3: { enrollment: [450, 1300], followUp: [180, 900], sites: [6, 15], perSiteTarget: [12, 50], pace: 1 },
  PHASE_4: { enrollment: [360, 1100], followUp: [180, 720], sites: [4, 12], perSiteTarget: [15, 60], pace: 1.3 },
  NOT_APPLICABLE: { enrollment: [360, 1460], followUp: [90, 365], sites: [4, 12], perSiteTarget: [20, 80], pace: 1.5 },
};

const AREA_PACE: Partial<Record<TherapeuticArea, number>> = { RARE_DISEASES: 0.3, ONCOLOGY: 0.7, HEMATOLOGY: 0.6, NEUROLOGY: 0.8 };

/** Visits, distinct procedures, eligibility criteria and endpoints for low, medium and high complexity. */
const DESIGN_RANGES: Record<'visits' | 'distinct' | 'inclusion' | 'exclusion' | 'primary' | 'secondary' | 'other', [[number, number], [number, number], [number, number]]> = {
  visits: [[5, 11], [13, 22], [25, 30]],
  distinct: [[10, 18], [22, 32], [36, 44]],
  inclusion: [[3, 6], [6, 12], [10, 18]],
  exclusion: [[4, 8], [10, 17], [21, 32]],
  primary: [[1, 1], [1, 2], [1, 3]],
  secondary: [[1, 3], [4, 9], [10, 18]],
  other: [[0, 1], [0, 3], [2, 8]],
};
const PERIODIC_SHARE: [number, number, number] = [0.3, 0.25, 0.2];

const SPONSOR_ACCOUNTABLE: ReadonlySet<Activity> = new Set(['PROTOCOL_DESIGN', 'REGULATORY_SUBMISSION', 'SAFETY_REPORTING', 'SITE_SELECTION']);
const SITE_FACING: ReadonlySet<Activity> = new Set(['SITE_FEASIBILITY', 'SITE_SELECTION', 'SITE_CONTRACTS', 'SITE_PAYMENTS', 'SITE_TRAINING', 'PATIENT_RECRUITMENT', 'SITE_MONITORING', 'TRANSLATION']);
const PARTIES: readonly RaciParty[] = ['SPONSOR', 'CRO', 'SITE'];

class DatasetBuilder {
  private readonly dice: Dice;
  private readonly today: number;
  private readonly counts: typeof BASE_COUNTS;

  private readonly sites: SiteRecord[] = [];
  private readonly siteFacts: SiteFacts[] = [];
  private readonly sitesByCountry = new Map<string, number[]>();
  private readonly sitesByCountryArea = new Map<string, number[]>();
  private readonly sponsors: SponsorRecord[] = [];
  private readonly sponsorFacts: SponsorFacts[] = [];
  private readonly cros: CroRecord[] = [];
  private readonly croFacts: CroFacts[] = [];
  private readonly trials: TrialRecord[] = [];
  private readonly plans: TrialPlan[] = [];
  private readonly trialSites: TrialSiteRecord[] = [];
  private readonly trialSiteFacts: TrialSiteFacts[] = [];
  private readonly partnerships: PartnershipRecord[] = [];
  private readonly pipeline: PipelineProgramRecord[] = [];
  private readonly feedback: ProtocolFeedbackRecord[] = [];
  private readonly engagements: EngagementRecord[] = [];
  private readonly monitoringVisits: MonitoringVisitRecord[] = [];
  private readonly staffAssignments: StaffAssignmentRecord[] = [];
  private readonly surveyResponses: SurveyResponseRecord[] = [];
  private readonly advocateReviews: AdvocateReviewRecord[] = [];

  private readonly cityTables = new Map<CountryDefinition, WeightedTable<CityDefinition>>();
  private readonly usedNames = new Set<string>();
  private countryWeights: (readonly [string, number])[] = [];
  private countryTable = new WeightedTable<string>([]);
  private readonly usedPseudonyms = new Set<string>();
  private staffCounter = 0;
  private assetCounter = 0;

  constructor(
    private readonly seed: number,
    private readonly scale: number,
    referenceDate: string,
  ) {
    this.dice = new Dice(seed);
    this.today = toDay(referenceDate);
    const scaled = (n: number) => Math.max(1, Math.round(n * scale));
    this.counts = {
      sites: scaled(BASE_COUNTS.sites),
      sponsors: scaled(BASE_COUNTS.sponsors),
      cros: scaled(BASE_COUNTS.cros),
      trials: scaled(BASE_COUNTS.trials),
    };
  }

  build(): DemoDataset {
    this.buildSites();
    this.buildSponsors();
    this.buildCros();
    this.buildTrials();
    this.buildTrialSites();
    this.buildProtocols();
    this.buildPartnerships();
    this.buildPipeline();
    this.buildFeedback();
    this.buildEngagements();
    this.buildMonitoringAndStaffing();
    this.buildSurveyResponses();
    this.buildAdvocateReviews();
    return {
      seed: this.seed,
      scale: this.scale,
      sites: this.sites,
      sponsors: this.sponsors,
      trials: this.trials,
      trialSites: this.trialSites,
      partnerships: this.partnerships,
      pipeline: this.pipeline,
      feedback: this.feedback,
      cros: this.cros,
      engagements: this.engagements,
      monitoringVisits: this.monitoringVisits,
      staffAssignments: this.staffAssignments,
      surveyResponses: this.surveyResponses,
      advocacyGroups: ADVOCACY_GROUPS.map((group) => ({ ...group })),
      advocateReviews: this.advocateReviews,
    };
  }

  /** Draws names until one is free; after a few tries, tells it apart with `distinguish`. */
  private uniqueName(draw: () => string, distinguish: (name: string, attempt: number) => string): string {
    let name = draw();
    for (let attempt = 0; attempt < 3 && this.usedNames.has(name); attempt++) name = draw();
    for (let attempt = 1; this.usedNames.has(name); attempt++) name = distinguish(name, attempt);
    this.usedNames.add(name);
    return name;
  }

  // Sites ----------------------------------------------------------------------------------------

  private buildSites(): void {
    const { dice } = this;
    const count = this.counts.sites;
    // Largest remainder, so each country keeps its share at every scale (Spain fills a page).
    const quotas = COUNTRIES.map((country) => (country.weight * count) / 100);
    const allotted = quotas.map(Math.floor);
    const byRemainder = quotas.map((quota, i) => [i, quota - Math.floor(quota)] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (let k = 0, missing = count - allotted.reduce((a, b) => a + b, 0); k < missing; k++) allotted[byRemainder[k % byRemainder.length][0]]++;
    const countryOfSite: CountryDefinition[] = [];
    COUNTRIES.forEach((country, i) => {
      for (let k = 0; k < allotted[i]; k++) countryOfSite.push(country);
    });
    dice.shuffle(countryOfSite);
    countryOfSite.forEach((country, i) => this.addSite(i + 1, country));
  }

  private addSite(n: number, country: CountryDefinition): void {
    const { dice, today } = this;
    const city = dice.from(this.citiesOf(country));
    const kind = dice.weighted(SITE_KINDS);
    const districts = city.districts ?? [city.city];
    const name = this.uniqueName(
      () => {
        const style = dice.pick(city.naming);
        const naming = NAMING[style];
        return dice
          .pick(naming.templates[kind])
          .replace('{city}', city.localNames?.[style] ?? city.city)
          .replace('{region}', city.region)
          .replace('{district}', dice.pick(districts))
          .replace('{patron}', dice.pick(naming.patrons))
          .replace('{surname}', dice.faker.person.lastName());
      },
      (taken, attempt) => (attempt === 1 ? `${taken} – ${dice.pick(districts)}` : `${taken.replace(/ \d+$/, '')} ${attempt}`),
    );

    const languages = [...city.languages];
    if (!languages.includes('en') && (kind === 'ACADEMIC_MEDICAL_CENTER' || kind === 'RESEARCH_CENTER') && dice.chance(0.35)) languages.push('en');

    const areaCount = { ACADEMIC_MEDICAL_CENTER: [5, 9], HOSPITAL: [3, 6], RESEARCH_CENTER: [2, 5], COMMUNITY_CLINIC: [1, 3], SITE_NETWORK_MEMBER: [2, 4] }[kind];
    const areaSet = new Set(dice.sample(THERAPEUTIC_AREAS, dice.int(areaCount[0], areaCount[1])));
    const therapeuticAreas = THERAPEUTIC_AREAS.filter((area) => areaSet.has(area));

    const communities: string[] = [];
    for (const community of city.communities ?? []) if (dice.chance(0.7)) communities.push(community);
    for (const community of dice.sample(country.communities, dice.int(0, 2))) if (!communities.includes(community)) communities.push(community);

    const staff = this.siteStaff(kind);
    const coordinatorFte = round1(staff.filter((m) => m.role === 'STUDY_COORDINATOR' && m.endedOn === null).reduce((sum, m) => sum + m.fte, 0));

    const blackoutPeriods: SiteRecord['capacity']['blackoutPeriods'] = [];
    for (const [month, dayOfMonth, length, reason] of country.closures) {
      if (dice.chance(0.7)) {
        const startsOn = nextAnniversary(today, month, dayOfMonth);
        blackoutPeriods.push({ startsOn: isoDate(startsOn), endsOn: isoDate(startsOn + length - 1), reason });
      }
    }
    if (dice.chance(0.25)) {
      const startsOn = today + dice.int(20, 330);
      blackoutPeriods.push({ startsOn: isoDate(startsOn), endsOn: isoDate(startsOn + dice.int(5, 30)), reason: dice.chance(0.85) ? dice.pick(BLACKOUT_REASONS) : null });
    }
    blackoutPeriods.sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));

    const assets: SiteRecord['assets'] = dice
      .sample(SITE_ASSETS, kind === 'COMMUNITY_CLINIC' ? dice.int(0, 2) : dice.int(1, 5))
      .map((asset) => ({
        id: `asset-${pad(++this.assetCounter, 5)}`,
        kind: asset.kind,
        description: asset.description,
        quantity: dice.int(asset.quantity[0], asset.quantity[1]),
        fundedBySponsorId: null,
        reusable: dice.chance(0.9),
      }));

    const capacityRange = {
      ACADEMIC_MEDICAL_CENTER: { trials: [15, 60], slots: [60, 250] },
      HOSPITAL: { trials: [6, 25], slots: [25, 120] },
      RESEARCH_CENTER: { trials: [8, 40], slots: [40, 180] },
      COMMUNITY_CLINIC: { trials: [2, 8], slots: [8, 40] },
      SITE_NETWORK_MEMBER: { trials: [3, 12], slots: [10, 60] },
    }[kind];

    const site: SiteRecord = {
      id: `site-${pad(n, 4)}`,
      name,
      kind,
      city: city.city,
      region: city.region,
      postalCode: dice.faker.helpers.replaceSymbols(city.postalCode),
      countryCode: country.code,
      lat: Math.round((city.lat + dice.real(-0.06, 0.06)) * 10_000) / 10_000,
      lon: Math.round((city.lon + dice.real(-0.06, 0.06)) * 10_000) / 10_000,
      timezone: city.timezone,
      languages,
      therapeuticAreas,
      communitiesServed: communities,
      capacity: {
        maxConcurrentTrials: dice.int(capacityRange.trials[0], capacityRange.trials[1]),
        coordinatorFte,
        weeklyVisitSlots: dice.int(capacityRange.slots[0], capacityRange.slots[1]),
        blackoutPeriods,
      },
      staff,
      assets,
      sharingPolicy: {
        capacity: dice.weighted([['PARTNERS', 60], ['ALL_AUTHENTICATED', 30], ['SITE_ONLY', 10]] as const),
        staff: dice.weighted([['SITE_ONLY', 60], ['PARTNERS', 40]] as const),
        assets: dice.weighted([['PARTNERS', 60], ['ALL_AUTHENTICATED', 25], ['SITE_ONLY', 15]] as const),
      },
    };
    const index = this.sites.length;
    this.sites.push(site);
    // Most sites enrol a patient or less a month per trial; a few are stars.
    this.siteFacts.push({ country, city, enrollmentPace: 0.15 + 1.6 * Math.pow(dice.real(), 1.6) });
    const inCountry = this.sitesByCountry.get(country.code) ?? [];
    inCountry.push(index);
    this.sitesByCountry.set(country.code, inCountry);
    for (const area of therapeuticAreas) {
      const key = `${country.code}|${area}`;
      const list = this.sitesByCountryArea.get(key) ?? [];
      list.push(index);
      this.sitesByCountryArea.set(key, list);
    }
  }

  private citiesOf(country: CountryDefinition): WeightedTable<CityDefinition> {
    let table = this.cityTables.get(country);
    if (!table) {
      table = new WeightedTable(country.cities.map((c) => [c, c.weight] as const));
      this.cityTables.set(country, table);
    }
    return table;
  }

  private siteStaff(kind: SiteKind): SiteRecord['staff'] {
    const { dice, today } = this;
    type Role = SiteRecord['staff'][number]['role'];
    const roster: Record<SiteKind, Record<Role, [number, number]>> = {
      ACADEMIC_MEDICAL_CENTER: { PRINCIPAL_INVESTIGATOR: [2, 4], SUB_INVESTIGATOR: [2, 5], STUDY_COORDINATOR: [2, 6], REGULATORY_SPECIALIST: [1, 2], PHARMACIST: [1, 2], DATA_MANAGER: [1, 3] },
      HOSPITAL: { PRINCIPAL_INVESTIGATOR: [1, 2], SUB_INVESTIGATOR: [1, 3], STUDY_COORDINATOR: [1, 3], REGULATORY_SPECIALIST: [0, 1], PHARMACIST: [0, 1], DATA_MANAGER: [0, 1] },
      RESEARCH_CENTER: { PRINCIPAL_INVESTIGATOR: [1, 3], SUB_INVESTIGATOR: [1, 3], STUDY_COORDINATOR: [2, 5], REGULATORY_SPECIALIST: [1, 1], PHARMACIST: [0, 1], DATA_MANAGER: [1, 2] },
      COMMUNITY_CLINIC: { PRINCIPAL_INVESTIGATOR: [1, 1], SUB_INVESTIGATOR: [0, 1], STUDY_COORDINATOR: [1, 2], REGULATORY_SPECIALIST: [0, 0], PHARMACIST: [0, 0], DATA_MANAGER: [0, 0] },
      SITE_NETWORK_MEMBER: { PRINCIPAL_INVESTIGATOR: [1, 1], SUB_INVESTIGATOR: [0, 2], STUDY_COORDINATOR: [1, 2], REGULATORY_SPECIALIST: [0, 1], PHARMACIST: [0, 0], DATA_MANAGER: [0, 1] },
    };
    const fteRange: Record<Role, [number, number]> = {
      PRINCIPAL_INVESTIGATOR: [1, 4], SUB_INVESTIGATOR: [1, 3], STUDY_COORDINATOR: [5, 10], REGULATORY_SPECIALIST: [3, 10], PHARMACIST: [2, 5], DATA_MANAGER: [5, 10],
    };
    const staff: SiteRecord['staff'] = [];
    for (const [role, [min, max]] of Object.entries(roster[kind]) as [Role, [number, number]][]) {
      for (let k = dice.int(min, max); k > 0; k--) {
        const startedOn = today - dice.int(60, 4500);
        const endedOn = today - startedOn > 240 && dice.chance(0.18) ? dice.int(startedOn + 120, today - 1) : null;
        const until = endedOn ?? today;
        const trainings: SiteRecord['staff'][number]['trainings'] = [];
        const train = (training: { name: string; validDays: number | null }) => {
          const completedOn = until - dice.int(0, Math.min(1300, until - startedOn));
          trainings.push({ name: training.name, completedOn: isoDate(completedOn), expiresOn: training.validDays === null ? null : isoDate(completedOn + training.validDays) });
        };
        train(STAFF_TRAININGS.gcp);
        if (role === 'STUDY_COORDINATOR') {
          train(STAFF_TRAININGS.iata);
          train(STAFF_TRAININGS.consent);
        }
        if ((role === 'PRINCIPAL_INVESTIGATOR' || role === 'SUB_INVESTIGATOR') && dice.chance(0.5)) train(STAFF_TRAININGS.consent);
        if (role === 'PHARMACIST') train(STAFF_TRAININGS.pharmacy);
        if (role === 'DATA_MANAGER') train(STAFF_TRAININGS.data);
        staff.push({
          id: `staff-${pad(++this.staffCounter, 5)}`,
          role,
          fte: dice.int(fteRange[role][0], fteRange[role][1]) / 10,
          startedOn: isoDate(startedOn),
          endedOn: endedOn === null ? null : isoDate(endedOn),
          trainings,
        });
      }
    }
    return staff;
  }

  // Sponsors and CROs ----------------------------------------------------------------------------

  private buildSponsors(): void {
    const { dice } = this;
    const kinds: SponsorRecord['kind'][] = [];
    for (let i = 0; i < this.counts.sponsors; i++) {
      kinds.push(dice.weighted([['INDUSTRY', 60], ['ACADEMIC', 20], ['GOVERNMENT', 6], ['NONPROFIT', 10], ['OTHER', 4]] as const));
    }
    if (!kinds.includes('INDUSTRY')) kinds[0] = 'INDUSTRY';
    const countriesWithSites = COUNTRIES.filter((country) => this.sitesByCountry.has(country.code));
    const industryHomes: Record<string, number> = { US: 30, DE: 10, CH: 10, GB: 10, FR: 8, JP: 10, BE: 5, NL: 4, SE: 4, ES: 4, IT: 4, IE: 2, CA: 2, AU: 2, BR: 1, MX: 1, PL: 1 };

    kinds.forEach((kind, i) => {
      let country: CountryDefinition;
      if (kind === 'INDUSTRY') {
        const home = dice.weighted(Object.entries(industryHomes));
        country = COUNTRIES.find((c) => c.code === home)!;
      } else country = dice.weighted(countriesWithSites.map((c) => [c, this.sitesByCountry.get(c.code)!.length] as const));
      const focusCount = { INDUSTRY: [1, 4], ACADEMIC: [2, 5], GOVERNMENT: [3, 6], NONPROFIT: [1, 1], OTHER: [1, 3] }[kind];
      const focusAreas = dice.sample(THERAPEUTIC_AREAS, dice.int(focusCount[0], focusCount[1]));
      const area = focusAreas[0];
      const words = AREA_WORDS[area];
      const homeCity = dice.from(this.citiesOf(country));
      let stem = '';
      const name = this.uniqueName(
        () => {
          switch (kind) {
            case 'INDUSTRY':
              stem = joinSyllables(dice.pick(SPONSOR_NAME_PARTS.starts), dice.pick(SPONSOR_NAME_PARTS.ends));
              return `${stem} ${dice.pick(SPONSOR_NAME_PARTS.industrySuffixes)}`;
            case 'ACADEMIC':
              return dice
                .pick(ACADEMIC_SPONSOR_TEMPLATES[country.code])
                // Templates are in the country's own language: so is the city (Roma, not Rome).
                .replace('{city}', homeCity.localNames?.[homeCity.naming[0]] ?? homeCity.city)
                .replace('{region}', homeCity.region)
                .replace('{areaEs}', words.es)
                .replace('{areaDe}', words.de)
                .replace('{areaIt}', words.it)
                .replace('{areaPl}', words.pl)
                .replace('{areaPt}', words.pt)
                .replace('{area}', words.en);
            case 'GOVERNMENT':
              return dice.pick(GOVERNMENT_SPONSOR_TEMPLATES).replace('{country}', country.name);
            case 'NONPROFIT': {
              // Patient foundations are named after a disease, in title case and briefly.
              const short = CONDITIONS[area].filter((condition) => condition.split(' ').length <= 3);
              const template = dice.pick(short.length > 0 ? NONPROFIT_SPONSOR_TEMPLATES : NONPROFIT_SPONSOR_TEMPLATES.filter((t) => !t.includes('{condition}')));
              return template.replace('{condition}', short.length > 0 ? titleCase(dice.pick(short)) : '').replace('{country}', country.name).replace('{area}', words.en);
            }
            default:
              return `International ${words.en} Registry Consortium`;
          }
        },
        (taken, attempt) => (attempt === 1 ? `${taken} – ${homeCity.city}` : `${taken.replace(/ \d+$/, '')} ${attempt}`),
      );
      this.sponsors.push({
        id: `sponsor-${pad(i + 1, 3)}`,
        name,
        kind,
        countryCode: kind === 'OTHER' && dice.chance(0.5) ? null : country.code,
      });
      const letters = (stem || name).normalize('NFD').replace(/[^A-Za-z]/g, '').toUpperCase();
      this.sponsorFacts.push({
        focusAreas,
        size: kind === 'INDUSTRY' ? (dice.chance(0.2) ? dice.real(5, 9) : dice.real(1.5, 4)) : dice.real(0.5, 1.5),
        compoundPrefix: letters.slice(0, 3).padEnd(3, 'X'),
        compounds: [],
        responseDays: dice.weighted([[dice.int(2, 7), 35], [dice.int(8, 21), 45], [dice.int(22, 45), 20]] as const),
        sitesByCountry: new Map(),
        lastCro: null,
      });
    });
  }

  private buildCros(): void {
    const { dice } = this;
    // Each CRO has about ten engagements at any scale, so its staff pool does not grow with scale.
    const pools = 40;
    const stems = dice.shuffle([...CRO_NAME_PARTS.stems]);
    for (let i = 0; i < this.counts.cros; i++) {
      const global = dice.chance(0.3) || (i === this.counts.cros - 1 && !this.croFacts.some((facts) => facts.global));
      const regions: CroRegion[] = global
        ? [...CRO_REGIONS]
        : dice.weightedSample([['EUROPE', 50], ['NORTH_AMERICA', 30], ['LATIN_AMERICA', 10], ['ASIA_PACIFIC', 10]] as const, dice.int(1, 2));
      const orderedRegions = CRO_REGIONS.filter((region) => regions.includes(region));
      let services: Activity[];
      if (global) {
        const dropped = new Set<Activity>(dice.sample(ACTIVITIES.filter((a) => a !== 'SITE_MONITORING'), dice.int(0, 2)));
        services = ACTIVITIES.filter((a) => !dropped.has(a));
      } else {
        const chosen = new Set(dice.sample(ACTIVITIES, dice.int(4, 10)));
        if (dice.chance(0.85)) chosen.add('SITE_MONITORING');
        services = ACTIVITIES.filter((a) => chosen.has(a));
      }
      const languages = ['en'];
      for (const region of orderedRegions) {
        const regional = CRO_LANGUAGES_BY_REGION[region];
        for (const language of dice.sample(regional, dice.int(Math.min(2, regional.length), regional.length))) {
          if (!languages.includes(language)) languages.push(language);
        }
      }
      // One CRO per stem while stems last, so no two CROs sound alike.
      const stem = i < stems.length ? stems[i] : dice.pick(stems);
      const name = this.uniqueName(
        () => {
          const ending = dice.pick(CRO_NAME_PARTS.endings);
          return `${stem} ${dice.pick(CRO_NAME_PARTS.middles)}${ending ? ` ${ending}` : ''}`;
        },
        (taken, attempt) => `${taken.replace(/ \d+$/, '')} ${attempt + 1}`,
      );
      this.cros.push({ id: `cro-${pad(i + 1, 3)}`, name, regions: orderedRegions, services, languages });
      this.croFacts.push({
        craPool: this.pseudonyms('CRA', pools),
        pmPool: this.pseudonyms('PM', Math.max(3, Math.ceil(pools / 5))),
        letterLagDays: dice.int(5, 18),
        global,
      });
    }
  }

  /** Monitors are named by pseudonyms like CRA-7F3K, never by their real names. */
  private pseudonyms(prefix: string, count: number): string[] {
    const pool: string[] = [];
    while (pool.length < count) {
      const pseudonym = `${prefix}-${this.dice.faker.string.alphanumeric({ length: 4, casing: 'upper' })}`;
      if (!this.usedPseudonyms.has(pseudonym)) {
        this.usedPseudonyms.add(pseudonym);
        pool.push(pseudonym);
      }
    }
    return pool;
  }

  // Trials ---------------------------------------------------------------------------------------

  private buildTrials(): void {
    const { dice, today } = this;
    const first = toDay('2012-01-01');
    const sponsorTable = new WeightedTable(this.sponsorFacts.map((facts, i) => [i, facts.size] as const));
    const nctIds = new Set<string>();
    for (let i = 0; i < this.counts.trials; i++) {
      const sponsorIndex = dice.from(sponsorTable);
      const sponsor = this.sponsors[sponsorIndex];
      const facts = this.sponsorFacts[sponsorIndex];
      const area = dice.chance(0.85) ? dice.pick(facts.focusAreas) : dice.pick(THERAPEUTIC_AREAS);
      const phase = dice.weighted(PHASES_BY_SPONSOR_KIND[sponsor.kind]);
      // Oncology basket trials name two cancers; other trials one condition.
      const conditions = dice.sample(CONDITIONS[area], area === 'ONCOLOGY' && dice.chance(0.15) ? 2 : 1);
      const level: ComplexityLevel = dice.weighted([[0, 30], [1, 40], [2, 30]] as const);

      // More trials started in recent years than in 2012; about one in ten has not started yet.
      const planned = dice.chance(0.1);
      const plannedStart = planned ? today + dice.int(20, 330) : first + Math.floor((today - 30 - first) * Math.sqrt(dice.real()));
      const durations = PHASE_DURATIONS[phase];
      const plannedEnrollmentDays = dice.int(durations.enrollment[0], durations.enrollment[1]);
      const followUpDays = dice.int(durations.followUp[0], durations.followUp[1]);
      const start = plannedStart + dice.int(0, 120);
      let enrollmentEnd = start + Math.round(plannedEnrollmentDays * dice.real(0.95, 1.5));
      let close = enrollmentEnd + followUpDays + dice.int(30, 120);
      let terminated = false;
      if (!planned && dice.chance(0.09) && start + 200 < Math.min(close, today)) {
        terminated = true;
        close = dice.int(start + 200, Math.min(close, today));
        enrollmentEnd = Math.min(enrollmentEnd, close);
      }
      const closed = !planned && close <= today;

      let nctId: string;
      // NCT09xxxxxx: not yet issued by ClinicalTrials.gov, so no id points at a real study.
      do nctId = `NCT09${pad(dice.int(0, 999_999), 6)}`;
      while (nctIds.has(nctId));
      nctIds.add(nctId);

      this.trials.push({
        id: `trial-${pad(i + 1, 4)}`,
        nctId,
        sponsorId: sponsor.id,
        title: this.trialTitle(sponsor, facts, phase, conditions[0]),
        phase,
        status: planned ? 'PLANNED' : terminated && closed ? 'TERMINATED' : closed ? 'COMPLETED' : today >= enrollmentEnd ? 'FOLLOW_UP' : 'ENROLLING',
        therapeuticArea: area,
        conditions,
        enrollmentTarget: null,
        plannedStartOn: isoDate(plannedStart),
        plannedEndOn: isoDate(plannedStart + plannedEnrollmentDays + followUpDays),
        protocolVersions: [],
      });
      this.plans.push({ sponsor: sponsorIndex, area, level, plannedStart, start, plannedEnrollmentDays, enrollmentEnd, close, terminated, closed, planned, trialSites: [] });
    }
  }

  private trialTitle(sponsor: SponsorRecord, facts: SponsorFacts, phase: TrialPhase, condition: string): string {
    const { dice } = this;
    if (sponsor.kind !== 'INDUSTRY') {
      if (phase === 'NOT_APPLICABLE') {
        const strategy = dice.pick(['Nurse-Led Follow-Up', 'Home-Based Monitoring', 'Telemedicine Follow-Up', 'A Structured Exercise Programme', 'Early Palliative Care', 'Treatment De-escalation']);
        return `${strategy} Versus Usual Care in ${condition}: a Pragmatic Randomised Trial`;
      }
      const drug = dice.pick(['Metformin', 'Colchicine', 'Low-Dose Aspirin', 'Vitamin D3', 'Atorvastatin', 'Hydroxychloroquine', 'Dexamethasone', 'Shorter-Course Antibiotics']);
      return `${drug} in ${condition}: a Randomised, Investigator-Initiated ${phaseLabel(phase)} Trial`;
    }
    const compound = facts.compounds.length > 0 && dice.chance(0.4) ? dice.pick(facts.compounds) : `${facts.compoundPrefix}-${dice.int(1000, 9999)}`;
    if (!facts.compounds.includes(compound)) facts.compounds.push(compound);
    switch (phase) {
      case 'EARLY_PHASE_1':
      case 'PHASE_1':
        return `A ${phaseLabel(phase)}, Open-Label, Dose-Escalation Study of ${compound} in Adults with ${condition}`;
      case 'PHASE_1_2':
        return `A Phase 1/2 Study of the Safety and Efficacy of ${compound} in ${condition}`;
      case 'PHASE_2':
        return `A Phase 2, Randomised, Double-Blind, Placebo-Controlled Study of ${compound} in Patients with ${condition}`;
      case 'PHASE_2_3':
        return `A Seamless Phase 2/3 Study of ${compound} Versus Standard of Care in ${condition}`;
      case 'PHASE_3':
        return `A Phase 3, Randomised, Double-Blind Study Comparing ${compound} with ${dice.pick(['Placebo', 'Standard of Care', 'an Active Comparator'])} in ${condition}`;
      case 'PHASE_4':
        return `An Open-Label Phase 4 Study of the Long-Term Safety of ${compound} in ${condition}`;
      default:
        return `A Prospective Observational Registry of Patients with ${condition} Treated with ${compound}`;
    }
  }

  // Trial sites, built in order of trial start so sponsors can return to sites they know ------------

  private buildTrialSites(): void {
    this.countryWeights = COUNTRIES.filter((c) => this.sitesByCountry.has(c.code)).map((c) => [c.code, this.sitesByCountry.get(c.code)!.length] as const);
    this.countryTable = new WeightedTable(this.countryWeights);
    const order = this.plans.map((plan, i) => [i, plan.start] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    for (const [trialIndex] of order) this.placeTrial(trialIndex);
    // Stored in trial order, ids numbered in that order.
    const sorted = this.plans.flatMap((plan) => plan.trialSites.map((index) => [this.trialSites[index], this.trialSiteFacts[index]] as const));
    this.trialSites.length = 0;
    this.trialSiteFacts.length = 0;
    sorted.forEach(([trialSite, facts], i) => {
      trialSite.id = `trial-site-${pad(i + 1, 5)}`;
      this.trialSites.push(trialSite);
      this.trialSiteFacts.push(facts);
    });
    let cursor = 0;
    for (const plan of this.plans) plan.trialSites = plan.trialSites.map(() => cursor++);
  }

  private placeTrial(trialIndex: number): void {
    const { dice, today } = this;
    const trial = this.trials[trialIndex];
    const plan = this.plans[trialIndex];
    const sponsor = this.sponsors[plan.sponsor];
    const facts = this.sponsorFacts[plan.sponsor];
    const durations = PHASE_DURATIONS[trial.phase];

    const countryWeights = this.countryWeights;
    const early = trial.phase === 'PHASE_1' || trial.phase === 'EARLY_PHASE_1';
    const multinationalShare = sponsor.kind !== 'INDUSTRY' ? 0.15 : early ? 0.3 : trial.phase === 'PHASE_3' || trial.phase === 'PHASE_2_3' ? 0.9 : trial.phase === 'PHASE_4' ? 0.5 : 0.65;
    let countryCount = 1;
    if (dice.chance(multinationalShare)) {
      countryCount = sponsor.kind !== 'INDUSTRY' || early ? dice.int(2, 3) : trial.phase === 'PHASE_3' || trial.phase === 'PHASE_2_3' ? dice.weighted([[dice.int(2, 5), 55], [dice.int(6, 10), 30], [dice.int(11, 13), 15]] as const) : dice.int(2, 6);
    }
    countryCount = Math.min(countryCount, countryWeights.length);
    const home = sponsor.countryCode !== null && this.sitesByCountry.has(sponsor.countryCode) ? sponsor.countryCode : null;
    let countries: string[];
    if (countryCount === 1) {
      countries = [home !== null && (sponsor.kind !== 'INDUSTRY' || dice.chance(0.4)) ? home : dice.from(this.countryTable)];
    } else {
      countries = dice.weightedSample(countryWeights, countryCount);
      if (home !== null && !countries.includes(home) && dice.chance(0.5)) countries[countries.length - 1] = home;
    }
    const available = countries.reduce((sum, code) => sum + this.sitesByCountry.get(code)!.length, 0);
    const siteCount = Math.min(Math.max(dice.int(durations.sites[0], durations.sites[1]), countries.length), available);

    // One site per country first, the rest where there are most sites.
    const slots = [...countries];
    while (slots.length < siteCount) slots.push(dice.weighted(countries.map((code) => [code, this.sitesByCountry.get(code)!.length] as const)));

    const chosen = new Set<number>();
    const pickFrom = (candidates: readonly number[] | undefined, tries: number): number | null => {
      if (!candidates || candidates.length === 0) return null;
      for (let t = 0; t < tries; t++) {
        const candidate = dice.pick(candidates);
        if (!chosen.has(candidate)) return candidate;
      }
      return null;
    };
    const siteIndices: number[] = [];
    for (const code of slots) {
      let site: number | null = null;
      if (dice.chance(0.55)) site = pickFrom(facts.sitesByCountry.get(code), 4);
      if (site === null && dice.chance(0.75)) site = pickFrom(this.sitesByCountryArea.get(`${code}|${plan.area}`), 6);
      if (site === null) site = pickFrom(this.sitesByCountry.get(code), 8);
      if (site === null) site = this.sitesByCountry.get(code)!.find((candidate) => !chosen.has(candidate)) ?? null;
      if (site === null) continue;
      chosen.add(site);
      siteIndices.push(site);
      const known = facts.sitesByCountry.get(code) ?? [];
      if (!known.includes(site)) known.push(site);
      facts.sitesByCountry.set(code, known);
    }

    const pace = durations.pace * (AREA_PACE[plan.area] ?? 1);
    const [failMin, failMax] = SCREEN_FAILURE_RANGE[plan.area];
    const perSiteTarget = dice.int(durations.perSiteTarget[0], durations.perSiteTarget[1]);
    let targetSum = 0;
    let anyPatient = false;

    siteIndices.forEach((siteIndex, position) => {
      const site = this.sites[siteIndex];
      const siteFacts = this.siteFacts[siteIndex];
      const enrollmentTarget = dice.chance(0.92) ? Math.max(1, Math.round(perSiteTarget * dice.real(0.5, 1.5))) : null;
      targetSum += enrollmentTarget ?? perSiteTarget;

      // Rescue sites join during enrollment, when the first ones recruit too slowly.
      const rescueFrom = plan.start + 60;
      const rescueTo = Math.min(plan.enrollmentEnd - 90, today);
      let selected: number;
      if (plan.planned) selected = today - dice.int(0, 120);
      else if (position >= 3 && rescueFrom <= rescueTo && dice.chance(0.12)) selected = dice.int(rescueFrom, rescueTo);
      else selected = Math.min(plan.start - dice.int(10, 150), today);

      const kindPace = site.kind === 'ACADEMIC_MEDICAL_CENTER' ? 1.1 : site.kind === 'SITE_NETWORK_MEMBER' ? 0.8 : site.kind === 'COMMUNITY_CLINIC' ? 0.9 : 1;
      // No site opens before the trial starts, however early it was selected.
      const activation = Math.max(selected + Math.max(21, Math.round(dice.int(45, 200) * (ACTIVATION_PACE[site.countryCode] ?? 1) * kindPace)), plan.start + dice.int(0, 45));
      const neverEnrols = dice.chance(0.07);
      const firstPatientAfter = dice.int(14, 150);

      let status: TrialSiteRecord['status'];
      let activatedOn: number | null = null;
      let firstPatientInOn: number | null = null;
      let closedOn: number | null = null;

      if (plan.planned) {
        status = 'SELECTED';
      } else if (plan.closed) {
        status = 'CLOSED';
        if (activation >= plan.close) {
          closedOn = Math.max(selected, plan.close);
        } else {
          activatedOn = activation;
          const firstPatient = activation + firstPatientAfter;
          if (!neverEnrols && firstPatient < Math.min(plan.enrollmentEnd, plan.close)) firstPatientInOn = firstPatient;
          closedOn = Math.max(firstPatientInOn ?? activatedOn, plan.close - dice.int(0, 60));
        }
      } else if (activation > today) {
        // Not activated yet: dropped if enrollment is already over.
        if (today >= plan.enrollmentEnd) {
          status = 'CLOSED';
          closedOn = dice.int(Math.max(selected, plan.enrollmentEnd), today);
        } else status = 'SELECTED';
      } else {
        activatedOn = activation;
        const firstPatient = activation + firstPatientAfter;
        if (!neverEnrols && firstPatient <= Math.min(plan.enrollmentEnd, today)) firstPatientInOn = firstPatient;
        const openSince = firstPatientInOn ?? activatedOn;
        if (today - openSince > 150 && dice.chance(0.05)) {
          status = 'CLOSED';
          closedOn = dice.int(openSince + 30, today);
        } else if (today >= plan.enrollmentEnd) status = 'ACTIVATED';
        else status = firstPatientInOn !== null ? 'ENROLLING' : 'ACTIVATED';
      }

      let screened = 0;
      let enrolled = 0;
      let withdrawn = 0;
      if (firstPatientInOn !== null) {
        anyPatient = true;
        const enrollingUntil = Math.min(plan.enrollmentEnd, closedOn ?? today, today);
        const months = Math.max(0, enrollingUntil - firstPatientInOn) / 30.44;
        enrolled = Math.max(1, Math.round(pace * siteFacts.enrollmentPace * months + dice.real()));
        if (enrollmentTarget !== null) enrolled = Math.max(1, Math.min(enrolled, Math.ceil(enrollmentTarget * 1.6)));
        screened = Math.round(enrolled / (1 - dice.real(failMin, failMax)));
        withdrawn = Math.min(enrolled, Math.round(enrolled * dice.real(0, 0.22)));
      } else if (activatedOn !== null) {
        screened = dice.int(0, 3);
      }

      const index = this.trialSites.length;
      this.trialSites.push({
        id: '',
        trialId: trial.id,
        siteId: site.id,
        status,
        selectedOn: isoDate(selected),
        activatedOn: activatedOn === null ? null : isoDate(activatedOn),
        firstPatientInOn: firstPatientInOn === null ? null : isoDate(firstPatientInOn),
        closedOn: closedOn === null ? null : isoDate(closedOn),
        enrollmentTarget,
        screened,
        enrolled,
        withdrawn,
      });
      this.trialSiteFacts.push({ site: siteIndex, selected, activated: activatedOn, firstPatient: firstPatientInOn, closed: closedOn });
      plan.trialSites.push(index);
    });

    if (trial.status === 'ENROLLING' && !anyPatient) trial.status = 'STARTUP';
    trial.enrollmentTarget = dice.chance(0.97) ? Math.max(1, Math.round(targetSum * dice.real(0.9, 1.1))) : null;
  }

  // Protocols ------------------------------------------------------------------------------------

  private buildProtocols(): void {
    const { dice, today } = this;
    this.trials.forEach((trial, trialIndex) => {
      const plan = this.plans[trialIndex];
      const facts = plan.trialSites.map((index) => this.trialSiteFacts[index]);
      const countries = [...new Set(facts.map((trialSite) => this.sites[trialSite.site].countryCode))].sort();
      const firstSelected = Math.min(plan.plannedStart, ...facts.map((trialSite) => trialSite.selected));

      const effective: number[] = [firstSelected - dice.int(20, 90)];
      const wanted = dice.weighted([[1, 45], [2, 35], [3, 20]] as const);
      const lastPossible = plan.closed ? Math.min(plan.close, today) : today;
      while (effective.length < wanted) {
        const next = effective[effective.length - 1] + dice.int(90, 600);
        if (next > lastPossible) break;
        effective.push(next);
      }
      const reasons = dice.sample(
        AMENDMENT_REASONS.filter((reason) => countries.length > 1 || reason !== 'Added countries to meet the enrollment target'),
        effective.length - 1,
      );

      // Countries per version, walking back from today's: an amendment that added countries removes some.
      const versionCountries: string[][] = new Array(effective.length);
      versionCountries[effective.length - 1] = countries;
      for (let v = effective.length - 1; v > 0; v--) {
        let earlier = versionCountries[v];
        if (reasons[v - 1] === 'Added countries to meet the enrollment target' && earlier.length > 1) {
          const removed = new Set(dice.sample(earlier, dice.int(1, earlier.length - 1)));
          earlier = earlier.filter((code) => !removed.has(code));
        }
        versionCountries[v - 1] = earlier;
      }

      let design = this.protocolDesign(plan.area, plan.level);
      effective.forEach((day, v) => {
        if (v > 0) design = this.amend(design, reasons[v - 1]);
        trial.protocolVersions.push({
          version: v + 1,
          effectiveOn: isoDate(day),
          amendmentReason: v === 0 ? null : reasons[v - 1],
          visits: design.visits.map((visit) => ({ ...visit, procedures: [...visit.procedures] })),
          procedures: design.procedures.map(({ name, invasive, patientReported, durationMinutes }) => ({ name, invasive, patientReported, durationMinutes })),
          inclusionCriteriaCount: design.inclusion,
          exclusionCriteriaCount: design.exclusion,
          endpoints: { ...design.endpoints },
          countries: versionCountries[v],
        });
      });
    });
  }

  private siteIndexById = new Map<string, number>();
  private siteIndex(siteId: string): number {
    if (this.siteIndexById.size === 0) this.sites.forEach((site, i) => this.siteIndexById.set(site.id, i));
    return this.siteIndexById.get(siteId)!;
  }

  /** A schedule whose size follows the complexity level, each factor nudged a level up or down now and then. */
  private protocolDesign(area: TherapeuticArea, level: ComplexityLevel): ProtocolDesign {
    const { dice } = this;
    const nudged = (): ComplexityLevel => (dice.chance(0.7) ? level : (clamp(level + (dice.chance(0.5) ? 1 : -1), 0, 2) as ComplexityLevel));
    const draw = (factor: keyof typeof DESIGN_RANGES, at: ComplexityLevel) => dice.int(DESIGN_RANGES[factor][at][0], DESIGN_RANGES[factor][at][1]);

    const visitCount = draw('visits', nudged());
    const distinct = draw('distinct', nudged());
    const share = PERIODIC_SHARE[level];

    const areaProcedures = dice.sample(AREA_PROCEDURES[area], dice.int(2, AREA_PROCEDURES[area].length));
    const others = dice.shuffle([...COMMON_PROCEDURES, ...EXTRA_PROCEDURES]);
    const procedures = [...CORE_PROCEDURES, ...areaProcedures, ...others].slice(0, distinct);

    const offsets: number[] = [-dice.int(7, 28), 1];
    while (offsets.length < visitCount) {
      const early = offsets.length < visitCount / 3;
      offsets.push(offsets[offsets.length - 1] + (early ? dice.int(7, 14) : dice.int(14, 56)));
    }
    const scheduled: string[][] = offsets.map(() => []);
    const afterScreening = offsets.map((_, v) => v).slice(1);
    for (const item of procedures) {
      if (item.schedule === 'SCREENING') scheduled[0].push(item.name);
      else if (item.schedule === 'CORE') scheduled.forEach((names) => names.push(item.name));
      else {
        // A periodic procedure at about `share` of the visits, sometimes also at screening.
        const times = clamp(Math.round(share * visitCount * dice.real(0.5, 1.5)), 1, afterScreening.length);
        const at = new Set(dice.sample(afterScreening, times));
        if (item.schedule === 'PERIODIC' && dice.chance(share)) at.add(0);
        scheduled.forEach((names, v) => {
          if (at.has(v)) names.push(item.name);
        });
      }
    }
    const visits = offsets.map((dayOffset, v) => ({
      number: v + 1,
      name: visitName(v, offsets.length, dayOffset),
      dayOffset,
      durationMinutes: 0,
      procedures: scheduled[v],
    }));
    const design: ProtocolDesign = {
      visits,
      procedures,
      inclusion: draw('inclusion', nudged()),
      exclusion: draw('exclusion', nudged()),
      endpoints: (() => {
        const at = nudged();
        return { primary: draw('primary', at), secondary: draw('secondary', at), other: draw('other', at) };
      })(),
    };
    return withDurations(design);
  }

  private amend(previous: ProtocolDesign, reason: AmendmentReason): ProtocolDesign {
    const { dice } = this;
    const design: ProtocolDesign = {
      visits: previous.visits.map((visit) => ({ ...visit, procedures: [...visit.procedures] })),
      procedures: [...previous.procedures],
      inclusion: previous.inclusion,
      exclusion: previous.exclusion,
      endpoints: { ...previous.endpoints },
    };
    switch (reason) {
      case 'Reduced visit frequency after site and patient feedback': {
        if (design.visits.length >= 7) {
          const removable = design.visits.slice(2, -1).map((visit) => visit.number);
          const removed = new Set(dice.sample(removable, dice.int(1, Math.min(3, design.visits.length - 5))));
          design.visits = design.visits.filter((visit) => !removed.has(visit.number));
          design.visits.forEach((visit, v) => {
            visit.number = v + 1;
            visit.name = visitName(v, design.visits.length, visit.dayOffset);
          });
        }
        break;
      }
      case 'Broadened eligibility criteria to improve recruitment':
        design.exclusion = Math.max(2, design.exclusion - dice.int(2, 5));
        design.inclusion = Math.max(2, design.inclusion - dice.int(0, 2));
        break;
      case 'Added safety monitoring requested by the Data Monitoring Committee': {
        const added = [...COMMON_PROCEDURES, ...EXTRA_PROCEDURES].find((item) => (item.name === '12-lead ECG' || item.name === 'Blood draw (clinical chemistry)' || item.name === 'Echocardiogram') && !design.procedures.includes(item));
        const name = added?.name ?? '12-lead ECG';
        if (added) design.procedures.push(added);
        design.visits.forEach((visit, v) => {
          if (v >= 1 && v % 2 === 1 && !visit.procedures.includes(name)) visit.procedures.push(name);
        });
        break;
      }
      case 'Added an exploratory endpoint':
        design.endpoints.other += dice.int(1, 2);
        break;
      case 'Removed redundant pharmacokinetic sampling':
        design.visits.forEach((visit) => {
          visit.procedures = visit.procedures.filter((name) => name !== 'Pharmacokinetic sampling');
        });
        break;
      default:
        break;
    }
    // A procedure is in the protocol only while some visit schedules it.
    const used = new Set(design.visits.flatMap((visit) => visit.procedures));
    design.procedures = design.procedures.filter((item) => used.has(item.name));
    return withDurations(design);
  }

  // Partnerships and pipeline --------------------------------------------------------------------

  private buildPartnerships(): void {
    const { dice, today } = this;
    const firstShared = new Map<string, { sponsor: number; site: number; first: number; trials: number }>();
    this.trials.forEach((trial, trialIndex) => {
      const sponsor = this.plans[trialIndex].sponsor;
      for (const index of this.plans[trialIndex].trialSites) {
        const { site, selected } = this.trialSiteFacts[index];
        const key = `${trial.sponsorId}|${site}`;
        const entry = firstShared.get(key);
        if (entry) {
          entry.first = Math.min(entry.first, selected);
          entry.trials++;
        } else firstShared.set(key, { sponsor, site, first: selected, trials: 1 });
      }
    });
    const pairs = [...firstShared.values()].sort((a, b) => a.sponsor - b.sponsor || a.site - b.site);
    let investmentCounter = 0;
    pairs.forEach((pair, i) => {
      const sponsor = this.sponsors[pair.sponsor];
      const site = this.sites[pair.site];
      const since = pair.first - dice.int(0, 180);
      const currency = this.siteFacts[pair.site].country.currency;
      const rate = currency === 'USD' ? 1.1 : currency === 'GBP' ? 0.85 : 1;
      const generous = sponsor.kind === 'INDUSTRY' ? 1 : 0.5;
      const count = dice.chance(generous)
        ? pair.trials >= 2
          ? dice.weighted([[0, 35], [1, 30], [2, 20], [3, 10], [4, 5]] as const)
          : dice.weighted([[0, 65], [1, 30], [2, 5]] as const)
        : 0;
      const investments: PartnershipRecord['investments'] = [];
      for (let k = 0; k < count; k++) {
        const kind = dice.weighted([['TRAINING', 35], ['EQUIPMENT', 30], ['STAFFING', 15], ['TECHNOLOGY', 20]] as const);
        const item = dice.pick(INVESTMENT_CATALOGUE[kind]);
        const reusableBeyondTrial = dice.chance({ TRAINING: 0.8, EQUIPMENT: 0.75, STAFFING: 0.25, TECHNOLOGY: 0.6 }[kind]);
        investments.push({
          id: '',
          kind,
          description: item.description,
          amount: Math.max(500, Math.round((dice.int(item.range[0], item.range[1]) * rate) / 500) * 500),
          currency,
          reusableBeyondTrial,
          investedOn: isoDate(dice.int(Math.min(since, today), today)),
        });
        // Equipment and software a sponsor pays for shows up in the site's own asset list.
        if (item.asset && dice.chance(0.7)) {
          site.assets.push({
            id: `asset-${pad(++this.assetCounter, 5)}`,
            kind: item.asset,
            description: item.description,
            quantity: item.asset === 'INFUSION_CHAIR' ? dice.int(2, 6) : 1,
            fundedBySponsorId: sponsor.id,
            reusable: reusableBeyondTrial,
          });
        }
      }
      investments.sort((a, b) => (a.investedOn < b.investedOn ? -1 : a.investedOn > b.investedOn ? 1 : 0));
      for (const investment of investments) investment.id = `investment-${pad(++investmentCounter, 5)}`;
      this.partnerships.push({ id: `partnership-${pad(i + 1, 4)}`, sponsorId: sponsor.id, siteId: site.id, since: isoDate(since), investments });
    });
  }

  private buildPipeline(): void {
    const { dice, today } = this;
    const partnersOf = new Map<string, number[]>();
    for (const partnership of this.partnerships) {
      const list = partnersOf.get(partnership.sponsorId) ?? [];
      list.push(this.siteIndex(partnership.siteId));
      partnersOf.set(partnership.sponsorId, list);
    }
    const { year, quarter } = quarterOf(today);
    this.sponsors.forEach((sponsor, sponsorIndex) => {
      if (sponsor.kind !== 'INDUSTRY') return;
      const facts = this.sponsorFacts[sponsorIndex];
      const partners = partnersOf.get(sponsor.id) ?? [];
      const partnerCountries = new Map<string, number>();
      for (const site of partners) partnerCountries.set(this.sites[site].countryCode, (partnerCountries.get(this.sites[site].countryCode) ?? 0) + 1);
      for (let k = dice.int(2, 5); k > 0; k--) {
        const area = dice.chance(0.85) ? dice.pick(facts.focusAreas) : dice.pick(THERAPEUTIC_AREAS);
        const phase = dice.weighted([['PHASE_1', 25], ['PHASE_1_2', 5], ['PHASE_2', 35], ['PHASE_3', 30], ['PHASE_4', 5]] as const);
        const ahead = dice.int(1, 8);
        const startQuarter = quarter - 1 + ahead;
        const estimatedSites = phase === 'PHASE_1' ? dice.int(3, 12) : phase === 'PHASE_3' ? dice.int(40, 180) : phase === 'PHASE_2' ? dice.int(15, 60) : dice.int(10, 40);
        const countryCount = phase === 'PHASE_1' ? dice.int(1, 2) : dice.int(1, 8);
        const countries = partnerCountries.size > 0 ? dice.weightedSample([...partnerCountries.entries()], countryCount).sort() : [sponsor.countryCode ?? 'US'];

        let sharedWith: string[] = [];
        if (partners.length > 0 && dice.chance(0.85)) {
          const inCountries = partners.filter((site) => countries.includes(this.sites[site].countryCode));
          const fitting = inCountries.filter((site) => this.sites[site].therapeuticAreas.includes(area));
          const pool = fitting.length > 0 ? fitting : inCountries.length > 0 ? inCountries : partners;
          sharedWith = dice.sample(pool, dice.int(1, Math.min(12, pool.length))).sort((a, b) => a - b).map((site) => this.sites[site].id);
        }
        this.pipeline.push({
          id: `pipeline-${pad(this.pipeline.length + 1, 4)}`,
          sponsorId: sponsor.id,
          indication: dice.pick(CONDITIONS[area]),
          therapeuticArea: area,
          phase,
          plannedStartQuarter: `${year + Math.floor(startQuarter / 4)}-Q${(startQuarter % 4) + 1}`,
          estimatedSites,
          countries,
          sharedWithSiteIds: sharedWith,
        });
      }
    });
  }

  // Feedback -------------------------------------------------------------------------------------

  private buildFeedback(): void {
    const { dice, today } = this;
    this.trials.forEach((trial, trialIndex) => {
      const plan = this.plans[trialIndex];
      const sponsorFacts = this.sponsorFacts[plan.sponsor];
      for (const index of plan.trialSites) {
        if (!dice.chance(0.2)) continue;
        const trialSite = this.trialSites[index];
        const facts = this.trialSiteFacts[index];
        const site = this.sites[facts.site];
        for (let k = dice.chance(0.25) ? 2 : 1; k > 0; k--) {
          const from = facts.selected;
          const until = Math.min(facts.closed ?? today, today);
          // Most feedback comes early, at feasibility and start-up.
          const raisedDay = from + Math.floor((until - from) * Math.pow(dice.real(), 2));
          const raisedMinute = dice.int(7 * 60, 18 * 60);
          const version = [...trial.protocolVersions].reverse().find((candidate) => toDay(candidate.effectiveOn) <= raisedDay) ?? trial.protocolVersions[0];
          const topic = dice.weighted([
            ['FEASIBILITY', 18], ['PATIENT_BURDEN', 22], ['STAFFING', 10], ['ELIGIBILITY', 15], ['VISIT_SCHEDULE', 15],
            ['LANGUAGE', site.languages.length > 1 ? 14 : 0], ['OTHER', 8],
          ] as const);
          const body = this.feedbackBody(topic, trial, version, site, trialSite);

          const responseDays = clamp(Math.round(sponsorFacts.responseDays * dice.real(0.3, 2.5)), 1, 89);
          const open = dice.chance(0.1) || raisedDay + responseDays >= today;
          let status: ProtocolFeedbackRecord['status'] = 'OPEN';
          let response: string | null = null;
          let respondedAt: string | null = null;
          if (!open) {
            const welcome = topic === 'PATIENT_BURDEN' || topic === 'VISIT_SCHEDULE' || topic === 'LANGUAGE';
            status = dice.weighted([['ACKNOWLEDGED', 30], ['ADOPTED', welcome ? 45 : 25], ['DECLINED', welcome ? 25 : 40]] as const);
            response = dice.pick(FEEDBACK_RESPONSES[status]);
            respondedAt = isoInstant(raisedDay + responseDays, raisedMinute + dice.int(0, 300));
          }
          this.feedback.push({
            id: `feedback-${pad(this.feedback.length + 1, 4)}`,
            trialId: trial.id,
            protocolVersion: version.version,
            siteId: site.id,
            topic,
            body,
            raisedAt: isoInstant(raisedDay, raisedMinute),
            status,
            response,
            respondedAt,
          });
        }
      }
    });
  }

  private feedbackBody(topic: ProtocolFeedbackRecord['topic'], trial: TrialRecord, version: ProtocolVersionRecord, site: SiteRecord, trialSite: TrialSiteRecord): string {
    const { dice } = this;
    const longest = version.visits.reduce((a, b) => (b.durationMinutes > a.durationMinutes ? b : a));
    const invasive = version.procedures.filter((item) => item.invasive);
    const procedureName = (invasive.length > 0 ? dice.pick(invasive) : dice.pick(version.procedures)).name;
    const languageA = LANGUAGE_NAMES[site.languages[0]] ?? site.languages[0];
    const languageB = LANGUAGE_NAMES[site.languages[1] ?? site.languages[0]] ?? site.languages[0];
    const closure = site.capacity.blackoutPeriods[0]?.reason?.toLowerCase() ?? 'summer closure';
    return dice
      .pick(FEEDBACK_BODIES[topic])
      .replace('{n}', String(dice.int(2, 20)))
      .replace('{target}', String(trialSite.enrollmentTarget ?? 10))
      .replace('{procedure}', procedureName.charAt(0).toLowerCase() + procedureName.slice(1))
      .replace('{condition}', trial.conditions[0])
      .replace('{visit}', longest.name)
      .replace('{minutes}', String(longest.durationMinutes))
      .replace('{city}', site.city)
      .replace('{fte}', String(site.capacity.coordinatorFte))
      .replace('{weeks}', String(dice.int(4, 12)))
      .replace('{closure}', closure)
      .replace('{languageA}', languageA)
      .replace('{languageB}', languageB);
  }

  // CRO engagements ------------------------------------------------------------------------------

  private buildEngagements(): void {
    const { dice } = this;
    let actionCounter = 0;
    const regionOf = new Map(COUNTRIES.map((country) => [country.code, country.region]));
    const eligibleCros = new Map<string, { eligible: Set<number>; table: WeightedTable<number> }>();
    this.trials.forEach((trial, trialIndex) => {
      if (!dice.chance(0.6)) return;
      const plan = this.plans[trialIndex];
      const sponsorFacts = this.sponsorFacts[plan.sponsor];
      const trialSites = plan.trialSites.map((index) => this.trialSites[index]);
      const countries = trial.protocolVersions[trial.protocolVersions.length - 1].countries;
      const needed = CRO_REGIONS.filter((region) => countries.some((code) => regionOf.get(code) === region));
      const key = needed.join('|');
      let candidates = eligibleCros.get(key);
      if (!candidates) {
        // The CROs that cover most of the trial's regions; global ones are picked twice as often.
        const coverage = this.cros.map((cro) => needed.filter((region) => cro.regions.includes(region)).length);
        const best = Math.max(...coverage);
        const eligible = this.cros.map((_, i) => i).filter((i) => coverage[i] === best);
        candidates = { eligible: new Set(eligible), table: new WeightedTable(eligible.map((i) => [i, this.croFacts[i].global ? 2 : 1] as const)) };
        eligibleCros.set(key, candidates);
      }
      const croIndex =
        sponsorFacts.lastCro !== null && candidates.eligible.has(sponsorFacts.lastCro) && dice.chance(0.6)
          ? sponsorFacts.lastCro
          : dice.from(candidates.table);
      sponsorFacts.lastCro = croIndex;

      const cro = this.cros[croIndex];
      const fullService = dice.chance(0.55);
      const scope = new Set(dice.sample(cro.services, fullService ? dice.int(6, 11) : dice.int(2, 4)));
      if (cro.services.includes('SITE_MONITORING') && dice.chance(fullService ? 0.9 : 0.7)) scope.add('SITE_MONITORING');
      this.addEngagement(trial, plan, trialSites, croIndex, ACTIVITIES.filter((a) => scope.has(a)), () => ++actionCounter);

      // Some sponsors split the work: a second CRO for data, safety or translation, never monitoring.
      if (this.cros.length > 1 && dice.chance(0.15)) {
        const otherIndex = (croIndex + dice.int(1, this.cros.length - 1)) % this.cros.length;
        const functional = this.cros[otherIndex].services.filter(
          (a) => (a === 'DATA_MANAGEMENT' || a === 'SAFETY_REPORTING' || a === 'TRANSLATION' || a === 'PATIENT_RECRUITMENT' || a === 'SITE_PAYMENTS') && !scope.has(a),
        );
        if (functional.length > 0) {
          const chosen = new Set(dice.sample(functional, dice.int(1, Math.min(3, functional.length))));
          this.addEngagement(trial, plan, trialSites, otherIndex, ACTIVITIES.filter((a) => chosen.has(a)), () => ++actionCounter);
        }
      }
    });
  }

  private addEngagement(trial: TrialRecord, plan: TrialPlan, trialSites: TrialSiteRecord[], croIndex: number, servicesInScope: Activity[], nextActionId: () => number): void {
    const { dice, today } = this;
    const cro = this.cros[croIndex];
    const firstSelected = Math.min(...plan.trialSites.map((index) => this.trialSiteFacts[index].selected));
    const startsOn = firstSelected - dice.int(45, 150);
    const endsOn = plan.closed
      ? plan.close + dice.int(30, 90)
      : dice.chance(0.5)
        ? Math.max(startsOn + 30, toDay(trial.plannedEndOn!) + dice.int(30, 120))
        : null;

    // Who does what: clean by default, then a gap in about one engagement in five and two
    // accountable parties in about one in ten.
    const responsibilities: EngagementRecord['responsibilities'] = servicesInScope.map((activity) => {
      const responsible: RaciParty[] = activity === 'PATIENT_RECRUITMENT' ? (dice.chance(0.5) ? ['SITE'] : ['SITE', 'CRO']) : ['CRO'];
      const accountable: RaciParty[] = SPONSOR_ACCOUNTABLE.has(activity) || dice.chance(0.3) ? ['SPONSOR'] : ['CRO'];
      const consulted: RaciParty[] = [];
      const informed: RaciParty[] = [];
      for (const party of PARTIES) {
        if (responsible.includes(party) || accountable.includes(party)) continue;
        if (party === 'SITE' ? SITE_FACING.has(activity) : dice.chance(0.5)) consulted.push(party);
        else informed.push(party);
      }
      return { activity, responsible, accountable, consulted, informed };
    });
    let gapActivity: Activity | null = null;
    if (dice.chance(0.2)) {
      const row = dice.pick(responsibilities);
      gapActivity = row.activity;
      const gap = dice.weighted([['MISSING', 40], ['NO_RESPONSIBLE', 30], ['NO_ACCOUNTABLE', 30]] as const);
      if (gap === 'MISSING') responsibilities.splice(responsibilities.indexOf(row), 1);
      else if (gap === 'NO_RESPONSIBLE') row.responsible = [];
      else row.accountable = [];
    }
    if (dice.chance(0.1)) {
      const candidates = responsibilities.filter((row) => row.activity !== gapActivity);
      if (candidates.length > 0) {
        const row = dice.pick(candidates);
        row.accountable = ['SPONSOR', 'CRO'];
        row.consulted = row.consulted.filter((party) => party !== 'SPONSOR' && party !== 'CRO');
        row.informed = row.informed.filter((party) => party !== 'SPONSOR' && party !== 'CRO');
      }
    }

    const kpis = dice
      .sample(KPI_CATALOGUE, dice.int(2, 5))
      .sort((a, b) => KPI_CATALOGUE.indexOf(a) - KPI_CATALOGUE.indexOf(b))
      .map((definition) => {
        const [failMin, failMax] = SCREEN_FAILURE_RANGE[plan.area];
        // The agreed screen failure target follows what is usual in the area.
        const target = definition.kpi === 'Screen failure rate' ? Math.round(dice.real(failMin, failMax) * 110) : dice.int(definition.target[0], definition.target[1]);
        const actual = this.kpiActual(definition.kpi, target, plan, trialSites, trial.enrollmentTarget);
        let status: EngagementRecord['kpis'][number]['status'] = 'ON_TRACK';
        if (actual !== null) {
          if (definition.lowerIsBetter) status = actual <= target ? 'ON_TRACK' : actual <= target * 1.2 ? 'AT_RISK' : 'OFF_TRACK';
          else status = actual >= target ? 'ON_TRACK' : actual >= target * 0.85 ? 'AT_RISK' : 'OFF_TRACK';
        }
        return { kpi: definition.kpi, unit: definition.unit, target, actual, status };
      });

    const siteRecords = plan.trialSites.map((index) => this.sites[this.trialSiteFacts[index].site]);
    let communicationPlan: EngagementRecord['communicationPlan'] = null;
    if (dice.chance(0.9)) {
      const spoken = new Map<string, number>();
      for (const site of siteRecords) for (const language of site.languages) if (language !== 'en' && cro.languages.includes(language)) spoken.set(language, (spoken.get(language) ?? 0) + 1);
      const languages = ['en', ...[...spoken.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2).map(([language]) => language)];
      communicationPlan = {
        cadence: dice.weighted([['WEEKLY', 25], ['BIWEEKLY', 35], ['MONTHLY', 30], ['QUARTERLY', 10]] as const),
        languages,
        escalationPath: [...dice.pick(ESCALATION_PATHS)],
      };
    }

    const actions: EngagementRecord['actions'] = [];
    const activeUntil = Math.min(today, endsOn ?? today);
    const ongoing = !plan.closed || plan.close + 60 > today;
    const nonEnglish = siteRecords.flatMap((site) => site.languages.filter((language) => language !== 'en'));
    const templates = nonEnglish.length > 0 ? ACTION_TEMPLATES : ACTION_TEMPLATES.filter((template) => !template.text.includes('{language}'));
    for (let k = dice.weighted([[0, 10], [dice.int(1, 3), 50], [dice.int(4, 8), 40]] as const); k > 0 && startsOn < activeUntil; k--) {
      const template = dice.pick(templates);
      const raisedDay = dice.int(startsOn, activeUntil - 1);
      const raisedMinute = dice.int(8 * 60, 17 * 60);
      const resolvedDay = raisedDay + dice.int(1, 120);
      const open = ongoing && (resolvedDay >= today || dice.chance(0.15));
      actions.push({
        id: '',
        description: template.text
          .replace('{site}', dice.pick(siteRecords).name)
          .replace('{language}', nonEnglish.length > 0 ? (LANGUAGE_NAMES[dice.pick(nonEnglish)] ?? 'Spanish') : 'Spanish'),
        raisedBy: dice.pick(template.raisedBy),
        severity: dice.pick(template.severity),
        raisedAt: isoInstant(raisedDay, raisedMinute),
        resolvedAt: open ? null : isoInstant(Math.min(resolvedDay, today - 1), raisedMinute + dice.int(30, 400)),
      });
    }
    actions.sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0));
    for (const action of actions) {
      action.id = `action-${pad(nextActionId(), 5)}`;
      // Resolved the same day it was raised when the reference date cut it short.
      if (action.resolvedAt !== null && action.resolvedAt < action.raisedAt) action.resolvedAt = action.raisedAt;
    }

    this.engagements.push({
      id: `engagement-${pad(this.engagements.length + 1, 4)}`,
      croId: cro.id,
      sponsorId: trial.sponsorId,
      trialId: trial.id,
      servicesInScope,
      startsOn: isoDate(startsOn),
      endsOn: endsOn === null ? null : isoDate(endsOn),
      responsibilities,
      kpis,
      communicationPlan,
      actions,
    });
  }

  /** What the CRO reports against each KPI: measured from the trial where the data exists. */
  private kpiActual(kpi: string, target: number, plan: TrialPlan, trialSites: TrialSiteRecord[], trialTarget: number | null): number | null {
    const { dice, today } = this;
    const activated = plan.trialSites.map((index) => this.trialSiteFacts[index]).filter((facts) => facts.activated !== null);
    if (activated.length === 0) return null;
    switch (kpi) {
      case 'Site activation cycle time':
        return median(activated.map((facts) => facts.activated! - facts.selected));
      case 'Screen failure rate': {
        const screened = trialSites.reduce((sum, trialSite) => sum + trialSite.screened, 0);
        const enrolled = trialSites.reduce((sum, trialSite) => sum + trialSite.enrolled, 0);
        return screened === 0 ? null : round1(((screened - enrolled) / screened) * 100);
      }
      case 'Enrollment versus plan': {
        const elapsed = (Math.min(today, plan.enrollmentEnd) - plan.start) / plan.plannedEnrollmentDays;
        if (trialTarget === null || elapsed <= 0) return null;
        const enrolled = trialSites.reduce((sum, trialSite) => sum + trialSite.enrolled, 0);
        return Math.round((enrolled / (trialTarget * Math.min(1, elapsed))) * 100);
      }
      default:
        return round1(target * dice.real(0.6, 1.35));
    }
  }

  // Monitoring visits and CRO staff on site ------------------------------------------------------

  private buildMonitoringAndStaffing(): void {
    const { dice, today } = this;
    let visitCounter = 0;
    let assignmentCounter = 0;
    const trialIndexById = new Map(this.trials.map((trial, i) => [trial.id, i]));
    const assign = (croId: string, role: StaffAssignmentRecord['role'], pseudonym: string, trialSite: TrialSiteRecord, startedOn: number, endedOn: number | null) => {
      this.staffAssignments.push({
        id: `assignment-${pad(++assignmentCounter, 5)}`,
        croId,
        role,
        pseudonym,
        siteId: trialSite.siteId,
        trialId: trialSite.trialId,
        startedOn: isoDate(startedOn),
        endedOn: endedOn === null ? null : isoDate(endedOn),
      });
    };

    for (const engagement of this.engagements) {
      const croIndex = Number(engagement.croId.slice(4)) - 1;
      const facts = this.croFacts[croIndex];
      const plan = this.plans[trialIndexById.get(engagement.trialId)!];
      const engagementStart = toDay(engagement.startsOn);
      const monitoring = engagement.servicesInScope.includes('SITE_MONITORING');

      // One project manager for the engagement, followed at every site; sometimes replaced midway.
      const manager = dice.pick(facts.pmPool);
      const successor = dice.pick(facts.pmPool.filter((pm) => pm !== manager).concat(facts.pmPool.length === 1 ? [manager] : []));
      const engagementEnd = engagement.endsOn === null ? today : Math.min(today, toDay(engagement.endsOn));
      const handover = engagementEnd - engagementStart > 365 && dice.chance(0.2) ? dice.int(engagementStart + 180, engagementEnd - 90) : null;
      const handoverOverlap = dice.int(0, 14);

      for (const index of plan.trialSites) {
        const trialSite = this.trialSites[index];
        const { selected, activated, firstPatient, closed } = this.trialSiteFacts[index];

        const pmStart = Math.max(engagementStart, selected - 30);
        const pmEnd = closed === null ? null : Math.min(closed + 30, today);
        if (handover !== null && handover > pmStart && handover < (pmEnd ?? today)) {
          assign(engagement.croId, 'PROJECT_MANAGER', manager, trialSite, pmStart, Math.min(handover + handoverOverlap, pmEnd ?? today));
          assign(engagement.croId, 'PROJECT_MANAGER', successor, trialSite, handover, pmEnd);
        } else {
          assign(engagement.croId, 'PROJECT_MANAGER', handover !== null && handover <= pmStart ? successor : manager, trialSite, pmStart, pmEnd);
        }

        if (!monitoring) continue;

        // Monitoring visits: selection, initiation, routine (some remote) and close-out.
        const visits: { kind: MonitoringVisitRecord['kind']; day: number }[] = [];
        const selectionVisit = dice.chance(0.8) ? selected - dice.int(7, 40) : null;
        if (selectionVisit !== null) visits.push({ kind: 'SELECTION', day: selectionVisit });
        if (activated !== null) {
          visits.push({ kind: 'INITIATION', day: activated - dice.int(0, 14) });
          const routineUntil = closed === null ? today : closed - 21;
          let day = (firstPatient ?? activated + 30) + dice.int(7, 28);
          // Risk-based monitoring: every six to sixteen weeks, at most ten times.
          for (let n = 0; n < 10 && day <= routineUntil; n++) {
            visits.push({ kind: dice.chance(0.25) ? 'REMOTE' : 'ROUTINE', day });
            day += dice.int(42, 112);
          }
          if (closed !== null) visits.push({ kind: 'CLOSE_OUT', day: clamp(closed - dice.int(0, 20), visits[visits.length - 1].day, closed) });
        }
        for (const visit of visits) {
          const findings =
            visit.kind === 'ROUTINE' ? Math.floor(9 * Math.pow(dice.real(), 2)) : visit.kind === 'REMOTE' ? dice.int(0, 4) : visit.kind === 'CLOSE_OUT' ? dice.int(0, 3) : dice.int(0, 2);
          const lag = clamp(Math.round(facts.letterLagDays * dice.real(0.5, 2.2)), 2, 40);
          const letter = visit.day + lag <= today && !dice.chance(0.02) ? visit.day + lag : null;
          this.monitoringVisits.push({
            id: `monitoring-visit-${pad(++visitCounter, 6)}`,
            engagementId: engagement.id,
            siteId: trialSite.siteId,
            kind: visit.kind,
            visitedOn: isoDate(visit.day),
            findings,
            followUpLetterSentOn: letter === null ? null : isoDate(letter),
          });
        }

        // CRAs come and go: some hand over with overlap, some leave the site uncovered for weeks.
        const chainStart = selectionVisit ?? selected - dice.int(0, 14);
        const chainEnd = closed === null ? null : Math.min(closed + dice.int(0, 30), today);
        const limit = chainEnd ?? today;
        let start = chainStart;
        let previous: string | null = null;
        for (let guard = 0; guard < 40; guard++) {
          let pseudonym = dice.pick(facts.craPool);
          if (pseudonym === previous) pseudonym = facts.craPool[(facts.craPool.indexOf(pseudonym) + 1) % facts.craPool.length];
          const end = start + dice.int(120, 900);
          const transition = dice.weighted([['OVERLAP', 45], ['GAP', 30], ['BACK_TO_BACK', 25]] as const);
          const nextStart = transition === 'OVERLAP' ? end - dice.int(1, 30) : transition === 'GAP' ? end + dice.int(1, 60) : end + 1;
          if (end >= limit || nextStart >= limit || nextStart <= start) {
            assign(engagement.croId, 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym, trialSite, start, chainEnd);
            break;
          }
          assign(engagement.croId, 'CLINICAL_RESEARCH_ASSOCIATE', pseudonym, trialSite, start, end);
          previous = pseudonym;
          start = nextStart;
        }
      }
    }
  }

  // Patient insights -----------------------------------------------------------------------------

  private buildSurveyResponses(): void {
    const { dice, today } = this;
    this.trials.forEach((trial, trialIndex) => {
      const plan = this.plans[trialIndex];
      // Patient surveys run on a minority of trials, where the sponsor deployed the eCOA app.
      if (plan.planned || !dice.chance(0.42)) return;
      const visits = trial.protocolVersions[trial.protocolVersions.length - 1].visits;
      const visitCount = visits.length;
      // Designed burden drives lived burden: 1 for a short schedule, about 4 for thirty visits.
      const burdenBase = 1 + 3 * clamp((visitCount - 5) / 25, 0, 1);
      for (const index of plan.trialSites) {
        const trialSite = this.trialSites[index];
        const facts = this.trialSiteFacts[index];
        if (facts.firstPatient === null) continue;
        const count = Math.round(trialSite.enrolled * dice.real(0.2, 1.2));
        if (count === 0) continue;
        const site = this.sites[facts.site];
        const travel = site.kind === 'COMMUNITY_CLINIC' ? -0.7 : site.kind === 'ACADEMIC_MEDICAL_CENTER' ? 0.4 : 0;
        const firstPatient = facts.firstPatient;
        const until = Math.min(facts.closed ?? today, today);
        for (let k = 0; k < count; k++) {
          const score = (shift: number) => clamp(Math.round(burdenBase + shift + dice.real(-1.2, 1.2)), 1, 5);
          const burden = { travel: score(travel), visitLength: score(0.2), procedures: score(0), scheduling: score(-0.3), cost: score(-1) };
          const meanBurden = (burden.travel + burden.visitLength + burden.procedures + burden.scheduling + burden.cost) / 5;
          const day = firstPatient + Math.floor((until - firstPatient + 1) * dice.real());
          const discontinued = dice.chance(0.06 + 0.03 * (meanBurden - 1));
          this.surveyResponses.push({
            clientResponseId: dice.uuid(),
            trialId: trial.id,
            siteId: site.id,
            visitNumber: dice.int(Math.min(2, visitCount), visitCount),
            submittedMonth: isoDate(Math.min(day, until)).slice(0, 7),
            burden,
            understanding: clamp(Math.round(4.3 - (burdenBase - 1) * 0.4 + dice.real(-1.3, 1)), 1, 5),
            wouldRecommend: dice.chance(clamp(0.95 - (meanBurden - 1) * 0.18, 0.1, 0.95)),
            discontinuationReason: discontinued
              ? dice.weighted([['BURDEN', 2 + meanBurden], ['ADVERSE_EVENT', 3], ['TRAVEL', 1 + burden.travel / 2], ['LACK_OF_EFFECT', 2], ['PERSONAL', 2], ['OTHER', 1]] as const)
              : null,
          });
        }
      }
    });
  }

  private buildAdvocateReviews(): void {
    const { dice, today } = this;
    let findingCounter = 0;
    for (const trial of this.trials) {
      if (!dice.chance(0.3)) continue;
      const versions = dice.sample(trial.protocolVersions, dice.chance(0.85) ? 1 : 2).sort((a, b) => a.version - b.version);
      for (const version of versions) {
        // Reviewed as a draft before it took effect, or while running.
        const reviewedOn = Math.min(toDay(version.effectiveOn) + dice.int(-60, 120), today);
        const recent = today - reviewedOn < 45;
        const findings = dice.sample(ADVOCATE_FINDINGS, dice.int(1, 5)).map((finding) => ({
          id: `finding-${pad(++findingCounter, 5)}`,
          area: finding.area,
          severity: dice.weighted([['LOW', 35], ['MEDIUM', 45], ['HIGH', 20]] as const),
          recommendation: dice.pick(finding.recommendations),
          sponsorDecision: recent && dice.chance(0.6) ? ('PENDING' as const) : dice.weighted([['ADOPTED', 40], ['PARTIALLY_ADOPTED', 25], ['DECLINED', 20], ['PENDING', 15]] as const),
        }));
        // Groups take reviews in turn: no draw from the dice, so the rest of the dataset is unchanged.
        const group = ADVOCACY_GROUPS[this.advocateReviews.length % ADVOCACY_GROUPS.length];
        this.advocateReviews.push({
          id: `review-${pad(this.advocateReviews.length + 1, 4)}`,
          advocacyGroupId: group.id,
          trialId: trial.id,
          protocolVersion: version.version,
          format: dice.weighted([['SITE_RUN_THROUGH', 30], ['PANEL', 45], ['SURVEY', 25]] as const),
          reviewedOn: isoDate(reviewedOn),
          findings,
        });
      }
    }
  }
}

/** 'Iso' + 'ovis' reads 'Isovis', not 'Isoovis'. */
function joinSyllables(start: string, end: string): string {
  const vowels = 'aeiouy';
  return vowels.includes(start[start.length - 1]) && vowels.includes(end[0]) ? start + end.slice(1) : start + end;
}

function titleCase(text: string): string {
  return text.replace(/(^|[\s-])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function phaseLabel(phase: TrialPhase): string {
  return {
    EARLY_PHASE_1: 'Early Phase 1',
    PHASE_1: 'Phase 1',
    PHASE_1_2: 'Phase 1/2',
    PHASE_2: 'Phase 2',
    PHASE_2_3: 'Phase 2/3',
    PHASE_3: 'Phase 3',
    PHASE_4: 'Phase 4',
    NOT_APPLICABLE: 'Observational',
  }[phase];
}

function visitName(index: number, count: number, dayOffset: number): string {
  if (index === 0) return 'Screening';
  if (index === 1) return 'Baseline (Day 1)';
  if (index === count - 1) return 'End of study';
  if (index === count - 2 && count >= 8) return 'End of treatment';
  return `Week ${Math.round(dayOffset / 7)}`;
}

/** A visit lasts its procedures plus check-in and waiting, between 30 minutes and 4 hours. */
function withDurations(design: ProtocolDesign): ProtocolDesign {
  const minutes = new Map(design.procedures.map((item) => [item.name, item.durationMinutes]));
  for (const visit of design.visits) {
    const total = visit.procedures.reduce((sum, name) => sum + (minutes.get(name) ?? 0), 0);
    visit.durationMinutes = clamp(Math.round((15 + total * 0.85) / 5) * 5, 30, 240);
  }
  return design;
}

// Flagship query variables ---------------------------------------------------------------------------

export interface FlagshipVariables {
  countryCode: string;
  nctId: string;
  siteId: string;
  croId: string;
  sponsorId: string;
  /** The advocacy group that reviewed the TrialOverview trial: the demo PATIENT_ADVOCATE organisation. */
  advocacyGroupId: string;
}

/**
 * Ids rich in data for the five flagship queries: each is the best-scoring record that has what its
 * query shows, ties broken by id so the choice is as stable as the dataset.
 */
export function flagshipVariables(dataset: DemoDataset): FlagshipVariables {
  const countBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
  };
  const best = <T extends { id: string }>(items: readonly T[], score: (item: T) => number): T => {
    let winner = items[0];
    let top = -Infinity;
    for (const item of items) {
      const value = score(item);
      if (value > top) {
        top = value;
        winner = item;
      }
    }
    return winner;
  };

  // Spain, for its Catalan, Valencian and Basque sites, when it fills more than a page of 20.
  const sitesPerCountry = countBy(dataset.sites, (site) => site.countryCode);
  const busiest = [...sitesPerCountry.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const countryCode = (sitesPerCountry.get('ES') ?? 0) > 20 ? 'ES' : busiest;

  const sitesPerTrial = countBy(dataset.trialSites, (trialSite) => trialSite.trialId);
  const engagementsPerTrial = countBy(dataset.engagements, (engagement) => engagement.trialId);
  const responsesPerTrial = countBy(dataset.surveyResponses, (response) => response.trialId);
  const reviewsPerTrial = countBy(dataset.advocateReviews, (review) => review.trialId);
  const trial = best(dataset.trials, (candidate) => {
    const sites = sitesPerTrial.get(candidate.id) ?? 0;
    const engagements = engagementsPerTrial.get(candidate.id) ?? 0;
    const responses = responsesPerTrial.get(candidate.id) ?? 0;
    const reviews = reviewsPerTrial.get(candidate.id) ?? 0;
    const complete = sites > 0 && engagements > 0 && responses >= 11 && reviews > 0;
    return (complete ? 1000 : 0) + Math.min(sites, 15) + 3 * Math.min(engagements, 2) + Math.min(responses, 200) / 20 + 2 * Math.min(reviews, 2);
  });

  const partnershipsPerSite = countBy(dataset.partnerships, (partnership) => partnership.siteId);
  const investmentsPerSite = new Map<string, number>();
  for (const partnership of dataset.partnerships) investmentsPerSite.set(partnership.siteId, (investmentsPerSite.get(partnership.siteId) ?? 0) + partnership.investments.length);
  const pipelinePerSite = new Map<string, number>();
  for (const programme of dataset.pipeline) for (const siteId of programme.sharedWithSiteIds) pipelinePerSite.set(siteId, (pipelinePerSite.get(siteId) ?? 0) + 1);
  const craPerSite = countBy(
    dataset.staffAssignments.filter((assignment) => assignment.role === 'CLINICAL_RESEARCH_ASSOCIATE'),
    (assignment) => assignment.siteId,
  );
  const site = best(dataset.sites, (candidate) => {
    const partnerships = partnershipsPerSite.get(candidate.id) ?? 0;
    const investments = investmentsPerSite.get(candidate.id) ?? 0;
    const pipeline = pipelinePerSite.get(candidate.id) ?? 0;
    const cras = craPerSite.get(candidate.id) ?? 0;
    const complete = partnerships >= 3 && investments > 0 && pipeline > 0 && cras >= 2;
    // Rich but readable: a page of partnerships, not the busiest site's hundreds of rows.
    return (complete ? 1000 : 0) + Math.min(partnerships, 8) + Math.min(investments, 6) + Math.min(pipeline, 6) + Math.min(cras, 12) / 2;
  });

  const croStats = new Map<string, { engagements: number; withOpenActions: number; gaps: number; conflicts: number }>();
  for (const engagement of dataset.engagements) {
    const stats = croStats.get(engagement.croId) ?? { engagements: 0, withOpenActions: 0, gaps: 0, conflicts: 0 };
    stats.engagements++;
    if (engagement.actions.some((action) => action.resolvedAt === null)) stats.withOpenActions++;
    stats.gaps += responsibilityGaps(engagement.servicesInScope, engagement.responsibilities).length;
    stats.conflicts += responsibilityConflicts(engagement.responsibilities).length;
    croStats.set(engagement.croId, stats);
  }
  const cro = best(dataset.cros, (candidate) => {
    const stats = croStats.get(candidate.id);
    if (!stats) return 0;
    const complete = stats.withOpenActions > 0 && stats.gaps > 0;
    return (complete ? 1000 : 0) + Math.min(stats.engagements, 20) + Math.min(stats.withOpenActions, 10) + 2 * Math.min(stats.gaps, 5) + Math.min(stats.conflicts, 3);
  });

  const pipelinePerSponsor = countBy(dataset.pipeline, (programme) => programme.sponsorId);
  const sponsorOfTrial = new Map(dataset.trials.map((candidate) => [candidate.id, candidate.sponsorId]));
  const answeredPerSponsor = countBy(
    dataset.feedback.filter((item) => item.respondedAt !== null),
    (item) => sponsorOfTrial.get(item.trialId)!,
  );
  const openPerSponsor = countBy(
    dataset.feedback.filter((item) => item.respondedAt === null),
    (item) => sponsorOfTrial.get(item.trialId)!,
  );
  const sponsor = best(dataset.sponsors, (candidate) => {
    const programmes = pipelinePerSponsor.get(candidate.id) ?? 0;
    const answered = answeredPerSponsor.get(candidate.id) ?? 0;
    const open = openPerSponsor.get(candidate.id) ?? 0;
    const complete = programmes > 0 && answered > 0;
    return (complete ? 1000 : 0) + Math.min(programmes, 5) + Math.min(answered, 20) / 2 + Math.min(open, 3);
  });

  const advocacyGroupId = dataset.advocateReviews.find((review) => review.trialId === trial.id)?.advocacyGroupId ?? dataset.advocacyGroups[0].id;
  return { countryCode, nctId: trial.nctId, siteId: site.id, croId: cro.id, sponsorId: sponsor.id, advocacyGroupId };
}
