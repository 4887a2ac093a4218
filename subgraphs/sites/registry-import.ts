// The sites' part of a ClinicalTrials.gov import: each location a study lists becomes a site, the
// same facility across studies one site. Only the sites database is written. A site already known
// is left as it is: from then on its profile is the site's to keep, not the registry's.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { nameKey, slug } from '../../import/ctgov/normalise';
import type { RegistryLocation, RegistryStudy } from '../../import/ctgov/study';
import { insertInChunks } from '../shared/seeding';
import { SiteEntity } from './entities';

/**
 * Names sponsors give a site to keep it anonymous ("Research Site", "Novartis Investigative Site",
 * "Local Institution"): two of them in one city are usually two facilities, so such a site is
 * matched only within the study that lists it, never across studies.
 */
const PLACEHOLDER_NAME = /^(?:.* )?(?:investigational|investigative|investigator|research|study|clinical|trial|clinical trial|clinical research) sites?(?: [a-z]{0,3}\d+)?$|^local institution$/;

export function isPlaceholderFacility(facility: string): boolean {
  return PLACEHOLDER_NAME.test(nameKey(facility));
}

/** One facility: its normalised name, city and country (and for a placeholder name, the study and its place there). */
export function siteMatchKey(name: string, city: string, countryCode: string): string {
  return [nameKey(name), nameKey(city), countryCode.toUpperCase()].join('|');
}

const shortHash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 8);

/** A stable id from the matching key: readable, and never one of the demo dataset's site-0001 ids. */
const siteId = (location: RegistryLocation, key: string) =>
  `site-${location.countryCode.toLowerCase()}-${slug(location.facility, 32) || 'facility'}-${shortHash(key)}`;

export interface RegistrySitesResult {
  /** Per study, the site id of each of its locations, in the order listed. */
  siteIdsByStudy: Map<string, string[]>;
  created: number;
  matched: number;
}

/** The matching key of each location of a study, in order. */
function locationKeys(study: RegistryStudy): string[] {
  const placeholders = new Map<string, number>();
  return study.locations.map((location) => {
    const key = siteMatchKey(location.facility, location.city, location.countryCode);
    if (!isPlaceholderFacility(location.facility)) return key;
    const nth = (placeholders.get(key) ?? 0) + 1;
    placeholders.set(key, nth);
    return `${key}|${study.nctId}#${nth}`;
  });
}

/** Finds or creates the site of every location, all in one transaction. */
export async function importRegistrySites(db: DataSource, studies: readonly RegistryStudy[]): Promise<RegistrySitesResult> {
  return db.transaction(async (tx) => {
    const countries = [...new Set(studies.flatMap((study) => study.locations.map((location) => location.countryCode)))];
    // Sites already stored in these countries, by the key they would match on (ids of earlier
    // imports embed the study for placeholder names, so those are found by id instead).
    const stored: Pick<SiteEntity, 'id' | 'name' | 'city' | 'countryCode'>[] = countries.length
      ? await tx.query(`SELECT id, name, city, country_code AS "countryCode" FROM sites WHERE country_code = ANY($1)`, [countries])
      : [];
    const known = new Map<string, string>();
    const storedIds = new Set<string>();
    for (const site of stored) {
      storedIds.add(site.id);
      if (!isPlaceholderFacility(site.name)) known.set(siteMatchKey(site.name, site.city, site.countryCode), site.id);
    }

    const siteIdsByStudy = new Map<string, string[]>();
    const fresh = new Map<string, Partial<SiteEntity>>();
    let matched = 0;
    for (const study of studies) {
      const keys = locationKeys(study);
      siteIdsByStudy.set(
        study.nctId,
        study.locations.map((location, i) => {
          const key = keys[i];
          const id = known.get(key) ?? siteId(location, key);
          if (known.has(key) || storedIds.has(id)) {
            matched += 1;
            return id;
          }
          known.set(key, id);
          fresh.set(id, {
            id,
            name: location.facility,
            // What the registry does not say stays unknown: kind, time zone, languages, capacity.
            kind: null,
            timezone: null,
            city: location.city,
            region: location.region,
            postalCode: location.postalCode,
            countryCode: location.countryCode,
            lat: location.lat,
            lon: location.lon,
            languages: [],
            therapeuticAreas: [],
            communitiesServed: [],
            maxConcurrentTrials: null,
            coordinatorFte: null,
            weeklyVisitSlots: null,
            shareCapacity: 'PARTNERS',
            shareStaff: 'SITE_ONLY',
            shareAssets: 'PARTNERS',
          });
          return id;
        }),
      );
    }
    await insertInChunks(tx, SiteEntity, [...fresh.values()]);
    return { siteIdsByStudy, created: fresh.size, matched };
  });
}
