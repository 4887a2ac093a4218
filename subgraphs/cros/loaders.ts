import { In, type DataSource, type FindOptionsWhere } from 'typeorm';
import { listLoader, rowLoader } from '../shared/loaders';
import {
  CroEntity,
  EngagementActionEntity,
  EngagementEntity,
  KpiAgreementEntity,
  MonitoringVisitEntity,
  ResponsibilityEntity,
  StaffAssignmentEntity,
} from './entities';
import type { RequestContext } from '../shared/subgraph-service';

/** An assignment with its handover overlap, computed by the query that loads it. */
export type StaffAssignmentRow = StaffAssignmentEntity & { handoverOverlapDays: number | null };

// The predecessor is the assignment in the same site, trial and role that started latest before
// this one (ties on the start date broken by id). Overlap = predecessor's end (today while it is
// still open) − this start, in days; negative when the site was left uncovered.
const HANDOVER_WINDOW =
  'OVER (PARTITION BY assignment.site_id, assignment.trial_id, assignment.role ORDER BY assignment.started_on, assignment.id)';
const HANDOVER_OVERLAP_DAYS = `CASE WHEN lag(assignment.id) ${HANDOVER_WINDOW} IS NULL THEN NULL
  ELSE coalesce(lag(assignment.ended_on) ${HANDOVER_WINDOW}, CURRENT_DATE) - assignment.started_on END`;

/**
 * A site's assignments with their handover overlap, in one statement: the window partitions by
 * site, so filtering on site ids leaves every predecessor in the rows the window sees.
 */
async function loadStaffAssignmentsOfSites(db: DataSource, siteIds: readonly string[]): Promise<StaffAssignmentRow[]> {
  const { entities, raw } = await db
    .getRepository(StaffAssignmentEntity)
    .createQueryBuilder('assignment')
    .addSelect(HANDOVER_OVERLAP_DAYS, 'handover_overlap_days')
    .where('assignment.site_id IN (:...siteIds)', { siteIds: [...siteIds] })
    .orderBy('assignment.started_on', 'ASC')
    .addOrderBy('assignment.id', 'ASC')
    .getRawAndEntities<{ assignment_id: string; handover_overlap_days: number | null }>();
  const overlapById = new Map(raw.map((row) => [row.assignment_id, row.handover_overlap_days]));
  return entities.map((assignment) =>
    Object.assign(assignment, { handoverOverlapDays: overlapById.get(assignment.id) ?? null }),
  );
}

/** The cros subgraph's loaders, made afresh for every request. */
export function createCrosLoaders(db: DataSource) {
  const engagementsWhere = (where: FindOptionsWhere<EngagementEntity>) =>
    db.getRepository(EngagementEntity).find({ where, order: { startsOn: 'ASC', id: 'ASC' } });
  return {
    croById: rowLoader(
      (ids: readonly string[]) => db.getRepository(CroEntity).findBy({ id: In([...ids]) }),
      (cro) => cro.id,
    ),
    engagementById: rowLoader(
      (ids: readonly string[]) => db.getRepository(EngagementEntity).findBy({ id: In([...ids]) }),
      (engagement) => engagement.id,
    ),
    engagementsByCro: listLoader(
      (croIds: readonly string[]) => engagementsWhere({ croId: In([...croIds]) }),
      (engagement) => engagement.croId,
    ),
    engagementsByTrial: listLoader(
      (trialIds: readonly string[]) => engagementsWhere({ trialId: In([...trialIds]) }),
      (engagement) => engagement.trialId,
    ),
    responsibilitiesByEngagement: listLoader(
      (engagementIds: readonly string[]) =>
        db.getRepository(ResponsibilityEntity).findBy({ engagementId: In([...engagementIds]) }),
      (responsibility) => responsibility.engagementId,
    ),
    kpisByEngagement: listLoader(
      (engagementIds: readonly string[]) =>
        db.getRepository(KpiAgreementEntity).find({
          where: { engagementId: In([...engagementIds]) },
          order: { id: 'ASC' },
        }),
      (kpi) => kpi.engagementId,
    ),
    // Every action of the engagement: the status argument filters in memory, so OPEN and
    // RESOLVED asked side by side still cost one statement.
    actionsByEngagement: listLoader(
      (engagementIds: readonly string[]) =>
        db.getRepository(EngagementActionEntity).find({
          where: { engagementId: In([...engagementIds]) },
          order: { raisedAt: 'ASC', id: 'ASC' },
        }),
      (action) => action.engagementId,
    ),
    monitoringVisitsByEngagement: listLoader(
      (engagementIds: readonly string[]) =>
        db.getRepository(MonitoringVisitEntity).find({
          where: { engagementId: In([...engagementIds]) },
          order: { visitedOn: 'ASC', id: 'ASC' },
        }),
      (visit) => visit.engagementId,
    ),
    monitoringVisitsBySite: listLoader(
      (siteIds: readonly string[]) =>
        db.getRepository(MonitoringVisitEntity).find({
          where: { siteId: In([...siteIds]) },
          order: { visitedOn: 'ASC', id: 'ASC' },
        }),
      (visit) => visit.siteId,
    ),
    staffAssignmentsBySite: listLoader(
      (siteIds: readonly string[]) => loadStaffAssignmentsOfSites(db, siteIds),
      (assignment) => assignment.siteId,
    ),
  };
}

export type CrosLoaders = ReturnType<typeof createCrosLoaders>;

export interface CrosContext extends RequestContext {
  db: DataSource;
  loaders: CrosLoaders;
}
