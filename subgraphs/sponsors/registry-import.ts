// The sponsors' part of a ClinicalTrials.gov import: lead sponsors, trials, their protocol as the
// registry describes it, the sites taking part and the collaborators. Only the sponsors database
// is written, in one transaction per batch of studies.
//
// A trial is found by its NCT id (one a sponsor registered with createTrial too) and updated only
// by a record the registry posted later than the one it holds. The protocol the registry describes
// is one version, updated in place: the registry's update date covers any change to the record, not
// an amendment of the protocol, so a version per import would invent amendments.
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { foldName, organisationKey, slug } from '../../import/ctgov/normalise';
import type { RegistryOrganisation, RegistryStudy } from '../../import/ctgov/study';
import { insertInChunks } from '../shared/seeding';
import { ProtocolVersionEntity, SponsorEntity, TrialEntity, TrialSiteEntity } from './entities';
import type { SponsorKind } from './generated/resolvers';


/** A registry class names the kind of sponsor, except OTHER, where the name tells academia apart. */
const KIND_BY_CLASS: Record<string, SponsorKind> = {
  INDUSTRY: 'INDUSTRY',
  NIH: 'GOVERNMENT',
  FED: 'GOVERNMENT',
  OTHER_GOV: 'GOVERNMENT',
  NETWORK: 'NONPROFIT',
  INDIV: 'OTHER',
  UNKNOWN: 'OTHER',
};

const ACADEMIC_NAME =
  /\b(universit\w*|universidad|universita|college|hospital\w*|hopital\w*|ospedale|klinikum|ziekenhuis|institut\w*|medical (center|centre)|school|academ\w*|faculty|chu)\b/;

export function sponsorKind(sponsor: RegistryOrganisation): SponsorKind {
  if (sponsor.registryClass === 'OTHER') return ACADEMIC_NAME.test(foldName(sponsor.name)) ? 'ACADEMIC' : 'OTHER';
  return KIND_BY_CLASS[sponsor.registryClass] ?? 'OTHER';
}

/** The registry's overall status in our lifecycle; the registry's own where ours has no match. */
const TRIAL_STATUS: Record<string, string> = {
  NOT_YET_RECRUITING: 'PLANNED',
  RECRUITING: 'ENROLLING',
  ENROLLING_BY_INVITATION: 'ENROLLING',
  ACTIVE_NOT_RECRUITING: 'FOLLOW_UP',
  COMPLETED: 'COMPLETED',
  TERMINATED: 'TERMINATED',
  SUSPENDED: 'SUSPENDED',
  WITHDRAWN: 'WITHDRAWN',
  UNKNOWN: 'UNKNOWN',
};

/**
 * A location's recruitment status (the trial's when the location gives none) as a site's stage:
 * not yet recruiting is selected, recruiting is enrolling, active or suspended is activated,
 * finished or withdrawn is closed. The registry's own value is kept beside it.
 */
const TRIAL_SITE_STATUS: Record<string, string> = {
  NOT_YET_RECRUITING: 'SELECTED',
  RECRUITING: 'ENROLLING',
  ENROLLING_BY_INVITATION: 'ENROLLING',
  ACTIVE_NOT_RECRUITING: 'ACTIVATED',
  SUSPENDED: 'ACTIVATED',
  COMPLETED: 'CLOSED',
  TERMINATED: 'CLOSED',
  WITHDRAWN: 'CLOSED',
};

export const trialStatus = (registryStatus: string) => TRIAL_STATUS[registryStatus] ?? 'UNKNOWN';
export const trialSiteStatus = (locationStatus: string | null, overallStatus: string) =>
  TRIAL_SITE_STATUS[locationStatus ?? overallStatus] ?? 'SELECTED';

const shortHash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 8);

/** Stable ids from the matching keys, never one of the demo dataset's (sponsor-001, trial-0001). */
const sponsorId = (name: string, key: string) => `sponsor-${slug(name, 32) || 'organisation'}-${shortHash(key)}`;
const trialId = (nctId: string) => `trial-${nctId.toLowerCase()}`;
const trialSiteId = (nctId: string, siteId: string) => `trial-site-${nctId.toLowerCase()}-${shortHash(siteId)}`;

export interface RegistryTrialInput {
  study: RegistryStudy;
  /** The site id of each of the study's locations, in order (from the sites import). */
  siteIds: readonly string[];
  /** Collaborators to keep on the trial: those that are not CROs. */
  collaborators: readonly RegistryOrganisation[];
}

export interface RegistryTrialsResult {
  /** The trial and its sponsor for each study stored or already up to date, by NCT id. */
  trials: Map<string, { trialId: string; sponsorId: string }>;
  studies: { created: number; updated: number; unchanged: number };
  sponsorsCreated: number;
  trialSitesCreated: number;
  collaborators: number;
}

function trialColumns(study: RegistryStudy, collaborators: readonly RegistryOrganisation[]) {
  const enrollment = study.enrollment;
  return {
    title: study.title,
    phase: study.phase,
    status: trialStatus(study.overallStatus),
    conditions: study.conditions,
    // An enrollment the registry does not type is what was planned (its older "anticipated").
    enrollmentTarget: enrollment && enrollment.type !== 'ACTUAL' ? enrollment.count : null,
    enrollmentActual: enrollment?.type === 'ACTUAL' ? enrollment.count : null,
    startDate: study.startDate?.date ?? null,
    startDateType: study.startDate?.type ?? null,
    primaryCompletionDate: study.primaryCompletionDate?.date ?? null,
    primaryCompletionDateType: study.primaryCompletionDate?.type ?? null,
    completionDate: study.completionDate?.date ?? null,
    completionDateType: study.completionDate?.type ?? null,
    collaborators: collaborators.map(({ name, registryClass }) => ({ name, registryClass })),
    registryStatus: study.overallStatus,
    registryUpdatedOn: study.lastUpdatePostedOn,
  };
}

/** The protocol as the registry describes it: criteria and outcome counts and the countries; no schedule. */
function protocolColumns(study: RegistryStudy) {
  return {
    effectiveOn: study.firstSubmittedOn,
    amendmentReason: null,
    // Visits and procedures are not in the registry: empty is "not written down", scored as unknown.
    visits: [],
    procedures: [],
    inclusionCriteriaCount: study.inclusionCriteria,
    exclusionCriteriaCount: study.exclusionCriteria,
    primaryEndpoints: study.outcomes.primary,
    secondaryEndpoints: study.outcomes.secondary,
    otherEndpoints: study.outcomes.other,
    countries: [...new Set(study.locations.map((location) => location.countryCode))].sort(),
    fromRegistry: true,
  };
}

/** Each location's trial site, once per site (a facility listed twice in a record is one site). */
function trialSiteRows(trial: string, input: RegistryTrialInput) {
  const rows = new Map<string, Partial<TrialSiteEntity>>();
  input.study.locations.forEach((location, i) => {
    const siteId = input.siteIds[i];
    if (rows.has(siteId)) return;
    rows.set(siteId, {
      id: trialSiteId(input.study.nctId, siteId),
      trialId: trial,
      siteId,
      status: trialSiteStatus(location.recruitmentStatus, input.study.overallStatus),
      registryStatus: location.recruitmentStatus,
      // The registry says nothing of when a site was selected or what it screened and enrolled.
      selectedOn: null,
      screened: null,
      enrolled: null,
      withdrawn: null,
    });
  });
  return [...rows.values()];
}

async function updateTrial(tx: EntityManager, id: string, input: RegistryTrialInput): Promise<void> {
  const { study } = input;
  await tx
    .createQueryBuilder()
    .update(TrialEntity)
    .set({ ...trialColumns(study, input.collaborators), version: () => 'version + 1' })
    .where('id = :id', { id })
    .execute();
  // The import rewrites only the version it wrote; a sponsor's own versions it leaves alone.
  const versions = await tx.find(ProtocolVersionEntity, { where: { trialId: id }, select: { version: true, fromRegistry: true } });
  if (versions.length === 0) {
    await tx.insert(ProtocolVersionEntity, { trialId: id, version: 1, ...protocolColumns(study) });
  } else {
    for (const version of versions.filter((v) => v.fromRegistry)) {
      await tx.update(ProtocolVersionEntity, { trialId: id, version: version.version }, protocolColumns(study));
    }
  }
  // Sites the record lists: new ones join; known ones take the registry's status, and the stage it
  // maps to only where the row is the registry's (no selection day: a sponsor's own rows keep theirs).
  // One statement for all of the record's sites, however many it lists.
  const rows = trialSiteRows(id, input);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO trial_sites (id, trial_id, site_id, status, registry_status, selected_on, screened, enrolled, withdrawn)
     SELECT row.id, row.trial_id, row.site_id, row.status, row.registry_status, NULL, NULL, NULL, NULL
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS row(id, trial_id, site_id, status, registry_status)
     ON CONFLICT (trial_id, site_id) DO UPDATE SET
       registry_status = excluded.registry_status,
       status = CASE WHEN trial_sites.selected_on IS NULL THEN excluded.status ELSE trial_sites.status END,
       version = trial_sites.version + 1
     WHERE trial_sites.registry_status IS DISTINCT FROM excluded.registry_status
        OR (trial_sites.selected_on IS NULL AND trial_sites.status <> excluded.status)`,
    [rows.map((row) => row.id), rows.map((row) => row.trialId), rows.map((row) => row.siteId), rows.map((row) => row.status), rows.map((row) => row.registryStatus)],
  );
}

/**
 * The NCT ids of the records that would change something: a study not stored yet, or a record the
 * registry posted later than the one the trial holds. Only these need their sites looked up.
 */
export async function registryRecordsToStore(db: DataSource, studies: readonly RegistryStudy[]): Promise<Set<string>> {
  const stored: { nctId: string; registryUpdatedOn: string | null }[] = await db.query(
    `SELECT nct_id AS "nctId", registry_updated_on AS "registryUpdatedOn" FROM trials WHERE nct_id = ANY($1)`,
    [studies.map((study) => study.nctId)],
  );
  const held = new Map(stored.map((trial) => [trial.nctId, trial.registryUpdatedOn]));
  return new Set(
    studies
      .filter((study) => {
        if (!held.has(study.nctId)) return true;
        const updatedOn = held.get(study.nctId) ?? null;
        return updatedOn === null || study.lastUpdatePostedOn > updatedOn;
      })
      .map((study) => study.nctId),
  );
}

/** Stores a batch of studies (one per NCT id) in the sponsors database, all or nothing. */
export async function importRegistryTrials(db: DataSource, inputs: readonly RegistryTrialInput[]): Promise<RegistryTrialsResult> {
  return db.transaction(async (tx) => {
    const result: RegistryTrialsResult = {
      trials: new Map(),
      studies: { created: 0, updated: 0, unchanged: 0 },
      sponsorsCreated: 0,
      trialSitesCreated: 0,
      collaborators: 0,
    };

    // Sponsors are matched on their name as compared (case, accents, punctuation, legal form).
    const storedSponsors: { id: string; name: string }[] = await tx.query('SELECT id, name FROM sponsors');
    const sponsorIds = new Map(storedSponsors.map((sponsor) => [organisationKey(sponsor.name), sponsor.id]));
    const newSponsors: Partial<SponsorEntity>[] = [];
    const sponsorOf = (lead: RegistryOrganisation) => {
      const key = organisationKey(lead.name);
      let id = sponsorIds.get(key);
      if (id === undefined) {
        id = sponsorId(lead.name, key);
        sponsorIds.set(key, id);
        newSponsors.push({ id, name: lead.name, kind: sponsorKind(lead), countryCode: null });
      }
      return id;
    };

    const storedTrials: { id: string; nctId: string; sponsorId: string; registryUpdatedOn: string | null }[] = await tx.query(
      `SELECT id, nct_id AS "nctId", sponsor_id AS "sponsorId", registry_updated_on AS "registryUpdatedOn"
         FROM trials WHERE nct_id = ANY($1)`,
      [inputs.map((input) => input.study.nctId)],
    );
    const trialsByNct = new Map(storedTrials.map((trial) => [trial.nctId, trial]));

    const newTrials: Partial<TrialEntity>[] = [];
    const newVersions: Partial<ProtocolVersionEntity>[] = [];
    const newTrialSites: Partial<TrialSiteEntity>[] = [];
    const updates: { id: string; input: RegistryTrialInput }[] = [];
    for (const input of inputs) {
      const { study } = input;
      const stored = trialsByNct.get(study.nctId);
      if (stored) {
        // A trial keeps the sponsor it was stored under; only a later record changes the rest.
        result.trials.set(study.nctId, { trialId: stored.id, sponsorId: stored.sponsorId });
        if (stored.registryUpdatedOn !== null && study.lastUpdatePostedOn <= stored.registryUpdatedOn) {
          result.studies.unchanged += 1;
        } else {
          updates.push({ id: stored.id, input });
          result.studies.updated += 1;
        }
        continue;
      }
      const id = trialId(study.nctId);
      const sponsor = sponsorOf(study.leadSponsor);
      result.trials.set(study.nctId, { trialId: id, sponsorId: sponsor });
      result.studies.created += 1;
      result.collaborators += input.collaborators.length;
      newTrials.push({
        id,
        nctId: study.nctId,
        sponsorId: sponsor,
        therapeuticArea: null,
        plannedStartOn: null,
        plannedEndOn: null,
        ...trialColumns(study, input.collaborators),
      });
      newVersions.push({ trialId: id, version: 1, ...protocolColumns(study) });
      newTrialSites.push(...trialSiteRows(id, input));
    }

    await insertInChunks(tx, SponsorEntity, newSponsors);
    await insertInChunks(tx, TrialEntity, newTrials);
    await insertInChunks(tx, ProtocolVersionEntity, newVersions);
    await insertInChunks(tx, TrialSiteEntity, newTrialSites);
    for (const { id, input } of updates) {
      result.collaborators += input.collaborators.length;
      await updateTrial(tx, id, input);
    }
    result.sponsorsCreated = newSponsors.length;
    result.trialSitesCreated = newTrialSites.length;
    return result;
  });
}
