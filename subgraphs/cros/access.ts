// Who sees what the CROs' subgraph holds, as one policy object per request (createCrosAccess,
// built in the context factory). Every relationship these rules need is local: an engagement
// names its CRO and its sponsor, a visit its engagement and site, an assignment its CRO, site and
// trial. Lists are narrowed in SQL (`narrow`) so a caller's rows are all a query returns; a single
// record reached through a field is checked with `read` and refused with FORBIDDEN. The owner
// checks of writes are here too, beside the rules they follow.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { accessPolicy, actsFor, describeCaller, isPlatformAdmin, type AccessPolicy } from '../shared/access';
import { forbidden } from '../shared/errors';
import type { PrivateRecordRefusal } from '../shared/writes';
import type { Caller } from '../../platform/identity';
import type { EngagementEntity, StaffAssignmentEntity } from './entities';

export const RULES = {
  /** An engagement: its CRO, its sponsor, platform admins. */
  engagement: 'engagement-parties',
  /** A monitoring visit: the site visited, the CRO that made it, the engagement's sponsor, admins. */
  monitoring: 'monitoring-parties',
  /** A CRO staff assignment: the site, the assignment's CRO, the sponsor of that CRO's engagement on the trial, admins. */
  assignment: 'assignment-parties',
  /** Writes to an engagement and what hangs off it: only the engagement's CRO. */
  croWrites: 'cro-writes-own-engagements',
  /** Raising an action on an engagement: its CRO or its sponsor. */
  raiseActions: 'engagement-parties-raise-actions',
  /**
   * A CRO records visits and staff only at a site that runs the engagement's trial (the site has
   * accepted its selection), as the trial's owner, the sponsors subgraph, answers the CRO itself.
   */
  worksAtTrialSites: 'cro-works-at-trial-sites',
  /** A handover overlap is measured only against the same CRO's previous assignment; else it is null. */
  handoverOwnAssignments: 'handover-own-assignments',
} as const;

/** What a single record's check needs. */
export type CrosRecords = {
  engagement: Pick<EngagementEntity, 'id' | 'croId' | 'sponsorId'>;
};

/**
 * The lists narrowed in SQL, each with the aliases its condition reads: `engagements` (alias
 * `engagement`), `monitoringVisits` (alias `visit`, its engagement joined as `engagement`),
 * `staffAssignments` (alias `assignment`).
 */
export type CrosLists = 'engagements' | 'monitoringVisits' | 'staffAssignments';

export interface CrosAccess extends AccessPolicy<CrosRecords, CrosLists> {
  /**
   * The condition `narrow` adds to a list, for a loader that writes its own SQL (the same aliases),
   * with `callerParameter` standing for the caller's organisation (`callerOrgId`): null when the
   * caller sees none of the list, a null condition when it sees all of it.
   */
  listCondition(list: CrosLists, callerParameter: string): { condition: string | null; callerOrgId: string } | null;
  /**
   * The CRO whose engagements, every one of them and no other, are those the caller sees: a CRO
   * caller itself (the `engagements` condition is then `engagement.cro_id = <caller>`); null for
   * anyone else. Any list of engagements narrowed for the caller is then a part of that CRO's.
   */
  seesOnlyEngagementsOf(): string | null;
}

/** The condition of a list the caller sees all of. */
const ALL = 'TRUE';

/** The cros subgraph's read rules for one request's caller. */
export function createCrosAccess(caller: Caller): CrosAccess {
  const byOrg = { callerOrgId: caller.orgId };

  /** The caller's rows of a list, as a condition over its aliases; null when it sees none, `ALL` when it sees all. */
  function conditionOf(list: CrosLists, callerParameter: string): string | null {
    if (isPlatformAdmin(caller)) return ALL;
    switch (list) {
      case 'engagements':
        if (caller.party === 'CRO') return `engagement.cro_id = ${callerParameter}`;
        if (caller.party === 'SPONSOR') return `engagement.sponsor_id = ${callerParameter}`;
        return null;
      case 'monitoringVisits':
        if (caller.party === 'SITE') return `visit.site_id = ${callerParameter}`;
        if (caller.party === 'CRO') return `engagement.cro_id = ${callerParameter}`;
        if (caller.party === 'SPONSOR') return `engagement.sponsor_id = ${callerParameter}`;
        return null;
      case 'staffAssignments':
        if (caller.party === 'SITE') return `assignment.site_id = ${callerParameter}`;
        if (caller.party === 'CRO') return `assignment.cro_id = ${callerParameter}`;
        if (caller.party === 'SPONSOR') {
          // The sponsor sees the people of a CRO it engaged on that very trial, not the CRO's other work.
          return `EXISTS (SELECT 1 FROM engagements sponsored WHERE sponsored.cro_id = assignment.cro_id
               AND sponsored.trial_id = assignment.trial_id AND sponsored.sponsor_id = ${callerParameter})`;
        }
        return null;
    }
  }

  function narrowed<T extends ObjectLiteral>(list: CrosLists, query: SelectQueryBuilder<T>): SelectQueryBuilder<T> | null {
    const condition = conditionOf(list, ':callerOrgId');
    if (condition === null) return null;
    return condition === ALL ? query : query.andWhere(condition, byOrg);
  }

  const policy = accessPolicy<CrosRecords, CrosLists>({
    caller,
    rules: RULES,
    async mayRead(_what, engagement) {
      return isPlatformAdmin(caller) || actsFor(caller, 'CRO', engagement.croId) || actsFor(caller, 'SPONSOR', engagement.sponsorId);
    },
    refusal() {
      return forbidden(
        RULES.engagement,
        `An engagement is visible to its CRO and its sponsor; ${describeCaller(caller)} is neither for this one`,
      );
    },
    async narrow(list, query) {
      return narrowed(list, query);
    },
    // Every rule here reads this subgraph's own rows: nothing is learnt that a write could outdate.
    forget() {},
  });
  return {
    ...policy,
    listCondition(list, callerParameter) {
      const condition = conditionOf(list, callerParameter);
      return condition === null ? null : { condition: condition === ALL ? null : condition, callerOrgId: caller.orgId };
    },
    seesOnlyEngagementsOf() {
      // The case of conditionOf('engagements') that narrows to one CRO, in the same order (admins first).
      return !isPlatformAdmin(caller) && caller.party === 'CRO' ? caller.orgId : null;
    },
  };
}

/** Whether the caller is the CRO of an engagement or of a staff assignment: the one who writes to it. */
export const isOwnCro = (caller: Caller) => (record: Pick<EngagementEntity | StaffAssignmentEntity, 'croId'>) => actsFor(caller, 'CRO', record.croId);

/**
 * The refusal of a write by anyone but the CRO of the engagement (or assignment) that `field` names
 * as a `record` ("engagement", "monitoring visit"): the same words when it names no record at all
 * (shared/writes.ts `writableRecord`), so no CRO learns which ids exist.
 */
export const croWritesOwn = (caller: Caller, what: string, field: string, record: string): PrivateRecordRefusal => ({
  rule: RULES.croWrites,
  field,
  writer: `Only its own CRO may ${what}`,
  record: `${record} of ${describeCaller(caller)}`,
});

/** Whether the caller is the engagement's CRO or its sponsor: who raises actions on it. */
export const mayRaiseActions = (caller: Caller) => (engagement: Pick<EngagementEntity, 'croId' | 'sponsorId'>) =>
  actsFor(caller, 'CRO', engagement.croId) || actsFor(caller, 'SPONSOR', engagement.sponsorId);

/** The refusal of an action raised by anyone but the engagement's CRO or sponsor, or on no engagement. */
export const actionRaisersOnly = (caller: Caller): PrivateRecordRefusal => ({
  rule: RULES.raiseActions,
  field: 'input.engagementId',
  writer: "Only the engagement's CRO or its sponsor may raise actions on it",
  record: `engagement of ${describeCaller(caller)}`,
});
