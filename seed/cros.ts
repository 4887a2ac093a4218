// The CROs' records: CROs with their pools of pseudonymous staff, engagements (scope, who does what,
// KPIs, communication plan, action log), monitoring visits and CRO staff assignments at sites.

import type { Activity, EngagementRecord, MonitoringVisitRecord, RaciParty, StaffAssignmentRecord, TrialRecord, TrialSiteRecord } from './model';
import { isoDate, isoInstant, toDay } from './dates';
import { clamp, median, pad, round1 } from './numbers';
import { WeightedTable, type Dice } from './random';
import type { SeedContext, TrialPlan } from './context';
import {
  ACTION_TEMPLATES,
  ACTIVITIES,
  COUNTRIES,
  CRO_LANGUAGES_BY_REGION,
  CRO_NAME_PARTS,
  CRO_REGIONS,
  ESCALATION_PATHS,
  KPI_CATALOGUE,
  LANGUAGE_NAMES,
  SCREEN_FAILURE_RANGE,
  type CroRegion,
} from './reference-data';

const SPONSOR_ACCOUNTABLE: ReadonlySet<Activity> = new Set(['PROTOCOL_DESIGN', 'REGULATORY_SUBMISSION', 'SAFETY_REPORTING', 'SITE_SELECTION']);
const SITE_FACING: ReadonlySet<Activity> = new Set(['SITE_FEASIBILITY', 'SITE_SELECTION', 'SITE_CONTRACTS', 'SITE_PAYMENTS', 'SITE_TRAINING', 'PATIENT_RECRUITMENT', 'SITE_MONITORING', 'TRANSLATION']);
const PARTIES: readonly RaciParty[] = ['SPONSOR', 'CRO', 'SITE'];

// CROs -----------------------------------------------------------------------------------------

export function buildCros(context: SeedContext): void {
  const { dice } = context;
  // Each CRO has about ten engagements at any scale, so its staff pool does not grow with scale.
  const pools = 40;
  const stems = dice.shuffle([...CRO_NAME_PARTS.stems]);
  const usedPseudonyms = new Set<string>();
  for (let i = 0; i < context.counts.cros; i++) {
    const global = dice.chance(0.3) || (i === context.counts.cros - 1 && !context.croFacts.some((facts) => facts.global));
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
    const name = context.uniqueName(
      () => {
        const ending = dice.pick(CRO_NAME_PARTS.endings);
        return `${stem} ${dice.pick(CRO_NAME_PARTS.middles)}${ending ? ` ${ending}` : ''}`;
      },
      (taken, attempt) => `${taken.replace(/ \d+$/, '')} ${attempt + 1}`,
    );
    context.cros.push({ id: `cro-${pad(i + 1, 3)}`, name, regions: orderedRegions, services, languages });
    context.croFacts.push({
      craPool: pseudonyms(dice, usedPseudonyms, 'CRA', pools),
      pmPool: pseudonyms(dice, usedPseudonyms, 'PM', Math.max(3, Math.ceil(pools / 5))),
      letterLagDays: dice.int(5, 18),
      global,
    });
  }
}

/** Monitors are named by pseudonyms like CRA-7F3K, never by their real names. */
function pseudonyms(dice: Dice, used: Set<string>, prefix: string, count: number): string[] {
  const pool: string[] = [];
  while (pool.length < count) {
    const pseudonym = `${prefix}-${dice.faker.string.alphanumeric({ length: 4, casing: 'upper' })}`;
    if (!used.has(pseudonym)) {
      used.add(pseudonym);
      pool.push(pseudonym);
    }
  }
  return pool;
}

// CRO engagements ------------------------------------------------------------------------------

export function buildEngagements(context: SeedContext): void {
  const { dice } = context;
  let actionCounter = 0;
  const regionOf = new Map(COUNTRIES.map((country) => [country.code, country.region]));
  const eligibleCros = new Map<string, { eligible: Set<number>; table: WeightedTable<number> }>();
  context.trials.forEach((trial, trialIndex) => {
    if (!dice.chance(0.6)) return;
    const plan = context.plans[trialIndex];
    const sponsorFacts = context.sponsorFacts[plan.sponsor];
    const trialSites = plan.trialSites.map((index) => context.trialSites[index]);
    const countries = trial.protocolVersions[trial.protocolVersions.length - 1].countries;
    const needed = CRO_REGIONS.filter((region) => countries.some((code) => regionOf.get(code) === region));
    const key = needed.join('|');
    let candidates = eligibleCros.get(key);
    if (!candidates) {
      // The CROs that cover most of the trial's regions; global ones are picked twice as often.
      const coverage = context.cros.map((cro) => needed.filter((region) => cro.regions.includes(region)).length);
      const best = Math.max(...coverage);
      const eligible = context.cros.map((_, i) => i).filter((i) => coverage[i] === best);
      candidates = { eligible: new Set(eligible), table: new WeightedTable(eligible.map((i) => [i, context.croFacts[i].global ? 2 : 1] as const)) };
      eligibleCros.set(key, candidates);
    }
    const croIndex =
      sponsorFacts.lastCro !== null && candidates.eligible.has(sponsorFacts.lastCro) && dice.chance(0.6)
        ? sponsorFacts.lastCro
        : dice.from(candidates.table);
    sponsorFacts.lastCro = croIndex;

    const cro = context.cros[croIndex];
    const fullService = dice.chance(0.55);
    const scope = new Set(dice.sample(cro.services, fullService ? dice.int(6, 11) : dice.int(2, 4)));
    if (cro.services.includes('SITE_MONITORING') && dice.chance(fullService ? 0.9 : 0.7)) scope.add('SITE_MONITORING');
    addEngagement(context, trial, plan, trialSites, croIndex, ACTIVITIES.filter((a) => scope.has(a)), () => ++actionCounter);

    // Some sponsors split the work: a second CRO for data, safety or translation, never monitoring.
    if (context.cros.length > 1 && dice.chance(0.15)) {
      const otherIndex = (croIndex + dice.int(1, context.cros.length - 1)) % context.cros.length;
      const functional = context.cros[otherIndex].services.filter(
        (a) => (a === 'DATA_MANAGEMENT' || a === 'SAFETY_REPORTING' || a === 'TRANSLATION' || a === 'PATIENT_RECRUITMENT' || a === 'SITE_PAYMENTS') && !scope.has(a),
      );
      if (functional.length > 0) {
        const chosen = new Set(dice.sample(functional, dice.int(1, Math.min(3, functional.length))));
        addEngagement(context, trial, plan, trialSites, otherIndex, ACTIVITIES.filter((a) => chosen.has(a)), () => ++actionCounter);
      }
    }
  });
}

function addEngagement(context: SeedContext, trial: TrialRecord, plan: TrialPlan, trialSites: TrialSiteRecord[], croIndex: number, servicesInScope: Activity[], nextActionId: () => number): void {
  const { dice, today } = context;
  const cro = context.cros[croIndex];
  const firstSelected = Math.min(...plan.trialSites.map((index) => context.trialSiteFacts[index].selected));
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
      const actual = kpiActual(context, definition.kpi, target, plan, trialSites, trial.enrollmentTarget);
      let status: EngagementRecord['kpis'][number]['status'] = 'ON_TRACK';
      if (actual !== null) {
        if (definition.lowerIsBetter) status = actual <= target ? 'ON_TRACK' : actual <= target * 1.2 ? 'AT_RISK' : 'OFF_TRACK';
        else status = actual >= target ? 'ON_TRACK' : actual >= target * 0.85 ? 'AT_RISK' : 'OFF_TRACK';
      }
      return { kpi: definition.kpi, unit: definition.unit, target, actual, status };
    });

  const siteRecords = plan.trialSites.map((index) => context.sites[context.trialSiteFacts[index].site]);
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

  context.engagements.push({
    id: `engagement-${pad(context.engagements.length + 1, 4)}`,
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
function kpiActual(context: SeedContext, kpi: string, target: number, plan: TrialPlan, trialSites: TrialSiteRecord[], trialTarget: number | null): number | null {
  const { dice, today } = context;
  const activated = plan.trialSites.map((index) => context.trialSiteFacts[index]).filter((facts) => facts.activated !== null);
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

export function buildMonitoringAndStaffing(context: SeedContext): void {
  const { dice, today } = context;
  let visitCounter = 0;
  let assignmentCounter = 0;
  const trialIndexById = new Map(context.trials.map((trial, i) => [trial.id, i]));
  const assign = (croId: string, role: StaffAssignmentRecord['role'], pseudonym: string, trialSite: TrialSiteRecord, startedOn: number, endedOn: number | null) => {
    context.staffAssignments.push({
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

  for (const engagement of context.engagements) {
    const croIndex = Number(engagement.croId.slice(4)) - 1;
    const facts = context.croFacts[croIndex];
    const plan = context.plans[trialIndexById.get(engagement.trialId)!];
    const engagementStart = toDay(engagement.startsOn);
    const monitoring = engagement.servicesInScope.includes('SITE_MONITORING');

    // One project manager for the engagement, followed at every site; sometimes replaced midway.
    const manager = dice.pick(facts.pmPool);
    const successor = dice.pick(facts.pmPool.filter((pm) => pm !== manager).concat(facts.pmPool.length === 1 ? [manager] : []));
    const engagementEnd = engagement.endsOn === null ? today : Math.min(today, toDay(engagement.endsOn));
    const handover = engagementEnd - engagementStart > 365 && dice.chance(0.2) ? dice.int(engagementStart + 180, engagementEnd - 90) : null;
    const handoverOverlap = dice.int(0, 14);

    for (const index of plan.trialSites) {
      const trialSite = context.trialSites[index];
      const { selected, activated, firstPatient, closed } = context.trialSiteFacts[index];

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
        context.monitoringVisits.push({
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

