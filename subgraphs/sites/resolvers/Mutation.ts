// A site writes its own data and nobody else does: not a sponsor, not a CRO, not a platform admin.
// Each mutation takes the one write path (subgraphs/shared/writes.ts): who is asking, then the
// input, then one transaction that claims the version the caller read before it writes, so nothing
// is half written and no one overwrites a change they did not see; then the request forgets what
// it had loaded, so every field answered after a write reads what was stored.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PARTY_KINDS, type Caller } from '../../../platform/identity';
import { badUserInput } from '../../shared/errors';
import { actsFor, describeCaller } from '../../shared/access';
import { mutation, writableRecord } from '../../shared/writes';
import { RULES, requireSiteItself } from '../access';
import type { SitesContext } from '../context';
import { BlackoutPeriodEntity, SiteEntity, StaffMemberEntity, TrainingEntity } from '../entities';
import type {
  AddStaffMemberInput,
  EndStaffMemberInput,
  MutationResolvers,
  RecordTrainingInput,
  SetSharingPolicyInput,
  SetSiteCapacityInput,
  UpdateSiteProfileInput,
} from '../generated/resolvers';
import {
  blackoutPeriods,
  countryCode,
  distinctList,
  languageTag,
  latitude,
  longitude,
  nonNegativeInteger,
  nonNegativeNumber,
  notNull,
  optionalText,
  requiredText,
  staffFte,
  therapeuticArea,
  timeZone,
} from './validation';

const SITE_TABLE = { table: 'sites', what: 'Site', idField: 'input.siteId' };
const STAFF_TABLE = { table: 'site_staff', what: 'Staff member', idField: 'input.staffMemberId' };

/** The version a write about a site (named by its id) claims. */
const SITE_VERSION = { ...SITE_TABLE, id: (siteId: string) => siteId, expected: (input: { expectedVersion: number }) => input.expectedVersion };

/** The version a write about a staff member claims. */
const STAFF_VERSION = {
  ...STAFF_TABLE,
  id: (member: StaffMemberEntity) => member.id,
  expected: (input: { expectedVersion: number }) => input.expectedVersion,
};

/**
 * The writes that name their site: every kind of caller passes the party check, because the owner
 * check that follows (in `check`, before the input is judged) refuses with the site's name, as the
 * API always has: "Only site X itself may ...".
 */
const ANY_PARTY = PARTY_KINDS;

/**
 * The site a write names, as `record`: the owner check has passed (the caller is the site), and
 * claiming its version is what finds a site that is not there (BAD_USER_INPUT naming input.siteId),
 * so nothing more is read.
 */
const namedSite = async (_manager: EntityManager, input: { siteId: string }) => input.siteId;

/**
 * The staff member a write is about, read in the write's transaction, when the member works at the
 * caller's site. A member of another site and no member at all are refused alike (FORBIDDEN on
 * input.staffMemberId): a site's staff is private, so no write tells which ids exist. A site is
 * public (listed to every caller), so an unknown one stays BAD_USER_INPUT.
 */
async function ownStaffMember(manager: EntityManager, staffMemberId: string, caller: Caller, what: string) {
  return writableRecord(await manager.findOneBy(StaffMemberEntity, { id: staffMemberId }), (member) => actsFor(caller, 'SITE', member.siteId), {
    rule: RULES.writesOwnData,
    field: 'input.staffMemberId',
    writer: `Only its own site may ${what}`,
    record: `staff member of ${describeCaller(caller)}`,
  });
}

/** The site as the write left it: what the mutation answers. */
async function reloadSite(manager: EntityManager, siteId: string) {
  return manager.findOneByOrFail(SiteEntity, { id: siteId });
}

/** The columns a profile update changes: only the fields the caller sent. */
function profileChanges(input: UpdateSiteProfileInput): Partial<SiteEntity> {
  const changes: Partial<SiteEntity> = {};
  if (input.name !== undefined) changes.name = requiredText(notNull(input.name, 'input.name'), 'input.name');
  if (input.kind !== undefined) changes.kind = notNull(input.kind, 'input.kind');
  if (input.address !== undefined) {
    const address = notNull(input.address, 'input.address');
    changes.city = requiredText(address.city, 'input.address.city');
    changes.region = optionalText(address.region, 'input.address.region');
    changes.postalCode = optionalText(address.postalCode, 'input.address.postalCode');
    changes.countryCode = countryCode(address.countryCode, 'input.address.countryCode');
  }
  if (input.geo !== undefined) {
    changes.lat = input.geo === null ? null : latitude(input.geo.lat, 'input.geo.lat');
    changes.lon = input.geo === null ? null : longitude(input.geo.lon, 'input.geo.lon');
  }
  if (input.timezone !== undefined) changes.timezone = timeZone(notNull(input.timezone, 'input.timezone'), 'input.timezone');
  if (input.languages !== undefined) {
    changes.languages = distinctList(notNull(input.languages, 'input.languages'), 'input.languages', languageTag);
    if (changes.languages.length === 0) throw badUserInput('input.languages must name at least one language staff can run a trial in', 'input.languages');
  }
  if (input.therapeuticAreas !== undefined) {
    changes.therapeuticAreas = distinctList(notNull(input.therapeuticAreas, 'input.therapeuticAreas'), 'input.therapeuticAreas', therapeuticArea);
  }
  if (input.communitiesServed !== undefined) {
    changes.communitiesServed = distinctList(notNull(input.communitiesServed, 'input.communitiesServed'), 'input.communitiesServed', requiredText);
  }
  if (Object.keys(changes).length === 0) throw badUserInput('Send at least one field of the profile to change', 'input');
  return changes;
}

/** The capacity columns and the blackout periods a capacity write stores, checked. */
function capacityOf(input: SetSiteCapacityInput) {
  return {
    capacity: {
      maxConcurrentTrials: nonNegativeInteger(input.maxConcurrentTrials, 'input.maxConcurrentTrials'),
      coordinatorFte: nonNegativeNumber(input.coordinatorFte, 'input.coordinatorFte'),
      weeklyVisitSlots: nonNegativeInteger(input.weeklyVisitSlots, 'input.weeklyVisitSlots'),
    },
    periods: blackoutPeriods(input.blackoutPeriods, 'input.blackoutPeriods'),
  };
}

// The input is checked before the transaction; `write` stores the values `check` answered.
export const Mutation: MutationResolvers = {
  updateSiteProfile: mutation<SitesContext, UpdateSiteProfileInput, string, SiteEntity, Partial<SiteEntity>>({
    what: "change the site's profile",
    parties: ANY_PARTY,
    rule: RULES.writesOwnData,
    check(input, { caller }) {
      requireSiteItself(caller, input.siteId, "change the site's profile");
      return profileChanges(input);
    },
    record: namedSite,
    version: SITE_VERSION,
    async write(manager, siteId, _input, _context, changes) {
      await manager.update(SiteEntity, { id: siteId }, changes);
      return reloadSite(manager, siteId);
    },
  }),

  setSiteCapacity: mutation<SitesContext, SetSiteCapacityInput, string, SiteEntity, ReturnType<typeof capacityOf>>({
    what: "set the site's capacity",
    parties: ANY_PARTY,
    rule: RULES.writesOwnData,
    check(input, { caller }) {
      requireSiteItself(caller, input.siteId, "set the site's capacity");
      return capacityOf(input);
    },
    record: namedSite,
    version: SITE_VERSION,
    async write(manager, siteId, _input, _context, { capacity, periods }) {
      await manager.update(SiteEntity, { id: siteId }, capacity);
      // The periods given are all the periods: the old ones go.
      await manager.delete(BlackoutPeriodEntity, { siteId });
      if (periods.length > 0) {
        await manager.insert(BlackoutPeriodEntity, periods.map((period) => ({ siteId, ...period })));
      }
      return reloadSite(manager, siteId);
    },
  }),

  setSharingPolicy: mutation<SitesContext, SetSharingPolicyInput, string, SiteEntity>({
    what: "set the site's sharing policy",
    parties: ANY_PARTY,
    rule: RULES.writesOwnData,
    check(input, { caller }) {
      requireSiteItself(caller, input.siteId, "set the site's sharing policy");
    },
    record: namedSite,
    version: SITE_VERSION,
    async write(manager, siteId, input) {
      await manager.update(SiteEntity, { id: siteId }, { shareCapacity: input.capacity, shareStaff: input.staff, shareAssets: input.assets });
      return reloadSite(manager, siteId);
    },
  }),

  addStaffMember: mutation<SitesContext, AddStaffMemberInput, string, StaffMemberEntity, number>({
    what: 'add staff to the site',
    parties: ANY_PARTY,
    rule: RULES.writesOwnData,
    check(input, { caller }) {
      requireSiteItself(caller, input.siteId, 'add staff to the site');
      return staffFte(input.fte, 'input.fte');
    },
    // A new member bumps no version, but its site must exist.
    async record(manager, input) {
      if (!(await manager.existsBy(SiteEntity, { id: input.siteId }))) {
        throw badUserInput(`There is no site ${input.siteId}`, 'input.siteId');
      }
      return input.siteId;
    },
    async write(manager, siteId, input, _context, fte) {
      const id = `staff-${randomUUID()}`;
      await manager.insert(StaffMemberEntity, {
        id,
        siteId,
        role: input.role,
        fte,
        startedOn: input.startedOn,
        endedOn: null,
      });
      return manager.findOneByOrFail(StaffMemberEntity, { id });
    },
  }),

  // Only sites have staff: anyone else is refused before the member is looked up.
  endStaffMember: mutation<SitesContext, EndStaffMemberInput, StaffMemberEntity, StaffMemberEntity>({
    what: 'end a staff member at their own site',
    parties: ['SITE'],
    rule: RULES.writesOwnData,
    async record(manager, input, { caller }) {
      // Whose member it is comes first: another site learns nothing from how its input is judged.
      const member = await ownStaffMember(manager, input.staffMemberId, caller, 'end its staff members');
      if (input.endedOn < member.startedOn) {
        throw badUserInput(`input.endedOn ${input.endedOn} is before the member started, on ${member.startedOn}`, 'input.endedOn');
      }
      return member;
    },
    version: STAFF_VERSION,
    async write(manager, member, input) {
      await manager.update(StaffMemberEntity, { id: member.id }, { endedOn: input.endedOn });
      return manager.findOneByOrFail(StaffMemberEntity, { id: member.id });
    },
  }),

  recordTraining: mutation<SitesContext, RecordTrainingInput, StaffMemberEntity, StaffMemberEntity>({
    what: 'record a training for their own staff',
    parties: ['SITE'],
    rule: RULES.writesOwnData,
    async record(manager, input, { caller }) {
      const member = await ownStaffMember(manager, input.staffMemberId, caller, 'record trainings for its staff');
      const expiresOn = input.expiresOn ?? null;
      if (expiresOn !== null && expiresOn <= input.completedOn) {
        throw badUserInput(`input.expiresOn ${expiresOn} must be after completedOn ${input.completedOn}`, 'input.expiresOn');
      }
      return member;
    },
    // No version: a training is a new row, and the member it is recorded for does not change.
    async write(manager, member, input) {
      await manager.insert(TrainingEntity, {
        staffMemberId: member.id,
        name: requiredText(input.name, 'input.name'),
        completedOn: input.completedOn,
        expiresOn: input.expiresOn ?? null,
      });
      return member;
    },
  }),
};
