// The sites' records: each site with its staff, capacity (blackout periods included) and assets, in
// the order of a shuffled list of countries that keeps each country's share at every scale.

import type { SiteRecord } from './model';
import { isoDate, nextAnniversary } from './dates';
import { pad, round1 } from './numbers';
import type { SeedContext } from './context';
import {
  BLACKOUT_REASONS,
  COUNTRIES,
  NAMING,
  SITE_ASSETS,
  STAFF_TRAININGS,
  THERAPEUTIC_AREAS,
  type CountryDefinition,
  type SiteKind,
} from './reference-data';

const SITE_KINDS: readonly (readonly [SiteKind, number])[] = [
  ['ACADEMIC_MEDICAL_CENTER', 20],
  ['HOSPITAL', 30],
  ['RESEARCH_CENTER', 15],
  ['COMMUNITY_CLINIC', 20],
  ['SITE_NETWORK_MEMBER', 15],
];

export function buildSites(context: SeedContext): void {
  const { dice } = context;
  const count = context.counts.sites;
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
  let staffCounter = 0;
  countryOfSite.forEach((country, i) => addSite(context, i + 1, country, () => ++staffCounter));
}

function addSite(context: SeedContext, n: number, country: CountryDefinition, nextStaffId: () => number): void {
  const { dice, today } = context;
  const city = dice.from(context.citiesOf(country));
  const kind = dice.weighted(SITE_KINDS);
  const districts = city.districts ?? [city.city];
  const name = context.uniqueName(
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

  const staff = siteStaff(context, kind, nextStaffId);
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
      id: `asset-${pad(++context.assetCounter, 5)}`,
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
  const index = context.sites.length;
  context.sites.push(site);
  // Most sites enrol a patient or less a month per trial; a few are stars.
  context.siteFacts.push({ country, city, enrollmentPace: 0.15 + 1.6 * Math.pow(dice.real(), 1.6) });
  const inCountry = context.sitesByCountry.get(country.code) ?? [];
  inCountry.push(index);
  context.sitesByCountry.set(country.code, inCountry);
  for (const area of therapeuticAreas) {
    const key = `${country.code}|${area}`;
    const list = context.sitesByCountryArea.get(key) ?? [];
    list.push(index);
    context.sitesByCountryArea.set(key, list);
  }
}

function siteStaff(context: SeedContext, kind: SiteKind, nextStaffId: () => number): SiteRecord['staff'] {
  const { dice, today } = context;
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
        id: `staff-${pad(nextStaffId(), 5)}`,
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

