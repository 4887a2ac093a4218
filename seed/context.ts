// What the generator's steps share: the one Dice, "today", the records made so far and what the
// steps know about them beyond what the model stores. Each party's module (sites, sponsors, cros,
// insights) adds its records here; a step reads only what the steps before it made.

import type {
  AdvocateReviewRecord,
  CroRecord,
  EngagementRecord,
  MonitoringVisitRecord,
  PartnershipRecord,
  PipelineProgramRecord,
  ProtocolFeedbackRecord,
  SiteRecord,
  SponsorRecord,
  StaffAssignmentRecord,
  SurveyResponseRecord,
  TrialRecord,
  TrialSiteRecord,
} from './model';
import type { CityDefinition, CountryDefinition, TherapeuticArea } from './reference-data';
import { toDay } from './dates';
import { Dice, WeightedTable } from './random';

/** Records of each kind at scale 1. */
const BASE_COUNTS = { sites: 200, sponsors: 40, cros: 20, trials: 300 };

// What the steps know about records beyond what the model stores ----------------------------------

export interface SiteFacts {
  country: CountryDefinition;
  city: CityDefinition;
  /** Patients enrolled per active month in an average trial. */
  enrollmentPace: number;
}

export interface SponsorFacts {
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

export interface CroFacts {
  craPool: string[];
  pmPool: string[];
  /** Typical days from a monitoring visit to its follow-up letter. */
  letterLagDays: number;
  global: boolean;
}

/** A trial site's dates as day numbers and its site's index, so later steps need not parse them again. */
export interface TrialSiteFacts {
  site: number;
  selected: number;
  activated: number | null;
  firstPatient: number | null;
  closed: number | null;
}

export type ComplexityLevel = 0 | 1 | 2;

export interface TrialPlan {
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

export class SeedContext {
  readonly dice: Dice;
  /** The reference date as a day number: nothing happens after it. */
  readonly today: number;
  readonly counts: typeof BASE_COUNTS;

  readonly sites: SiteRecord[] = [];
  readonly siteFacts: SiteFacts[] = [];
  readonly sitesByCountry = new Map<string, number[]>();
  readonly sitesByCountryArea = new Map<string, number[]>();
  readonly sponsors: SponsorRecord[] = [];
  readonly sponsorFacts: SponsorFacts[] = [];
  readonly cros: CroRecord[] = [];
  readonly croFacts: CroFacts[] = [];
  readonly trials: TrialRecord[] = [];
  readonly plans: TrialPlan[] = [];
  readonly trialSites: TrialSiteRecord[] = [];
  readonly trialSiteFacts: TrialSiteFacts[] = [];
  readonly partnerships: PartnershipRecord[] = [];
  readonly pipeline: PipelineProgramRecord[] = [];
  readonly feedback: ProtocolFeedbackRecord[] = [];
  readonly engagements: EngagementRecord[] = [];
  readonly monitoringVisits: MonitoringVisitRecord[] = [];
  readonly staffAssignments: StaffAssignmentRecord[] = [];
  readonly surveyResponses: SurveyResponseRecord[] = [];
  readonly advocateReviews: AdvocateReviewRecord[] = [];

  /** Numbers site assets, which both the sites step and the partnerships step (sponsor-funded equipment) add. */
  assetCounter = 0;

  private readonly cityTables = new Map<CountryDefinition, WeightedTable<CityDefinition>>();
  /** Site, sponsor and CRO names, unique across all three. */
  private readonly usedNames = new Set<string>();
  private readonly siteIndexById = new Map<string, number>();

  constructor(seed: number, scale: number, referenceDate: string) {
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

  /** Draws names until one is free; after a few tries, tells it apart with `distinguish`. */
  uniqueName(draw: () => string, distinguish: (name: string, attempt: number) => string): string {
    let name = draw();
    for (let attempt = 0; attempt < 3 && this.usedNames.has(name); attempt++) name = draw();
    for (let attempt = 1; this.usedNames.has(name); attempt++) name = distinguish(name, attempt);
    this.usedNames.add(name);
    return name;
  }

  /** The country's cities by their weight, as a table built once per country (sites and sponsors draw from it). */
  citiesOf(country: CountryDefinition): WeightedTable<CityDefinition> {
    let table = this.cityTables.get(country);
    if (!table) {
      table = new WeightedTable(country.cities.map((c) => [c, c.weight] as const));
      this.cityTables.set(country, table);
    }
    return table;
  }

  /** A site's index in `sites`, from its id. */
  siteIndex(siteId: string): number {
    if (this.siteIndexById.size === 0) this.sites.forEach((site, i) => this.siteIndexById.set(site.id, i));
    return this.siteIndexById.get(siteId)!;
  }
}
