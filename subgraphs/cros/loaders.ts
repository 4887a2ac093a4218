import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { listLoader, rowLoader } from '../shared/loaders';
import { entityColumns } from '../shared/raw-rows';
import type { PeerClient } from '../shared/peers';
import type { RequestContext } from '../shared/subgraph-service';
import type { CrosAccess } from './access';
import type { TrialClosedOn } from './measures';
import {
  CroEntity,
  EngagementActionEntity,
  EngagementEntity,
  KpiAgreementEntity,
  MonitoringVisitEntity,
  ResponsibilityEntity,
  StaffAssignmentEntity,
} from './entities';

/** An assignment with its handover overlap, computed by the query that loads it. */
export type StaffAssignmentRow = StaffAssignmentEntity & { handoverOverlapDays: number | null };

// The predecessor is the same CRO's assignment in the same site, trial and role that started latest
// before this one (ties on the start date broken by id). Overlap = predecessor's end (today while it
// is still open) − this start, in days; negative when the site was left uncovered; null when the CRO
// has no earlier assignment there (rule handover-own-assignments): another CRO's assignments are
// never measured against, so the figure tells no CRO when another's monitor left. A subquery
// rather than a window over the rows loaded, so the measure of an assignment is the same for every
// caller who sees it (the site, its CRO, its sponsor).
const HANDOVER_OVERLAP_DAYS = `(SELECT coalesce(predecessor.ended_on, CURRENT_DATE) - assignment.started_on
  FROM staff_assignments predecessor
  WHERE predecessor.cro_id = assignment.cro_id
    AND predecessor.site_id = assignment.site_id AND predecessor.trial_id = assignment.trial_id
    AND predecessor.role = assignment.role
    AND (predecessor.started_on, predecessor.id) < (assignment.started_on, assignment.id)
  ORDER BY predecessor.started_on DESC, predecessor.id DESC LIMIT 1)`;

/** Assignments (alias `assignment`) with their handover overlap, to narrow and run. */
export function staffAssignmentsQuery(manager: EntityManager) {
  return manager
    .getRepository(StaffAssignmentEntity)
    .createQueryBuilder('assignment')
    .addSelect(HANDOVER_OVERLAP_DAYS, 'handover_overlap_days')
    .orderBy('assignment.started_on', 'ASC')
    .addOrderBy('assignment.id', 'ASC');
}

/** Runs an assignments query in one statement and attaches each row's overlap. */
export async function loadStaffAssignments(query: SelectQueryBuilder<StaffAssignmentEntity>): Promise<StaffAssignmentRow[]> {
  const { entities, raw } = await query.getRawAndEntities<{ assignment_id: string; handover_overlap_days: number | null }>();
  const overlapById = new Map(raw.map((row) => [row.assignment_id, row.handover_overlap_days]));
  return entities.map((assignment) =>
    Object.assign(assignment, { handoverOverlapDays: overlapById.get(assignment.id) ?? null }),
  );
}

/**
 * The cros subgraph's loaders, made afresh for every request with its access policy: each list is
 * narrowed in its SQL to what the caller may see (see access.ts), one statement per batch, and
 * none at all for a caller who may see nothing of it.
 */
export function createCrosLoaders(db: DataSource, access: CrosAccess) {
  const croById = rowLoader(
    (ids: readonly string[]) => db.getRepository(CroEntity).findBy({ id: In([...ids]) }),
    (cro: CroEntity) => cro.id,
  );
  // Engagements (served with their CRO: one statement for both) and visits read explicit SQL,
  // narrowed by the policy's own condition, as every flagship operation reads them (see shared/raw-rows.ts).
  const engagement = entityColumns(db, EngagementEntity, 'engagement');
  const cro = entityColumns(db, CroEntity, 'cro');
  const visit = entityColumns(db, MonitoringVisitEntity, 'visit');
  /** The caller's rows of a list as SQL after `ids` ($1), or null when it sees none. */
  const narrowedTo = (list: 'engagements' | 'monitoringVisits') => {
    const narrowing = access.listCondition(list, '$2');
    if (narrowing === null) return null;
    return narrowing.condition === null
      ? { and: '', parameters: [] }
      : { and: ` AND ${narrowing.condition}`, parameters: [narrowing.callerOrgId] };
  };
  const engagementsWhere = async (column: 'cro_id' | 'trial_id', ids: readonly string[]) => {
    const narrowing = narrowedTo('engagements');
    if (narrowing === null) return [];
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${engagement.select}, ${cro.select} FROM ${engagement.from} JOIN ${cro.from} ON cro.id = engagement.cro_id
        WHERE engagement.${column} = ANY($1::text[])${narrowing.and}
        ORDER BY engagement.starts_on ASC, engagement.id ASC`,
      [ids, ...narrowing.parameters],
    );
    const engagements = rows.map((row) => ({ ...engagement.read(row), cro: cro.read(row) }));
    for (const { croId, cro } of engagements) croById.prime(croId, cro);
    return engagements;
  };
  const visitsWhere = async (column: 'engagement_id' | 'site_id', ids: readonly string[]) => {
    const narrowing = narrowedTo('monitoringVisits');
    if (narrowing === null) return [];
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${visit.select} FROM ${visit.from} JOIN ${engagement.from} ON engagement.id = visit.engagement_id
        WHERE visit.${column} = ANY($1::text[])${narrowing.and}
        ORDER BY visit.visited_on ASC, visit.id ASC`,
      [ids, ...narrowing.parameters],
    );
    return rows.map(visit.read);
  };
  const assignmentsWhere = async (column: 'site_id' | 'trial_id', ids: readonly string[]) => {
    const query = await access.narrow(
      'staffAssignments',
      staffAssignmentsQuery(db.manager).where(`assignment.${column} IN (:...ids)`, { ids: [...ids] }),
    );
    return query ? loadStaffAssignments(query) : [];
  };

  return {
    croById,
    // Unnarrowed: who reaches an engagement through a field is checked where it is served.
    engagementById: rowLoader(
      (ids: readonly string[]) => db.getRepository(EngagementEntity).findBy({ id: In([...ids]) }),
      (engagement) => engagement.id,
    ),
    engagementsByCro: listLoader(
      (croIds: readonly string[]) => engagementsWhere('cro_id', croIds),
      (engagement) => engagement.croId,
    ),
    engagementsByTrial: listLoader(
      (trialIds: readonly string[]) => engagementsWhere('trial_id', trialIds),
      (engagement) => engagement.trialId,
    ),
    // Read with explicit SQL, as TrialOverview reads them for every engagement (see shared/raw-rows.ts);
    // served in activity order (raci.ts), so read in none.
    responsibilitiesByEngagement: listLoader(
      async (engagementIds: readonly string[]) => {
        const responsibility = entityColumns(db, ResponsibilityEntity, 'responsibility');
        const rows: Record<string, unknown>[] = await db.query(
          `SELECT ${responsibility.select} FROM ${responsibility.from} WHERE responsibility.engagement_id = ANY($1::text[])`,
          [engagementIds],
        );
        return rows.map(responsibility.read);
      },
      (responsibility) => responsibility.engagementId,
    ),
    kpisByEngagement: listLoader(
      async (engagementIds: readonly string[]) => {
        const kpi = entityColumns(db, KpiAgreementEntity, 'kpi');
        const rows: Record<string, unknown>[] = await db.query(
          `SELECT ${kpi.select} FROM ${kpi.from} WHERE kpi.engagement_id = ANY($1::text[]) ORDER BY kpi.id ASC`,
          [engagementIds],
        );
        return rows.map(kpi.read);
      },
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
      (engagementIds: readonly string[]) => visitsWhere('engagement_id', engagementIds),
      (visit) => visit.engagementId,
    ),
    monitoringVisitsBySite: listLoader(
      (siteIds: readonly string[]) => visitsWhere('site_id', siteIds),
      (visit) => visit.siteId,
    ),
    staffAssignmentsBySite: listLoader(
      (siteIds: readonly string[]) => assignmentsWhere('site_id', siteIds),
      (assignment) => assignment.siteId,
    ),
    staffAssignmentsByTrial: listLoader(
      (trialIds: readonly string[]) => assignmentsWhere('trial_id', trialIds),
      (assignment) => assignment.trialId,
    ),
  };
}

export type CrosLoaders = ReturnType<typeof createCrosLoaders>;

/** The CRO an engagement or assignment names: always there (a foreign key), so its absence is a fault. */
export async function croOf(loaders: CrosLoaders, croId: string): Promise<CroEntity> {
  const cro = await loaders.croById.load(croId);
  if (!cro) throw new Error(`CRO ${croId} is named by a row but not stored`);
  return cro;
}

export interface CrosContext extends RequestContext {
  db: DataSource;
  /** The request's read rules (access.ts): resolvers and loaders ask it and nothing else. */
  access: CrosAccess;
  loaders: CrosLoaders;
}

/** What the sponsors subgraph says of a site's trials: the day each closed there. */
const SITE_CLOSINGS = 'trials { trial { id } closedOn }';
interface SiteClosings {
  trials: { trial: { id: string }; closedOn: string | null }[];
}

/**
 * When each trial closed at these sites, asked of the sponsors subgraph (which owns TrialSite) as
 * the caller: one batched question per request, whatever the fields that ask, and forgotten with
 * the peers' other answers after a write. A site or trial the owner does not show the caller
 * answers null, as a trial not closed.
 */
export async function trialClosingsAt(peers: PeerClient, siteIds: readonly string[]): Promise<TrialClosedOn> {
  const ids = [...new Set(siteIds)];
  const sites = await peers.entities<SiteClosings>('sponsors', 'Site', SITE_CLOSINGS).loadMany(ids);
  const closings = new Map<string, string | null>();
  sites.forEach((site, i) => {
    if (site instanceof Error) throw site;
    for (const trialSite of site?.trials ?? []) closings.set(`${ids[i]}\u0000${trialSite.trial.id}`, trialSite.closedOn);
  });
  return (siteId, trialId) => closings.get(`${siteId}\u0000${trialId}`) ?? null;
}
