// One ClinicalTrials.gov API v2 study record → the plain record of what we keep, or the reason it
// cannot be imported. The record is built field by field from the modules we use: contacts,
// central contacts, overall officials and location contacts name real people and are never read.
import { isPartialDate } from '../../subgraphs/shared/scalars';
import { countCriteria } from './eligibility';
import { countryCode } from './countries';

/** The registry's partial dates: yyyy, yyyy-MM or yyyy-MM-dd, kept at the precision given. */
export type PartialDate = string;

export interface RegistryDate {
  date: PartialDate;
  /** ACTUAL or ESTIMATED, null when the record does not say. */
  type: 'ACTUAL' | 'ESTIMATED' | null;
}

export interface RegistryOrganisation {
  name: string;
  /** The registry's class: INDUSTRY, OTHER, NIH, FED, OTHER_GOV, NETWORK, INDIV, UNKNOWN, … */
  registryClass: string;
}

export interface RegistryLocation {
  facility: string;
  city: string;
  region: string | null;
  postalCode: string | null;
  countryCode: string;
  lat: number | null;
  lon: number | null;
  /** The location's recruitment status, null when the record gives none. */
  recruitmentStatus: string | null;
}

export type TrialPhase =
  | 'EARLY_PHASE_1'
  | 'PHASE_1'
  | 'PHASE_1_2'
  | 'PHASE_2'
  | 'PHASE_2_3'
  | 'PHASE_3'
  | 'PHASE_4'
  | 'NOT_APPLICABLE';

export interface RegistryStudy {
  nctId: string;
  title: string;
  /** The registry's overall status as given (RECRUITING, ACTIVE_NOT_RECRUITING, …). */
  overallStatus: string;
  phase: TrialPhase;
  conditions: string[];
  enrollment: { count: number; type: 'ACTUAL' | 'ESTIMATED' | null } | null;
  startDate: RegistryDate | null;
  primaryCompletionDate: RegistryDate | null;
  completionDate: RegistryDate | null;
  /** yyyy-MM-dd: when the study was first submitted to the registry. */
  firstSubmittedOn: string;
  /** yyyy-MM-dd: when the registry last posted an update; a later one supersedes an earlier. */
  lastUpdatePostedOn: string;
  inclusionCriteria: number | null;
  exclusionCriteria: number | null;
  outcomes: { primary: number; secondary: number; other: number };
  leadSponsor: RegistryOrganisation;
  collaborators: RegistryOrganisation[];
  locations: RegistryLocation[];
  /** Locations left out, each with why (no facility name, no city, a country we cannot code). */
  skippedLocations: SkippedLocation[];
}

export interface SkippedLocation {
  /** 1-based, in the record's order. */
  location: number;
  facility: string | null;
  reason: string;
}

export type ParsedStudy = { study: RegistryStudy } | { problem: string };

export const REGISTRY_STATUSES = [
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'ENROLLING_BY_INVITATION',
  'ACTIVE_NOT_RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'COMPLETED',
  'WITHDRAWN',
  'UNKNOWN',
] as const;

/** The registry's phase lists; an observational study has none, which is not applicable too. */
const PHASES: Record<string, TrialPhase> = {
  '': 'NOT_APPLICABLE',
  NA: 'NOT_APPLICABLE',
  EARLY_PHASE1: 'EARLY_PHASE_1',
  PHASE1: 'PHASE_1',
  'PHASE1+PHASE2': 'PHASE_1_2',
  PHASE2: 'PHASE_2',
  'PHASE2+PHASE3': 'PHASE_2_3',
  PHASE3: 'PHASE_3',
  PHASE4: 'PHASE_4',
};

const NCT_ID = /^NCT\d{8}$/;

const isDay = (value: string) => value.length === 10 && isPartialDate(value);

type Json = Record<string, unknown>;
const object = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const count = (value: unknown): number => list(value).length;

class MissingPart extends Error {}

function registryDate(struct: unknown, field: string): RegistryDate | null {
  const date = text(object(struct)?.date);
  if (date === null) return null;
  if (!isPartialDate(date)) throw new MissingPart(`${field} "${date}" is not a yyyy, yyyy-MM or yyyy-MM-dd date`);
  const type = object(struct)?.type;
  return { date, type: type === 'ACTUAL' || type === 'ESTIMATED' ? type : null };
}

function organisation(value: unknown): RegistryOrganisation | null {
  const name = text(object(value)?.name);
  return name === null ? null : { name, registryClass: text(object(value)?.class) ?? 'UNKNOWN' };
}

function location(value: unknown, index: number, skipped: SkippedLocation[]): RegistryLocation | null {
  const place = object(value) ?? {};
  const facility = text(place.facility);
  const city = text(place.city);
  const country = text(place.country);
  const skip = (reason: string) => (skipped.push({ location: index + 1, facility, reason }), null);
  if (facility === null) return skip('no facility name');
  if (city === null) return skip('no city');
  const code = country === null ? null : countryCode(country);
  if (code === null) return skip(country === null ? 'no country' : `country "${country}" not recognised`);
  const geo = object(place.geoPoint);
  const lat = typeof geo?.lat === 'number' && Math.abs(geo.lat) <= 90 ? geo.lat : null;
  const lon = typeof geo?.lon === 'number' && Math.abs(geo.lon) <= 180 ? geo.lon : null;
  return {
    facility,
    city,
    region: text(place.state),
    postalCode: text(place.zip),
    countryCode: code,
    lat: lat === null || lon === null ? null : lat,
    lon: lat === null || lon === null ? null : lon,
    recruitmentStatus: text(place.status),
  };
}

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new MissingPart(`no ${what}`);
  return value;
}

/** Reads one study record; anything we need and cannot find is the problem returned. */
export function parseStudy(json: unknown): ParsedStudy {
  const protocol = object(object(json)?.protocolSection);
  const identification = object(protocol?.identificationModule);
  const nctId = text(identification?.nctId);
  if (!protocol || !identification || nctId === null) {
    return { problem: 'not a ClinicalTrials.gov study record (no protocolSection.identificationModule.nctId)' };
  }
  if (!NCT_ID.test(nctId)) return { problem: `NCT id "${nctId}" is not NCT and 8 digits` };
  try {
    const status = object(protocol.statusModule);
    const sponsors = object(protocol.sponsorCollaboratorsModule);
    const design = object(protocol.designModule);
    const eligibility = object(protocol.eligibilityModule);
    const outcomes = object(protocol.outcomesModule);
    const locations = object(protocol.contactsLocationsModule)?.locations;

    const overallStatus = required(text(status?.overallStatus), 'statusModule.overallStatus');
    if (!(REGISTRY_STATUSES as readonly string[]).includes(overallStatus)) {
      throw new MissingPart(`overall status "${overallStatus}" is not one the registry defines`);
    }
    const phases = list(design?.phases).filter((phase): phase is string => typeof phase === 'string');
    const phase = PHASES[phases.join('+')];
    if (phase === undefined) throw new MissingPart(`phase ${JSON.stringify(phases)} is not one the registry defines`);
    const firstSubmittedOn = required(text(status?.studyFirstSubmitDate), 'statusModule.studyFirstSubmitDate');
    const lastUpdatePostedOn = required(text(object(status?.lastUpdatePostDateStruct)?.date), 'statusModule.lastUpdatePostDateStruct.date');
    for (const [field, day] of [['studyFirstSubmitDate', firstSubmittedOn], ['lastUpdatePostDateStruct.date', lastUpdatePostedOn]]) {
      if (!isDay(day)) throw new MissingPart(`statusModule.${field} "${day}" is not a yyyy-MM-dd date`);
    }
    const enrollmentInfo = object(design?.enrollmentInfo);
    const enrollmentCount = enrollmentInfo?.count;
    const enrollmentType = enrollmentInfo?.type;
    const criteriaText = text(eligibility?.eligibilityCriteria);
    const criteria = criteriaText === null ? { inclusion: null, exclusion: null } : countCriteria(criteriaText);
    const skippedLocations: SkippedLocation[] = [];

    const study: RegistryStudy = {
      nctId,
      title: required(text(identification.briefTitle) ?? text(identification.officialTitle), 'title (identificationModule.briefTitle)'),
      overallStatus,
      phase,
      conditions: list(object(protocol.conditionsModule)?.conditions)
        .map(text)
        .filter((condition): condition is string => condition !== null),
      enrollment:
        typeof enrollmentCount === 'number' && Number.isInteger(enrollmentCount) && enrollmentCount >= 0
          ? { count: enrollmentCount, type: enrollmentType === 'ACTUAL' || enrollmentType === 'ESTIMATED' ? enrollmentType : null }
          : null,
      startDate: registryDate(status?.startDateStruct, 'start date'),
      primaryCompletionDate: registryDate(status?.primaryCompletionDateStruct, 'primary completion date'),
      completionDate: registryDate(status?.completionDateStruct, 'completion date'),
      firstSubmittedOn,
      lastUpdatePostedOn,
      inclusionCriteria: criteria.inclusion,
      exclusionCriteria: criteria.exclusion,
      outcomes: {
        primary: count(outcomes?.primaryOutcomes),
        secondary: count(outcomes?.secondaryOutcomes),
        other: count(outcomes?.otherOutcomes),
      },
      leadSponsor: required(organisation(sponsors?.leadSponsor), 'lead sponsor (sponsorCollaboratorsModule.leadSponsor.name)'),
      collaborators: list(sponsors?.collaborators)
        .map(organisation)
        .filter((collaborator): collaborator is RegistryOrganisation => collaborator !== null),
      locations: list(locations)
        .map((place, i) => location(place, i, skippedLocations))
        .filter((place): place is RegistryLocation => place !== null),
      skippedLocations,
    };
    return { study };
  } catch (error) {
    if (error instanceof MissingPart) return { problem: error.message };
    throw error;
  }
}
