// The CROs' writes. Each runs its checks in this order: the kind of caller, the record and whether
// the caller owns it, the input, then any relationship another subgraph owns (a site exists), and
// writes in one transaction. A write that asks a peer does all its checks before the transaction
// (peers are never asked inside one); the others read and check their record inside the transaction
// that claims its version, using only its manager (see shared/writes.ts).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { actsFor, describeCaller, requireParty } from '../../shared/access';
import { notInFuture } from '../../shared/dates';
import { badUserInput, forbidden } from '../../shared/errors';
import { claimVersion, inTransaction } from '../../shared/writes';
import { requireEngagementCro, RULES } from '../access';
import {
  EngagementActionEntity,
  EngagementEntity,
  MonitoringVisitEntity,
  ResponsibilityEntity,
  StaffAssignmentEntity,
} from '../entities';
import { loadStaffAssignments, staffAssignmentsQuery, type CrosContext, type StaffAssignmentRow } from '../loaders';
import {
  requireWithinEngagement,
  validateDescription,
  validateFindings,
  validatePseudonym,
  validateResponsibilities,
  type ResponsibilityInput,
} from './validate-input';

type MonitoringVisitKind = 'SELECTION' | 'INITIATION' | 'ROUTINE' | 'CLOSE_OUT' | 'REMOTE';
type ActionSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
type CroStaffRole = 'CLINICAL_RESEARCH_ASSOCIATE' | 'PROJECT_MANAGER';

const VERSIONED = {
  engagement: { table: 'engagements', what: 'Engagement', idField: 'input.engagementId' },
  visit: { table: 'monitoring_visits', what: 'Monitoring visit', idField: 'input.visitId' },
  action: { table: 'engagement_actions', what: 'Action', idField: 'input.actionId' },
  assignment: { table: 'staff_assignments', what: 'Staff assignment', idField: 'input.assignmentId' },
};

/** The engagement a write names, or BAD_USER_INPUT on input.engagementId. */
function existingEngagement(engagement: EngagementEntity | null, id: string): EngagementEntity {
  if (!engagement) throw badUserInput(`There is no engagement ${id}`, 'input.engagementId');
  return engagement;
}

/** BAD_USER_INPUT unless the sites subgraph knows the site (asked as the caller, before any transaction). */
async function requireSite({ peers }: CrosContext, siteId: string): Promise<void> {
  const site = await peers.entities<{ id: string }>('sites', 'Site', 'id').load(siteId);
  if (!site) throw badUserInput(`There is no site ${siteId} in the sites subgraph`, 'input.siteId');
}

/** One assignment with its handover overlap, read through the write's own transaction. */
async function assignmentWithOverlap(manager: EntityManager, id: string): Promise<StaffAssignmentRow> {
  const [row] = await loadStaffAssignments(staffAssignmentsQuery(manager).where('assignment.id = :id', { id }));
  return row;
}

export const Mutation = {
  setResponsibilities: (
    _: unknown,
    { input }: { input: { engagementId: string; expectedVersion: number; responsibilities: ResponsibilityInput[] } },
    { caller, db }: CrosContext,
  ) => {
    const what = "set an engagement's RACI";
    requireParty(caller, ['CRO'], RULES.croWrites, what);
    return inTransaction(db, async (manager) => {
      const engagement = existingEngagement(await manager.findOneBy(EngagementEntity, { id: input.engagementId }), input.engagementId);
      requireEngagementCro(caller, engagement, what);
      validateResponsibilities(input.responsibilities, engagement);
      await claimVersion(manager, VERSIONED.engagement, engagement.id, input.expectedVersion);
      // Replaced as a whole: the RACI is agreed as one table, not row by row.
      await manager.delete(ResponsibilityEntity, { engagementId: engagement.id });
      if (input.responsibilities.length > 0) {
        await manager.insert(
          ResponsibilityEntity,
          input.responsibilities.map((row) => ({ ...row, engagementId: engagement.id })),
        );
      }
      return manager.findOneByOrFail(EngagementEntity, { id: engagement.id });
    });
  },

  recordMonitoringVisit: async (
    _: unknown,
    { input }: { input: { engagementId: string; siteId: string; kind: MonitoringVisitKind; visitedOn: string; findings: number } },
    context: CrosContext,
  ) => {
    const { caller, db, loaders } = context;
    const what = 'record monitoring visits';
    requireParty(caller, ['CRO'], RULES.croWrites, what);
    const engagement = existingEngagement(await loaders.engagementById.load(input.engagementId), input.engagementId);
    requireEngagementCro(caller, engagement, what);
    requireWithinEngagement(input.visitedOn, engagement, 'input.visitedOn', 'visitedOn');
    notInFuture(input.visitedOn, 'input.visitedOn');
    validateFindings(input.findings, 'input.findings');
    await requireSite(context, input.siteId);
    return inTransaction(db, async (manager) => {
      const id = `monitoring-visit-${randomUUID()}`;
      await manager.insert(MonitoringVisitEntity, {
        id,
        engagementId: engagement.id,
        siteId: input.siteId,
        kind: input.kind,
        visitedOn: input.visitedOn,
        findings: input.findings,
        followUpLetterSentOn: null,
      });
      return manager.findOneByOrFail(MonitoringVisitEntity, { id });
    });
  },

  recordFollowUpLetter: (
    _: unknown,
    { input }: { input: { visitId: string; expectedVersion: number; sentOn: string } },
    { caller, db }: CrosContext,
  ) => {
    const what = 'record follow-up letters';
    requireParty(caller, ['CRO'], RULES.croWrites, what);
    return inTransaction(db, async (manager) => {
      const visit = await manager.findOneBy(MonitoringVisitEntity, { id: input.visitId });
      if (!visit) throw badUserInput(`There is no monitoring visit ${input.visitId}`, 'input.visitId');
      const engagement = await manager.findOneByOrFail(EngagementEntity, { id: visit.engagementId });
      requireEngagementCro(caller, engagement, what);
      if (input.sentOn < visit.visitedOn) {
        throw badUserInput(`sentOn ${input.sentOn} is before the visit itself (${visit.visitedOn}); a follow-up letter comes after it`, 'input.sentOn');
      }
      notInFuture(input.sentOn, 'input.sentOn');
      await claimVersion(manager, VERSIONED.visit, visit.id, input.expectedVersion);
      await manager.update(MonitoringVisitEntity, { id: visit.id }, { followUpLetterSentOn: input.sentOn });
      return manager.findOneByOrFail(MonitoringVisitEntity, { id: visit.id });
    });
  },

  openAction: (
    _: unknown,
    { input }: { input: { engagementId: string; description: string; severity: ActionSeverity } },
    { caller, db }: CrosContext,
  ) => {
    requireParty(caller, ['CRO', 'SPONSOR'], RULES.raiseActions, 'raise actions on an engagement');
    return inTransaction(db, async (manager) => {
      const engagement = existingEngagement(await manager.findOneBy(EngagementEntity, { id: input.engagementId }), input.engagementId);
      if (!actsFor(caller, 'CRO', engagement.croId) && !actsFor(caller, 'SPONSOR', engagement.sponsorId)) {
        throw forbidden(
          RULES.raiseActions,
          `Only the CRO or the sponsor of engagement ${engagement.id} may raise actions on it; ${describeCaller(caller)} is neither`,
        );
      }
      const description = validateDescription(input.description, 'input.description');
      const id = `action-${randomUUID()}`;
      await manager.insert(EngagementActionEntity, {
        id,
        engagementId: engagement.id,
        description,
        // Who raised it is who is calling, never what the input claims.
        raisedBy: caller.party,
        severity: input.severity,
        raisedAt: new Date(),
        resolvedAt: null,
      });
      return manager.findOneByOrFail(EngagementActionEntity, { id });
    });
  },

  resolveAction: (_: unknown, { input }: { input: { actionId: string; expectedVersion: number } }, { caller, db }: CrosContext) => {
    const what = 'resolve actions';
    requireParty(caller, ['CRO'], RULES.croWrites, what);
    return inTransaction(db, async (manager) => {
      const action = await manager.findOneBy(EngagementActionEntity, { id: input.actionId });
      if (!action) throw badUserInput(`There is no action ${input.actionId}`, 'input.actionId');
      const engagement = await manager.findOneByOrFail(EngagementEntity, { id: action.engagementId });
      requireEngagementCro(caller, engagement, what);
      if (action.resolvedAt !== null) {
        throw badUserInput(`Action ${action.id} was already resolved at ${action.resolvedAt.toISOString()}`, 'input.actionId');
      }
      await claimVersion(manager, VERSIONED.action, action.id, input.expectedVersion);
      await manager.update(EngagementActionEntity, { id: action.id }, { resolvedAt: new Date() });
      return manager.findOneByOrFail(EngagementActionEntity, { id: action.id });
    });
  },

  assignStaff: async (
    _: unknown,
    { input }: { input: { engagementId: string; siteId: string; role: CroStaffRole; pseudonym: string; startedOn: string } },
    context: CrosContext,
  ) => {
    const { caller, db, loaders } = context;
    const what = 'assign staff';
    requireParty(caller, ['CRO'], RULES.croWrites, what);
    const engagement = existingEngagement(await loaders.engagementById.load(input.engagementId), input.engagementId);
    requireEngagementCro(caller, engagement, what);
    validatePseudonym(input.pseudonym, input.role, 'input.pseudonym');
    requireWithinEngagement(input.startedOn, engagement, 'input.startedOn', 'startedOn');
    await requireSite(context, input.siteId);
    return inTransaction(db, async (manager) => {
      const id = `assignment-${randomUUID()}`;
      await manager.insert(StaffAssignmentEntity, {
        id,
        croId: engagement.croId,
        role: input.role,
        pseudonym: input.pseudonym,
        siteId: input.siteId,
        trialId: engagement.trialId,
        startedOn: input.startedOn,
        endedOn: null,
      });
      return assignmentWithOverlap(manager, id);
    });
  },

  handOverStaff: (
    _: unknown,
    {
      input,
    }: { input: { assignmentId: string; expectedVersion: number; endedOn: string; successor: { pseudonym: string; startedOn: string } } },
    { caller, db }: CrosContext,
  ) => {
    const what = 'hand over staff';
    requireParty(caller, ['CRO'], RULES.croWrites, what);
    return inTransaction(db, async (manager) => {
      const outgoing = await manager.findOneBy(StaffAssignmentEntity, { id: input.assignmentId });
      if (!outgoing) throw badUserInput(`There is no staff assignment ${input.assignmentId}`, 'input.assignmentId');
      if (caller.orgId !== outgoing.croId) {
        throw forbidden(
          RULES.croWrites,
          `Only the CRO of staff assignment ${outgoing.id} may ${what}; ${describeCaller(caller)} is not that CRO`,
        );
      }
      if (outgoing.endedOn !== null) {
        throw badUserInput(`Staff assignment ${outgoing.id} already ended on ${outgoing.endedOn}; hand over from the one still on the site`, 'input.assignmentId');
      }
      if (input.endedOn < outgoing.startedOn) {
        throw badUserInput(`endedOn ${input.endedOn} is before the assignment started (${outgoing.startedOn})`, 'input.endedOn');
      }
      const { successor } = input;
      validatePseudonym(successor.pseudonym, outgoing.role, 'input.successor.pseudonym');
      if (successor.pseudonym === outgoing.pseudonym) {
        throw badUserInput(`The successor must be another person than ${outgoing.pseudonym}, who is handing over`, 'input.successor.pseudonym');
      }
      // Started later than the outgoing one, so the outgoing one is its predecessor in the handover measure.
      if (successor.startedOn <= outgoing.startedOn) {
        throw badUserInput(
          `The successor's startedOn ${successor.startedOn} must be after the outgoing assignment started (${outgoing.startedOn})`,
          'input.successor.startedOn',
        );
      }
      await claimVersion(manager, VERSIONED.assignment, outgoing.id, input.expectedVersion);
      await manager.update(StaffAssignmentEntity, { id: outgoing.id }, { endedOn: input.endedOn });
      const id = `assignment-${randomUUID()}`;
      await manager.insert(StaffAssignmentEntity, {
        id,
        croId: outgoing.croId,
        role: outgoing.role,
        pseudonym: successor.pseudonym,
        siteId: outgoing.siteId,
        trialId: outgoing.trialId,
        startedOn: successor.startedOn,
        endedOn: null,
      });
      return assignmentWithOverlap(manager, id);
    });
  },
};
