// The CROs' writes, each through the one write path (shared/writes.ts `mutation`): the kind of
// caller, then checks before the transaction, then in one transaction the record and whether the
// caller owns it (refused alike when there is no such record: engagements and what hangs off them
// are private, so no write tells which ids exist), the input against it, its version claimed, and
// the write; the request's loaders are cleared after it, so whatever the request answers next is
// what was stored. A write that asks a peer (a site exists) makes all its checks in `check`, in
// today's order, since peers are never asked inside a transaction; the others check their record
// inside the transaction, through its manager only.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { notInFuture } from '../../shared/dates';
import { describeCaller } from '../../shared/access';
import { badUserInput, forbidden } from '../../shared/errors';
import { mutation, writableRecord, type WriteSteps } from '../../shared/writes';
import type { Caller } from '../../../platform/identity';
import { actionRaisersOnly, croWritesOwn, isOwnCro, mayRaiseActions, RULES } from '../access';
import {
  EngagementActionEntity,
  EngagementEntity,
  MonitoringVisitEntity,
  ResponsibilityEntity,
  StaffAssignmentEntity,
} from '../entities';
import type {
  AssignStaffInput,
  HandOverStaffInput,
  MutationResolvers,
  OpenActionInput,
  RecordFollowUpLetterInput,
  RecordMonitoringVisitInput,
  ResolveActionInput,
  SetResponsibilitiesInput,
} from '../generated/resolvers';
import { loadStaffAssignments, staffAssignmentsQuery, type CrosContext, type StaffAssignmentRow } from '../loaders';
import { requireWithinEngagement, validateDescription, validateFindings, validatePseudonym, validateResponsibilities } from './validate-input';

const VERSIONED = {
  engagement: { table: 'engagements', what: 'Engagement', idField: 'input.engagementId' },
  visit: { table: 'monitoring_visits', what: 'Monitoring visit', idField: 'input.visitId' },
  action: { table: 'engagement_actions', what: 'Action', idField: 'input.actionId' },
  assignment: { table: 'staff_assignments', what: 'Staff assignment', idField: 'input.assignmentId' },
};

/** A write of this subgraph, its context fixed so each step's types follow from its input. */
const crosMutation = <TInput, TRecord, TResult, TChecked = void>(steps: WriteSteps<CrosContext, TInput, TRecord, TResult, TChecked>) =>
  mutation(steps);

/** The engagement a write names, when the caller is its CRO; FORBIDDEN on input.engagementId alike when there is none. */
const ownEngagement = (engagement: EngagementEntity | null, caller: Caller, what: string) =>
  writableRecord(engagement, isOwnCro(caller), croWritesOwn(caller, what, 'input.engagementId', 'engagement'));

/** A record of an engagement (a visit, an action) a write names, when the caller is the engagement's CRO. */
const ownOfEngagement = <T extends { engagementId: string }>(manager: EntityManager, found: T | null, caller: Caller, what: string, field: string, record: string) =>
  writableRecord(
    found,
    async ({ engagementId }) => isOwnCro(caller)(await manager.findOneByOrFail(EngagementEntity, { id: engagementId })),
    croWritesOwn(caller, what, field, record),
  );

/** BAD_USER_INPUT unless the sites subgraph knows the site (asked as the caller, before any transaction). */
async function requireSite({ peers }: CrosContext, siteId: string): Promise<void> {
  const site = await peers.entities<{ id: string }>('sites', 'Site', 'id').load(siteId);
  if (!site) throw badUserInput(`There is no site ${siteId} in the sites subgraph`, 'input.siteId');
}

/** What the sponsors subgraph shows the caller of a trial's sites: which site, and whether it accepted. */
interface TrialSites {
  sites: { site: { id: string } | null; siteResponse: string }[] | null;
}

/**
 * FORBIDDEN unless the site runs the engagement's trial: it has a row in the trial that it accepted,
 * as the trial's owner (the sponsors subgraph) answers the caller itself. A visit or a staff
 * assignment is what makes a CRO a site's partner, so neither is taken on the CRO's word alone.
 */
async function requireSiteRunsTrial({ peers, caller }: CrosContext, engagement: EngagementEntity, siteId: string, what: string): Promise<void> {
  const trial = await peers.entities<TrialSites>('sponsors', 'Trial', 'sites { site { id } siteResponse }').load(engagement.trialId);
  const runs = trial?.sites?.some((row) => row.site?.id === siteId && row.siteResponse === 'ACCEPTED') ?? false;
  if (!runs) {
    throw forbidden(
      RULES.worksAtTrialSites,
      `A CRO may ${what} only at a site that runs the engagement's trial (it accepted its selection), as the trial's sponsor records it; site ${siteId} does not, as shown to ${describeCaller(caller)}`,
    );
  }
}

/** One assignment with its handover overlap, read through the write's own transaction. */
async function assignmentWithOverlap(manager: EntityManager, id: string): Promise<StaffAssignmentRow> {
  const [row] = await loadStaffAssignments(staffAssignmentsQuery(manager).where('assignment.id = :id', { id }));
  return row;
}

const SET_RESPONSIBILITIES = "set an engagement's RACI";
const RECORD_VISITS = 'record monitoring visits';
const RECORD_LETTERS = 'record follow-up letters';
const RESOLVE_ACTIONS = 'resolve actions';
const ASSIGN_STAFF = 'assign staff';
const HAND_OVER_STAFF = 'hand over staff';

export const Mutation: MutationResolvers = {
  setResponsibilities: crosMutation({
    what: SET_RESPONSIBILITIES,
    parties: ['CRO'],
    rule: RULES.croWrites,
    async record(manager, input: SetResponsibilitiesInput, { caller }) {
      const engagement = await ownEngagement(await manager.findOneBy(EngagementEntity, { id: input.engagementId }), caller, SET_RESPONSIBILITIES);
      validateResponsibilities(input.responsibilities, engagement);
      return engagement;
    },
    version: { ...VERSIONED.engagement, id: (engagement) => engagement.id, expected: (input) => input.expectedVersion },
    async write(manager, engagement, input) {
      // Replaced as a whole: the RACI is agreed as one table, not row by row.
      await manager.delete(ResponsibilityEntity, { engagementId: engagement.id });
      if (input.responsibilities.length > 0) {
        await manager.insert(
          ResponsibilityEntity,
          input.responsibilities.map((row) => ({
            engagementId: engagement.id,
            activity: row.activity,
            responsible: row.responsible,
            accountable: row.accountable,
            consulted: row.consulted ?? [],
            informed: row.informed ?? [],
          })),
        );
      }
      return manager.findOneByOrFail(EngagementEntity, { id: engagement.id });
    },
  }),

  recordMonitoringVisit: crosMutation({
    what: RECORD_VISITS,
    parties: ['CRO'],
    rule: RULES.croWrites,
    async check(input: RecordMonitoringVisitInput, context) {
      const engagement = await ownEngagement(await context.loaders.engagementById.load(input.engagementId), context.caller, RECORD_VISITS);
      requireWithinEngagement(input.visitedOn, engagement, 'input.visitedOn', 'visitedOn');
      notInFuture(input.visitedOn, 'input.visitedOn');
      validateFindings(input.findings, 'input.findings');
      await requireSite(context, input.siteId);
      await requireSiteRunsTrial(context, engagement, input.siteId, RECORD_VISITS);
      return engagement;
    },
    // Checked before the transaction, as the site must be asked of its subgraph first; what the
    // visit is recorded under is the engagement that check found.
    record: async (_manager, _input, _context, engagement) => engagement,
    async write(manager, engagement, input) {
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
    },
  }),

  recordFollowUpLetter: crosMutation({
    what: RECORD_LETTERS,
    parties: ['CRO'],
    rule: RULES.croWrites,
    async record(manager, input: RecordFollowUpLetterInput, { caller }) {
      const found = await manager.findOneBy(MonitoringVisitEntity, { id: input.visitId });
      const visit = await ownOfEngagement(manager, found, caller, RECORD_LETTERS, 'input.visitId', 'monitoring visit');
      if (input.sentOn < visit.visitedOn) {
        throw badUserInput(`sentOn ${input.sentOn} is before the visit itself (${visit.visitedOn}); a follow-up letter comes after it`, 'input.sentOn');
      }
      notInFuture(input.sentOn, 'input.sentOn');
      return visit;
    },
    version: { ...VERSIONED.visit, id: (visit) => visit.id, expected: (input) => input.expectedVersion },
    async write(manager, visit, input) {
      await manager.update(MonitoringVisitEntity, { id: visit.id }, { followUpLetterSentOn: input.sentOn });
      return manager.findOneByOrFail(MonitoringVisitEntity, { id: visit.id });
    },
  }),

  openAction: crosMutation({
    what: 'raise actions on an engagement',
    parties: ['CRO', 'SPONSOR'],
    rule: RULES.raiseActions,
    async record(manager, input: OpenActionInput, { caller }) {
      const engagement = await writableRecord(await manager.findOneBy(EngagementEntity, { id: input.engagementId }), mayRaiseActions(caller), actionRaisersOnly(caller));
      return { engagement, description: validateDescription(input.description, 'input.description') };
    },
    async write(manager, { engagement, description }, input, { caller }) {
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
    },
  }),

  resolveAction: crosMutation({
    what: RESOLVE_ACTIONS,
    parties: ['CRO'],
    rule: RULES.croWrites,
    async record(manager, input: ResolveActionInput, { caller }) {
      const found = await manager.findOneBy(EngagementActionEntity, { id: input.actionId });
      const action = await ownOfEngagement(manager, found, caller, RESOLVE_ACTIONS, 'input.actionId', 'action');
      if (action.resolvedAt !== null) {
        throw badUserInput(`Action ${action.id} was already resolved at ${action.resolvedAt.toISOString()}`, 'input.actionId');
      }
      return action;
    },
    version: { ...VERSIONED.action, id: (action) => action.id, expected: (input) => input.expectedVersion },
    async write(manager, action) {
      await manager.update(EngagementActionEntity, { id: action.id }, { resolvedAt: new Date() });
      return manager.findOneByOrFail(EngagementActionEntity, { id: action.id });
    },
  }),

  assignStaff: crosMutation({
    what: ASSIGN_STAFF,
    parties: ['CRO'],
    rule: RULES.croWrites,
    async check(input: AssignStaffInput, context) {
      const engagement = await ownEngagement(await context.loaders.engagementById.load(input.engagementId), context.caller, ASSIGN_STAFF);
      validatePseudonym(input.pseudonym, input.role, 'input.pseudonym');
      requireWithinEngagement(input.startedOn, engagement, 'input.startedOn', 'startedOn');
      await requireSite(context, input.siteId);
      await requireSiteRunsTrial(context, engagement, input.siteId, ASSIGN_STAFF);
      return engagement;
    },
    record: async (_manager, _input, _context, engagement) => engagement,
    async write(manager, engagement, input) {
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
    },
  }),

  handOverStaff: crosMutation({
    what: HAND_OVER_STAFF,
    parties: ['CRO'],
    rule: RULES.croWrites,
    async record(manager, input: HandOverStaffInput, { caller }) {
      const found = await manager.findOneBy(StaffAssignmentEntity, { id: input.assignmentId });
      const outgoing = await writableRecord(found, isOwnCro(caller), croWritesOwn(caller, HAND_OVER_STAFF, 'input.assignmentId', 'staff assignment'));
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
      return outgoing;
    },
    version: { ...VERSIONED.assignment, id: (outgoing) => outgoing.id, expected: (input) => input.expectedVersion },
    async write(manager, outgoing, input) {
      await manager.update(StaffAssignmentEntity, { id: outgoing.id }, { endedOn: input.endedOn });
      const id = `assignment-${randomUUID()}`;
      await manager.insert(StaffAssignmentEntity, {
        id,
        croId: outgoing.croId,
        role: outgoing.role,
        pseudonym: input.successor.pseudonym,
        siteId: outgoing.siteId,
        trialId: outgoing.trialId,
        startedOn: input.successor.startedOn,
        endedOn: null,
      });
      return assignmentWithOverlap(manager, id);
    },
  }),
};
