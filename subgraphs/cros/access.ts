// Who sees what the CROs' subgraph holds. Every relationship these rules need is local: an
// engagement names its CRO and its sponsor, a visit its engagement and site, an assignment its CRO,
// site and trial. Lists are narrowed in SQL (see loaders.ts) so a caller's rows are all a query
// returns; a single record reached through a field is checked here and refused with FORBIDDEN.
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { actsFor, describeCaller, isPlatformAdmin } from '../shared/access';
import { forbidden } from '../shared/errors';
import type { Caller } from '../../platform/identity';
import type { EngagementEntity } from './entities';

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
} as const;

export function canSeeEngagement(caller: Caller, engagement: Pick<EngagementEntity, 'croId' | 'sponsorId'>): boolean {
  return isPlatformAdmin(caller) || actsFor(caller, 'CRO', engagement.croId) || actsFor(caller, 'SPONSOR', engagement.sponsorId);
}

/** The refusal of an engagement the caller reached through a field but may not see. */
export function engagementForbidden(caller: Caller, engagement: Pick<EngagementEntity, 'id'>) {
  return forbidden(
    RULES.engagement,
    `Engagement ${engagement.id} is visible to its CRO and its sponsor; ${describeCaller(caller)} is neither`,
  );
}

/** Throws FORBIDDEN unless the caller is the engagement's own CRO: the one who writes to it. */
export function requireEngagementCro(caller: Caller, engagement: Pick<EngagementEntity, 'id' | 'croId'>, what: string): void {
  if (!actsFor(caller, 'CRO', engagement.croId)) {
    throw forbidden(
      RULES.croWrites,
      `Only the CRO of engagement ${engagement.id} may ${what}; ${describeCaller(caller)} is not that CRO`,
    );
  }
}

/**
 * Narrows a query to the rows the caller may see, or answers `false` when the caller may see none
 * of them (so the loader skips the statement). Each scope names the aliases its condition reads.
 */
export type RowScope = <T extends ObjectLiteral>(query: SelectQueryBuilder<T>) => SelectQueryBuilder<T> | false;

/** Engagements (alias `engagement`): its CRO and its sponsor. */
export function engagementScope(caller: Caller): RowScope {
  return (query) => {
    if (isPlatformAdmin(caller)) return query;
    if (caller.party === 'CRO') return query.andWhere('engagement.cro_id = :callerOrgId', { callerOrgId: caller.orgId });
    if (caller.party === 'SPONSOR') return query.andWhere('engagement.sponsor_id = :callerOrgId', { callerOrgId: caller.orgId });
    return false;
  };
}

/** Monitoring visits (alias `visit`, its engagement joined as `engagement`). */
export function monitoringScope(caller: Caller): RowScope {
  return (query) => {
    if (isPlatformAdmin(caller)) return query;
    if (caller.party === 'SITE') return query.andWhere('visit.site_id = :callerOrgId', { callerOrgId: caller.orgId });
    if (caller.party === 'CRO') return query.andWhere('engagement.cro_id = :callerOrgId', { callerOrgId: caller.orgId });
    if (caller.party === 'SPONSOR') return query.andWhere('engagement.sponsor_id = :callerOrgId', { callerOrgId: caller.orgId });
    return false;
  };
}

/** Staff assignments (alias `assignment`). */
export function assignmentScope(caller: Caller): RowScope {
  return (query) => {
    if (isPlatformAdmin(caller)) return query;
    if (caller.party === 'SITE') return query.andWhere('assignment.site_id = :callerOrgId', { callerOrgId: caller.orgId });
    if (caller.party === 'CRO') return query.andWhere('assignment.cro_id = :callerOrgId', { callerOrgId: caller.orgId });
    if (caller.party === 'SPONSOR') {
      // The sponsor sees the people of a CRO it engaged on that very trial, not the CRO's other work.
      return query.andWhere(
        `EXISTS (SELECT 1 FROM engagements sponsored WHERE sponsored.cro_id = assignment.cro_id
           AND sponsored.trial_id = assignment.trial_id AND sponsored.sponsor_id = :callerOrgId)`,
        { callerOrgId: caller.orgId },
      );
    }
    return false;
  };
}
