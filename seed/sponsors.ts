// The sponsors' records: sponsors, their trials, the trials' sites (placed in order of trial start,
// so sponsors return to sites they know), protocol versions, sponsor-site partnerships with their
// investments, the shared pipeline and sites' feedback on protocols.

import type { PartnershipRecord, ProtocolFeedbackRecord, ProtocolVersionRecord, SiteRecord, SponsorRecord, TrialPhase, TrialRecord, TrialSiteRecord } from './model';
import { isoDate, isoInstant, quarterOf, toDay } from './dates';
import { clamp, pad } from './numbers';
import { WeightedTable, type Dice } from './random';
import type { ComplexityLevel, SeedContext, SponsorFacts } from './context';
import { amend, protocolDesign } from './protocol-design';
import {
  ACADEMIC_SPONSOR_TEMPLATES,
  AMENDMENT_REASONS,
  AREA_WORDS,
  CONDITIONS,
  COUNTRIES,
  FEEDBACK_BODIES,
  FEEDBACK_RESPONSES,
  GOVERNMENT_SPONSOR_TEMPLATES,
  INVESTMENT_CATALOGUE,
  LANGUAGE_NAMES,
  NONPROFIT_SPONSOR_TEMPLATES,
  SCREEN_FAILURE_RANGE,
  SPONSOR_NAME_PARTS,
  THERAPEUTIC_AREAS,
  type CountryDefinition,
  type TherapeuticArea,
} from './reference-data';

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

// Sponsors -------------------------------------------------------------------------------------

export function buildSponsors(context: SeedContext): void {
  const { dice } = context;
  const kinds: SponsorRecord['kind'][] = [];
  for (let i = 0; i < context.counts.sponsors; i++) {
    kinds.push(dice.weighted([['INDUSTRY', 60], ['ACADEMIC', 20], ['GOVERNMENT', 6], ['NONPROFIT', 10], ['OTHER', 4]] as const));
  }
  if (!kinds.includes('INDUSTRY')) kinds[0] = 'INDUSTRY';
  const countriesWithSites = COUNTRIES.filter((country) => context.sitesByCountry.has(country.code));
  const industryHomes: Record<string, number> = { US: 30, DE: 10, CH: 10, GB: 10, FR: 8, JP: 10, BE: 5, NL: 4, SE: 4, ES: 4, IT: 4, IE: 2, CA: 2, AU: 2, BR: 1, MX: 1, PL: 1 };

  kinds.forEach((kind, i) => {
    let country: CountryDefinition;
    if (kind === 'INDUSTRY') {
      const home = dice.weighted(Object.entries(industryHomes));
      country = COUNTRIES.find((c) => c.code === home)!;
    } else country = dice.weighted(countriesWithSites.map((c) => [c, context.sitesByCountry.get(c.code)!.length] as const));
    const focusCount = { INDUSTRY: [1, 4], ACADEMIC: [2, 5], GOVERNMENT: [3, 6], NONPROFIT: [1, 1], OTHER: [1, 3] }[kind];
    const focusAreas = dice.sample(THERAPEUTIC_AREAS, dice.int(focusCount[0], focusCount[1]));
    const area = focusAreas[0];
    const words = AREA_WORDS[area];
    const homeCity = dice.from(context.citiesOf(country));
    let stem = '';
    const name = context.uniqueName(
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
    context.sponsors.push({
      id: `sponsor-${pad(i + 1, 3)}`,
      name,
      kind,
      countryCode: kind === 'OTHER' && dice.chance(0.5) ? null : country.code,
    });
    const letters = (stem || name).normalize('NFD').replace(/[^A-Za-z]/g, '').toUpperCase();
    context.sponsorFacts.push({
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

// Trials ---------------------------------------------------------------------------------------

export function buildTrials(context: SeedContext): void {
  const { dice, today } = context;
  const first = toDay('2012-01-01');
  const sponsorTable = new WeightedTable(context.sponsorFacts.map((facts, i) => [i, facts.size] as const));
  const nctIds = new Set<string>();
  for (let i = 0; i < context.counts.trials; i++) {
    const sponsorIndex = dice.from(sponsorTable);
    const sponsor = context.sponsors[sponsorIndex];
    const facts = context.sponsorFacts[sponsorIndex];
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

    context.trials.push({
      id: `trial-${pad(i + 1, 4)}`,
      nctId,
      sponsorId: sponsor.id,
      title: trialTitle(dice, sponsor, facts, phase, conditions[0]),
      phase,
      status: planned ? 'PLANNED' : terminated && closed ? 'TERMINATED' : closed ? 'COMPLETED' : today >= enrollmentEnd ? 'FOLLOW_UP' : 'ENROLLING',
      therapeuticArea: area,
      conditions,
      enrollmentTarget: null,
      plannedStartOn: isoDate(plannedStart),
      plannedEndOn: isoDate(plannedStart + plannedEnrollmentDays + followUpDays),
      protocolVersions: [],
    });
    context.plans.push({ sponsor: sponsorIndex, area, level, plannedStart, start, plannedEnrollmentDays, enrollmentEnd, close, terminated, closed, planned, trialSites: [] });
  }
}

function trialTitle(dice: Dice, sponsor: SponsorRecord, facts: SponsorFacts, phase: TrialPhase, condition: string): string {
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

/**
 * The site's answer, decided without a draw so the rest of the dataset stays as it was: a site that
 * was activated or closed accepted (within two weeks of its selection, and before it opened); of the
 * sites still only SELECTED, one in three has not answered yet.
 */
function answerSelection(trialSite: TrialSiteRecord, facts: { selected: number; activated: number | null }, index: number, today: number): void {
  if (trialSite.status === 'SELECTED' && index % 3 === 0) return;
  trialSite.siteResponse = 'ACCEPTED';
  trialSite.respondedOn = isoDate(Math.min(facts.selected + 1 + (index % 14), facts.activated ?? today, today));
}

// Trial sites, built in order of trial start so sponsors can return to sites they know ------------

export function buildTrialSites(context: SeedContext): void {
  const countryWeights = COUNTRIES.filter((c) => context.sitesByCountry.has(c.code)).map((c) => [c.code, context.sitesByCountry.get(c.code)!.length] as const);
  const countryTable = new WeightedTable(countryWeights);
  const order = context.plans.map((plan, i) => [i, plan.start] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  for (const [trialIndex] of order) placeTrial(context, trialIndex, countryWeights, countryTable);
  // Stored in trial order, ids numbered in that order.
  const sorted = context.plans.flatMap((plan) => plan.trialSites.map((index) => [context.trialSites[index], context.trialSiteFacts[index]] as const));
  context.trialSites.length = 0;
  context.trialSiteFacts.length = 0;
  sorted.forEach(([trialSite, facts], i) => {
    trialSite.id = `trial-site-${pad(i + 1, 5)}`;
    answerSelection(trialSite, facts, i, context.today);
    context.trialSites.push(trialSite);
    context.trialSiteFacts.push(facts);
  });
  let cursor = 0;
  for (const plan of context.plans) plan.trialSites = plan.trialSites.map(() => cursor++);
}

/** Chooses a trial's countries and sites, then each site's dates, status and patient counts. */
function placeTrial(context: SeedContext, trialIndex: number, countryWeights: readonly (readonly [string, number])[], countryTable: WeightedTable<string>): void {
  const { dice, today } = context;
  const trial = context.trials[trialIndex];
  const plan = context.plans[trialIndex];
  const sponsor = context.sponsors[plan.sponsor];
  const facts = context.sponsorFacts[plan.sponsor];
  const durations = PHASE_DURATIONS[trial.phase];

  const early = trial.phase === 'PHASE_1' || trial.phase === 'EARLY_PHASE_1';
  const multinationalShare = sponsor.kind !== 'INDUSTRY' ? 0.15 : early ? 0.3 : trial.phase === 'PHASE_3' || trial.phase === 'PHASE_2_3' ? 0.9 : trial.phase === 'PHASE_4' ? 0.5 : 0.65;
  let countryCount = 1;
  if (dice.chance(multinationalShare)) {
    countryCount = sponsor.kind !== 'INDUSTRY' || early ? dice.int(2, 3) : trial.phase === 'PHASE_3' || trial.phase === 'PHASE_2_3' ? dice.weighted([[dice.int(2, 5), 55], [dice.int(6, 10), 30], [dice.int(11, 13), 15]] as const) : dice.int(2, 6);
  }
  countryCount = Math.min(countryCount, countryWeights.length);
  const home = sponsor.countryCode !== null && context.sitesByCountry.has(sponsor.countryCode) ? sponsor.countryCode : null;
  let countries: string[];
  if (countryCount === 1) {
    countries = [home !== null && (sponsor.kind !== 'INDUSTRY' || dice.chance(0.4)) ? home : dice.from(countryTable)];
  } else {
    countries = dice.weightedSample(countryWeights, countryCount);
    if (home !== null && !countries.includes(home) && dice.chance(0.5)) countries[countries.length - 1] = home;
  }
  const available = countries.reduce((sum, code) => sum + context.sitesByCountry.get(code)!.length, 0);
  const siteCount = Math.min(Math.max(dice.int(durations.sites[0], durations.sites[1]), countries.length), available);

  // One site per country first, the rest where there are most sites.
  const slots = [...countries];
  while (slots.length < siteCount) slots.push(dice.weighted(countries.map((code) => [code, context.sitesByCountry.get(code)!.length] as const)));

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
    if (site === null && dice.chance(0.75)) site = pickFrom(context.sitesByCountryArea.get(`${code}|${plan.area}`), 6);
    if (site === null) site = pickFrom(context.sitesByCountry.get(code), 8);
    if (site === null) site = context.sitesByCountry.get(code)!.find((candidate) => !chosen.has(candidate)) ?? null;
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
    const site = context.sites[siteIndex];
    const siteFacts = context.siteFacts[siteIndex];
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

    const index = context.trialSites.length;
    context.trialSites.push({
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
      siteResponse: 'PENDING',
      respondedOn: null,
    });
    context.trialSiteFacts.push({ site: siteIndex, selected, activated: activatedOn, firstPatient: firstPatientInOn, closed: closedOn });
    plan.trialSites.push(index);
  });

  if (trial.status === 'ENROLLING' && !anyPatient) trial.status = 'STARTUP';
  trial.enrollmentTarget = dice.chance(0.97) ? Math.max(1, Math.round(targetSum * dice.real(0.9, 1.1))) : null;
}

// Protocols ------------------------------------------------------------------------------------

export function buildProtocols(context: SeedContext): void {
  const { dice, today } = context;
  context.trials.forEach((trial, trialIndex) => {
    const plan = context.plans[trialIndex];
    const facts = plan.trialSites.map((index) => context.trialSiteFacts[index]);
    const countries = [...new Set(facts.map((trialSite) => context.sites[trialSite.site].countryCode))].sort();
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

    let design = protocolDesign(dice, plan.area, plan.level);
    effective.forEach((day, v) => {
      if (v > 0) design = amend(dice, design, reasons[v - 1]);
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

// Partnerships and pipeline --------------------------------------------------------------------

export function buildPartnerships(context: SeedContext): void {
  const { dice, today } = context;
  const firstShared = new Map<string, { sponsor: number; site: number; first: number; trials: number }>();
  context.trials.forEach((trial, trialIndex) => {
    const sponsor = context.plans[trialIndex].sponsor;
    for (const index of context.plans[trialIndex].trialSites) {
      const { site, selected } = context.trialSiteFacts[index];
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
    const sponsor = context.sponsors[pair.sponsor];
    const site = context.sites[pair.site];
    const since = pair.first - dice.int(0, 180);
    const currency = context.siteFacts[pair.site].country.currency;
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
          id: `asset-${pad(++context.assetCounter, 5)}`,
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
    context.partnerships.push({ id: `partnership-${pad(i + 1, 4)}`, sponsorId: sponsor.id, siteId: site.id, since: isoDate(since), investments });
  });
}

export function buildPipeline(context: SeedContext): void {
  const { dice, today } = context;
  const partnersOf = new Map<string, number[]>();
  for (const partnership of context.partnerships) {
    const list = partnersOf.get(partnership.sponsorId) ?? [];
    list.push(context.siteIndex(partnership.siteId));
    partnersOf.set(partnership.sponsorId, list);
  }
  const { year, quarter } = quarterOf(today);
  context.sponsors.forEach((sponsor, sponsorIndex) => {
    if (sponsor.kind !== 'INDUSTRY') return;
    const facts = context.sponsorFacts[sponsorIndex];
    const partners = partnersOf.get(sponsor.id) ?? [];
    const partnerCountries = new Map<string, number>();
    for (const site of partners) partnerCountries.set(context.sites[site].countryCode, (partnerCountries.get(context.sites[site].countryCode) ?? 0) + 1);
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
        const inCountries = partners.filter((site) => countries.includes(context.sites[site].countryCode));
        const fitting = inCountries.filter((site) => context.sites[site].therapeuticAreas.includes(area));
        const pool = fitting.length > 0 ? fitting : inCountries.length > 0 ? inCountries : partners;
        sharedWith = dice.sample(pool, dice.int(1, Math.min(12, pool.length))).sort((a, b) => a - b).map((site) => context.sites[site].id);
      }
      context.pipeline.push({
        id: `pipeline-${pad(context.pipeline.length + 1, 4)}`,
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

export function buildFeedback(context: SeedContext): void {
  const { dice, today } = context;
  context.trials.forEach((trial, trialIndex) => {
    const plan = context.plans[trialIndex];
    const sponsorFacts = context.sponsorFacts[plan.sponsor];
    for (const index of plan.trialSites) {
      if (!dice.chance(0.2)) continue;
      const trialSite = context.trialSites[index];
      const facts = context.trialSiteFacts[index];
      const site = context.sites[facts.site];
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
        const body = feedbackBody(dice, topic, trial, version, site, trialSite);

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
        context.feedback.push({
          id: `feedback-${pad(context.feedback.length + 1, 4)}`,
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

function feedbackBody(dice: Dice, topic: ProtocolFeedbackRecord['topic'], trial: TrialRecord, version: ProtocolVersionRecord, site: SiteRecord, trialSite: TrialSiteRecord): string {
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
