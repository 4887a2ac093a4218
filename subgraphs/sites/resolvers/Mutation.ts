// A site writes its own data and nobody else does: not a sponsor, not a CRO, not a platform admin.
// Each mutation checks who is asking, then the input, then writes in one transaction that first
// claims the version the caller read, so nothing is half written and no one overwrites a change
// they did not see.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { actsFor, describeCaller, requireParty } from '../../shared/access';
import { badUserInput, forbidden } from '../../shared/errors';
import type { Caller } from '../../../platform/identity';
import { claimVersion, inTransaction } from '../../shared/writes';
import { BlackoutPeriodEntity, SiteEntity, StaffMemberEntity, TrainingEntity } from '../entities';
import type { ShareAudience } from '../entities/Site';
import type { SitesContext } from '../loaders';
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
  type BlackoutPeriodInput,
} from './validation';

const SITE_WRITES_RULE = 'site-writes-own-data';

const SITE_VERSION = { table: 'sites', what: 'Site', idField: 'input.siteId' };
const STAFF_VERSION = { table: 'site_staff', what: 'Staff member', idField: 'input.staffMemberId' };

/** Throws FORBIDDEN unless the caller is this site, acting for itself. */
function requireSiteItself(caller: Caller, siteId: string, what: string): void {
  if (actsFor(caller, 'SITE', siteId)) return;
  throw forbidden(SITE_WRITES_RULE, `Only site ${siteId} itself may ${what}; the caller is ${describeCaller(caller)}`);
}

/**
 * The staff member a write is about, read in the write's transaction: BAD_USER_INPUT when there is
 * none, FORBIDDEN when the member works at another site than the caller.
 */
async function ownStaffMember(manager: EntityManager, staffMemberId: string, caller: Caller, what: string) {
  const member = await manager.findOneBy(StaffMemberEntity, { id: staffMemberId });
  if (!member) throw badUserInput(`There is no staff member ${staffMemberId}`, 'input.staffMemberId');
  requireSiteItself(caller, member.siteId, what);
  return member;
}

/** The site as the write left it; later fields of the same request read it, not a stale copy. */
async function reloadSite(manager: EntityManager, siteId: string) {
  return manager.findOneByOrFail(SiteEntity, { id: siteId });
}

function afterSiteWrite({ loaders }: SitesContext, site: SiteEntity) {
  loaders.siteById.clear(site.id).prime(site.id, site);
  loaders.blackoutsBySite.clear(site.id);
  return site;
}

function afterStaffWrite({ loaders }: SitesContext, member: StaffMemberEntity) {
  loaders.staffBySite.clear(member.siteId);
  loaders.trainingsByStaffMember.clear(member.id);
  return member;
}

interface AddressInput {
  city: string;
  region?: string | null;
  postalCode?: string | null;
  countryCode: string;
}

interface UpdateSiteProfileInput {
  siteId: string;
  expectedVersion: number;
  name?: string | null;
  kind?: string | null;
  address?: AddressInput | null;
  geo?: { lat: number; lon: number } | null;
  timezone?: string | null;
  languages?: string[] | null;
  therapeuticAreas?: string[] | null;
  communitiesServed?: string[] | null;
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

interface SetSiteCapacityInput {
  siteId: string;
  expectedVersion: number;
  maxConcurrentTrials: number;
  coordinatorFte: number;
  weeklyVisitSlots: number;
  blackoutPeriods: BlackoutPeriodInput[];
}

interface SetSharingPolicyInput {
  siteId: string;
  expectedVersion: number;
  capacity: ShareAudience;
  staff: ShareAudience;
  assets: ShareAudience;
}

export const Mutation = {
  updateSiteProfile: async (_: unknown, { input }: { input: UpdateSiteProfileInput }, context: SitesContext) => {
    requireSiteItself(context.caller, input.siteId, "change the site's profile");
    const changes = profileChanges(input);
    const site = await inTransaction(context.db, async (manager) => {
      await claimVersion(manager, SITE_VERSION, input.siteId, input.expectedVersion);
      await manager.update(SiteEntity, { id: input.siteId }, changes);
      return reloadSite(manager, input.siteId);
    });
    return afterSiteWrite(context, site);
  },

  setSiteCapacity: async (_: unknown, { input }: { input: SetSiteCapacityInput }, context: SitesContext) => {
    requireSiteItself(context.caller, input.siteId, "set the site's capacity");
    const capacity = {
      maxConcurrentTrials: nonNegativeInteger(input.maxConcurrentTrials, 'input.maxConcurrentTrials'),
      coordinatorFte: nonNegativeNumber(input.coordinatorFte, 'input.coordinatorFte'),
      weeklyVisitSlots: nonNegativeInteger(input.weeklyVisitSlots, 'input.weeklyVisitSlots'),
    };
    const periods = blackoutPeriods(input.blackoutPeriods, 'input.blackoutPeriods');
    const site = await inTransaction(context.db, async (manager) => {
      await claimVersion(manager, SITE_VERSION, input.siteId, input.expectedVersion);
      await manager.update(SiteEntity, { id: input.siteId }, capacity);
      // The periods given are all the periods: the old ones go.
      await manager.delete(BlackoutPeriodEntity, { siteId: input.siteId });
      if (periods.length > 0) {
        await manager.insert(BlackoutPeriodEntity, periods.map((period) => ({ siteId: input.siteId, ...period })));
      }
      return reloadSite(manager, input.siteId);
    });
    return afterSiteWrite(context, site);
  },

  setSharingPolicy: async (_: unknown, { input }: { input: SetSharingPolicyInput }, context: SitesContext) => {
    requireSiteItself(context.caller, input.siteId, "set the site's sharing policy");
    const site = await inTransaction(context.db, async (manager) => {
      await claimVersion(manager, SITE_VERSION, input.siteId, input.expectedVersion);
      await manager.update(
        SiteEntity,
        { id: input.siteId },
        { shareCapacity: input.capacity, shareStaff: input.staff, shareAssets: input.assets },
      );
      return reloadSite(manager, input.siteId);
    });
    return afterSiteWrite(context, site);
  },

  addStaffMember: async (
    _: unknown,
    { input }: { input: { siteId: string; role: string; fte: number; startedOn: string } },
    context: SitesContext,
  ) => {
    requireSiteItself(context.caller, input.siteId, 'add staff to the site');
    const member = {
      id: `staff-${randomUUID()}`,
      siteId: input.siteId,
      role: input.role,
      fte: staffFte(input.fte, 'input.fte'),
      startedOn: input.startedOn,
      endedOn: null,
    };
    const added = await inTransaction(context.db, async (manager) => {
      // A new row bumps no version, but its site must exist.
      if (!(await manager.existsBy(SiteEntity, { id: input.siteId }))) {
        throw badUserInput(`There is no site ${input.siteId}`, 'input.siteId');
      }
      await manager.insert(StaffMemberEntity, member);
      return manager.findOneByOrFail(StaffMemberEntity, { id: member.id });
    });
    return afterStaffWrite(context, added);
  },

  endStaffMember: async (
    _: unknown,
    { input }: { input: { staffMemberId: string; expectedVersion: number; endedOn: string } },
    context: SitesContext,
  ) => {
    // Only sites have staff; anyone else is refused before we look the member up.
    requireParty(context.caller, ['SITE'], SITE_WRITES_RULE, 'end a staff member at their own site');
    const member = await inTransaction(context.db, async (manager) => {
      // Whose member it is comes first: another site learns nothing from how its input is judged.
      const current = await ownStaffMember(manager, input.staffMemberId, context.caller, 'end its staff members');
      const { endedOn } = input;
      if (endedOn < current.startedOn) {
        throw badUserInput(`input.endedOn ${endedOn} is before the member started, on ${current.startedOn}`, 'input.endedOn');
      }
      await claimVersion(manager, STAFF_VERSION, input.staffMemberId, input.expectedVersion);
      await manager.update(StaffMemberEntity, { id: input.staffMemberId }, { endedOn });
      return manager.findOneByOrFail(StaffMemberEntity, { id: input.staffMemberId });
    });
    return afterStaffWrite(context, member);
  },

  recordTraining: async (
    _: unknown,
    { input }: { input: { staffMemberId: string; name: string; completedOn: string; expiresOn?: string | null } },
    context: SitesContext,
  ) => {
    requireParty(context.caller, ['SITE'], SITE_WRITES_RULE, 'record a training for their own staff');
    const member = await inTransaction(context.db, async (manager) => {
      const owner = await ownStaffMember(manager, input.staffMemberId, context.caller, 'record trainings for its staff');
      const { completedOn } = input;
      const expiresOn = input.expiresOn ?? null;
      if (expiresOn !== null && expiresOn <= completedOn) {
        throw badUserInput(`input.expiresOn ${expiresOn} must be after completedOn ${completedOn}`, 'input.expiresOn');
      }
      await manager.insert(TrainingEntity, { staffMemberId: owner.id, name: requiredText(input.name, 'input.name'), completedOn, expiresOn });
      return owner;
    });
    return afterStaffWrite(context, member);
  },
};
