import { type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { listLoader, rowLoader } from '../shared/loaders';
import { entityColumns, type EntityColumns } from '../shared/raw-rows';
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

/** An engagement as the lists of engagements serve it: with its CRO, read in the same statement. */
export type EngagementRow = EngagementEntity & { cro: CroEntity };

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
 * Which of an engagement's lists the fetch asking for engagements wants, read in the engagements'
 * own statement (one for a parent and its children) rather than by their loaders after it.
 */
export interface EngagementLists {
  /** Its RACI rows: responsibilities, responsibilityGaps and responsibilityConflicts all read them. */
  responsibilities: boolean;
  kpis: boolean;
  /** All of them, whatever their status: the status argument filters in memory, as the loader's are. */
  actions: boolean;
}

/** The engagements under one CRO or trial, with the lists to read beside them (none when left out). */
export interface EngagementsOf {
  id: string;
  lists?: EngagementLists;
}

/**
 * The cros subgraph's loaders, made afresh for every request with its access policy: each list is
 * narrowed in its SQL to what the caller may see (see access.ts), one statement per batch, and
 * none at all for a caller who may see nothing of it.
 */
export function createCrosLoaders(db: DataSource, access: CrosAccess) {
  // CROs, engagements with their lists, and visits are read with explicit SQL (see shared/raw-rows.ts).
  const cro = entityColumns(db, CroEntity, 'cro');
  const engagement = entityColumns(db, EngagementEntity, 'engagement');
  const responsibility = entityColumns(db, ResponsibilityEntity, 'responsibility');
  const kpi = entityColumns(db, KpiAgreementEntity, 'kpi');
  const action = entityColumns(db, EngagementActionEntity, 'action');
  const visit = entityColumns(db, MonitoringVisitEntity, 'visit');

  const croById = rowLoader(
    async (ids: readonly string[]) => {
      const rows: Record<string, unknown>[] = await db.query(`SELECT ${cro.select} FROM ${cro.from} WHERE cro.id = ANY($1::text[])`, [ids]);
      return rows.map(cro.read);
    },
    (cro: CroEntity) => cro.id,
  );
  /**
   * One kind of an engagement's lists, unnarrowed (who reaches an engagement is checked where it is
   * served), in one order whichever way it is read: by its own loader, or as a column of its
   * engagement's row (JSON) read back into that loader, so the fields under the engagement send
   * nothing more.
   */
  function engagementList<T extends { engagementId: string }>(columns: EntityColumns<T>, alias: string, order: string | null) {
    const orderBy = order === null ? '' : ` ORDER BY ${order}`;
    const loader = listLoader(
      async (engagementIds: readonly string[]) => {
        const rows: Record<string, unknown>[] = await db.query(
          `SELECT ${columns.select} FROM ${columns.from} WHERE ${alias}.engagement_id = ANY($1::text[])${orderBy}`,
          [engagementIds],
        );
        return rows.map(columns.read);
      },
      (row: T) => row.engagementId,
    );
    return {
      loader,
      column: () => columns.jsonList({ where: `${alias}.engagement_id = engagement.id`, order: order ?? undefined }),
      keep: (engagementId: string, objects: Record<string, unknown>[]) => loader.prime(engagementId, objects.map(columns.readJson)),
    };
  }
  const nested = {
    // Served in activity order (raci.ts), so read in none.
    responsibilities: engagementList(responsibility, 'responsibility', null),
    kpis: engagementList(kpi, 'kpi', 'kpi.id ASC'),
    // Every action of the engagement: the status argument filters in memory, so OPEN and
    // RESOLVED asked side by side still cost one statement.
    actions: engagementList(action, 'action', 'action.raised_at ASC, action.id ASC'),
  };
  const responsibilitiesByEngagement = nested.responsibilities.loader;
  const kpisByEngagement = nested.kpis.loader;
  const actionsByEngagement = nested.actions.loader;
  /** The lists any of the batch's loads asks for. */
  const listsOf = (keys: readonly { lists?: EngagementLists }[]) =>
    (Object.keys(nested) as (keyof EngagementLists)[]).filter((list) => keys.some((key) => key.lists?.[list]));
  /** The SELECT list of engagements with their CRO and these lists: read back by `readEngagement`. */
  const engagementColumns = (lists: readonly (keyof EngagementLists)[]) =>
    [engagement.select, cro.select, ...lists.map((list) => `${nested[list].column()} AS "engagement.${list}"`)].join(', ');
  const readEngagement = (row: Record<string, unknown>, lists: readonly (keyof EngagementLists)[]) => {
    const read = { ...engagement.read(row), cro: cro.read(row) };
    croById.prime(read.croId, read.cro);
    for (const list of lists) nested[list].keep(read.id, row[`engagement.${list}`] as Record<string, unknown>[]);
    return read;
  };

  // Engagements (served with their CRO: one statement for both) and visits are narrowed by the
  // policy's own condition.
  /** The caller's rows of a list as SQL after `ids` ($1), or null when it sees none. */
  const narrowedTo = (list: 'engagements' | 'monitoringVisits') => {
    const narrowing = access.listCondition(list, '$2');
    if (narrowing === null) return null;
    return narrowing.condition === null
      ? { and: '', parameters: [] }
      : { and: ` AND ${narrowing.condition}`, parameters: [narrowing.callerOrgId] };
  };
  const engagementsWhere = async (column: 'cro_id' | 'trial_id', keys: readonly EngagementsOf[]) => {
    const narrowing = narrowedTo('engagements');
    if (narrowing === null) return [];
    const lists = listsOf(keys);
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${engagementColumns(lists)} FROM ${engagement.from} JOIN ${cro.from} ON cro.id = engagement.cro_id
        WHERE engagement.${column} = ANY($1::text[])${narrowing.and}
        ORDER BY engagement.starts_on ASC, engagement.id ASC`,
      [keys.map((key) => key.id), ...narrowing.parameters],
    );
    return rows.map((row) => readEngagement(row, lists));
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

  // Cached by CRO id alone, whatever lists a load asks for: a list asked after its engagements were
  // read without it is read by its own loader. The cache is kept at hand for engagementsByTrial.
  const engagementsByCroCache = new Map<unknown, Promise<EngagementRow[]>>();
  const engagementsByCro = listLoader(
    (keys: readonly EngagementsOf[]) => engagementsWhere('cro_id', keys),
    (engagement): EngagementsOf => ({ id: engagement.croId }),
    (key) => key.id,
    engagementsByCroCache,
  );
  const engagementsByTrial = listLoader(
    async (keys: readonly EngagementsOf[]) => {
      // A CRO sees its own engagements and no other (access.ts), so its engagements on these trials
      // are its engagements read already, those on the trials kept: the same rows in the same order
      // (both lists are ordered by start and id). The sponsors subgraph's check of which trials a
      // CRO is engaged on then costs nothing after the CRO's portfolio. Only for loads asking none
      // of the lists, which the rows read already may not carry.
      const onlyOf = access.seesOnlyEngagementsOf();
      const known = onlyOf === null || listsOf(keys).length > 0 ? undefined : engagementsByCroCache.get(onlyOf);
      if (known) {
        const trialIds = new Set(keys.map((key) => key.id));
        return (await known).filter((engagement) => trialIds.has(engagement.trialId));
      }
      return engagementsWhere('trial_id', keys);
    },
    (engagement): EngagementsOf => ({ id: engagement.trialId }),
    (key) => key.id,
  );
  // A CRO asked for with its engagements: both in one statement, the engagements narrowed as
  // engagementsByCro narrows them (in the join, so a CRO the caller sees none of is still read).
  const croWithEngagements = rowLoader(
    async (keys: readonly EngagementsOf[]) => {
      const narrowing = narrowedTo('engagements');
      if (narrowing === null) {
        const found = await Promise.all(keys.map((key) => croById.load(key.id)));
        return found.filter((row): row is CroEntity => row !== null);
      }
      const lists = listsOf(keys);
      const rows: Record<string, unknown>[] = await db.query(
        `SELECT ${engagementColumns(lists)} FROM ${cro.from} LEFT JOIN ${engagement.from} ON engagement.cro_id = cro.id${narrowing.and}
          WHERE cro.id = ANY($1::text[])
          ORDER BY engagement.starts_on ASC, engagement.id ASC`,
        [keys.map((key) => key.id), ...narrowing.parameters],
      );
      const cros = new Map<string, { cro: CroEntity; engagements: EngagementRow[] }>();
      for (const row of rows) {
        const id = row['cro.id'] as string;
        let found = cros.get(id);
        if (!found) cros.set(id, (found = { cro: cro.read(row), engagements: [] }));
        if (row['engagement.id'] !== null) found.engagements.push(readEngagement(row, lists));
      }
      for (const { cro: found, engagements } of cros.values()) {
        croById.prime(found.id, found);
        engagementsByCro.prime({ id: found.id }, engagements);
      }
      return [...cros.values()].map((found) => found.cro);
    },
    (cro): EngagementsOf => ({ id: cro.id }),
    (key) => key.id,
  );

  return {
    croById,
    croWithEngagements,
    // Unnarrowed: who reaches an engagement through a field is checked where it is served. Read
    // with its CRO, as the lists of engagements are.
    engagementById: rowLoader(
      async (ids: readonly string[]) => {
        const rows: Record<string, unknown>[] = await db.query(
          `SELECT ${engagementColumns([])} FROM ${engagement.from} JOIN ${cro.from} ON cro.id = engagement.cro_id
            WHERE engagement.id = ANY($1::text[])`,
          [ids],
        );
        return rows.map((row) => readEngagement(row, []));
      },
      (engagement) => engagement.id,
    ),
    engagementsByCro,
    engagementsByTrial,
    responsibilitiesByEngagement,
    kpisByEngagement,
    actionsByEngagement,
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
