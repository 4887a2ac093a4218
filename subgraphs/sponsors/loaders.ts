import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { listLoader, rowLoader } from '../shared/loaders';
import { entityColumns } from '../shared/raw-rows';
import {
  InvestmentEntity,
  PartnershipEntity,
  PipelineProgramEntity,
  PipelineShareEntity,
  ProtocolFeedbackEntity,
  ProtocolVersionEntity,
  ReviewInvitationEntity,
  SponsorEntity,
  TrialEntity,
  TrialSiteEntity,
} from './entities';
import type { RequestContext } from '../shared/subgraph-service';
import { ACCEPTED_BY_SITE, type SponsorsAccess } from './access';

/** A sponsor and a site: what a partnership's trials, feedback and measures are looked up by. */
export interface SponsorAtSite {
  sponsorId: string;
  siteId: string;
}

const sponsorAtSiteKey = (key: SponsorAtSite) => `${key.sponsorId}\u0000${key.siteId}`;

/** The pairs as two parallel arrays, so any number of them is two parameters of one statement. */
function pairParameters(keys: readonly SponsorAtSite[]) {
  return { sponsorIds: keys.map((key) => key.sponsorId), siteIds: keys.map((key) => key.siteId) };
}
const sponsorAtSiteFilter = (siteColumn: string) =>
  `(trial.sponsor_id, ${siteColumn}) IN (SELECT * FROM unnest(CAST(:sponsorIds AS text[]), CAST(:siteIds AS text[])))`;

/** Median of respondedAt − raisedAt in days over the answered feedback in each group. */
const MEDIAN_RESPONSE_DAYS =
  'percentile_cont(0.5) WITHIN GROUP (ORDER BY (extract(epoch FROM feedback.responded_at - feedback.raised_at) / 86400)::float8)';

/** The lists under a trial that a fetch asks for with it. */
export interface TrialLists {
  protocolVersions: boolean;
  sites: boolean;
}

/** The lists under a sponsor that a fetch asks for with it: its pipeline (and whom each programme is shared with), its trials (and the feedback on each). */
export interface SponsorLists {
  pipeline: boolean;
  pipelineShares: boolean;
  trials: boolean;
  feedback: boolean;
}

/**
 * The lists at a site that a fetch asks for with it: its partnerships (and under each its trials
 * at the site, its median feedback response time, its investments) and the pipeline shared with it.
 */
export interface SiteLists {
  partnerships: boolean;
  partnershipTrials: boolean;
  partnershipMedians: boolean;
  investments: boolean;
  sharedPipeline: boolean;
}

/** A parent asked for by its key, with the lists under it that the fetch asks for. */
export interface Asked<L> {
  key: string;
  lists: L;
}

const askedKey = ({ key, lists }: Asked<object>) => [key, ...Object.values(lists)].join('\u0000');

/**
 * A loader of parents each read with the lists a fetch asks under it, in one statement per batch
 * (holding the lists any parent of the batch is asked with); asked again in the request with the
 * same lists, it reads nothing.
 */
function withListsLoader<L extends { [list in keyof L]: boolean }, V>(read: (keys: string[], lists: L) => Promise<Map<string, V>>) {
  return new DataLoader<Asked<L>, V | null, string>(
    async (asked) => {
      const names = Object.keys(asked[0].lists) as (keyof L)[];
      const lists = Object.fromEntries(names.map((list) => [list, asked.some((one) => one.lists[list])])) as L;
      const found = await read([...new Set(asked.map((one) => one.key))], lists);
      return asked.map((one) => found.get(one.key) ?? null);
    },
    { cacheKeyFn: askedKey },
  );
}

/**
 * How the request's policy narrows the lists at a site in SQL (SponsorsAccess.atSiteCondition), and
 * what of the caller's relationship to a trial it asks of this database, read with the trial.
 */
type Narrowing = Pick<SponsorsAccess, 'atSiteCondition' | 'relationshipCondition' | 'related'>;

/** The sponsors subgraph's loaders, made afresh for every request; some lists are narrowed by the request's policy. */
export function createSponsorsLoaders(db: DataSource, { atSiteCondition, relationshipCondition, related }: Narrowing) {
  // The loaders every flagship operation runs read explicit SQL (see shared/raw-rows.ts).
  const sponsor = entityColumns(db, SponsorEntity, 'sponsor');
  const trial = entityColumns(db, TrialEntity, 'trial');
  const trialSite = entityColumns(db, TrialSiteEntity, 'trialSite');
  const partnership = entityColumns(db, PartnershipEntity, 'partnership');
  const protocolVersion = entityColumns(db, ProtocolVersionEntity, 'protocolVersion');
  const rows = (sql: string, parameters: unknown[]): Promise<Record<string, unknown>[]> => db.query(sql, parameters);
  /**
   * Trials by one key with their sponsor, and the caller's relationship to each that the trial rule
   * would otherwise ask in a statement of its own (a site's taking part, say), told to the policy.
   */
  const trialsWithSponsor = async (column: 'id' | 'nct_id', keys: readonly string[], nested: string[] = []) => {
    const relationship = relationshipCondition('$2');
    const found = await rows(
      `SELECT ${[trial.select, sponsor.select, ...(relationship ? [`${relationship.condition} AS "callerRelated"`] : []), ...nested].join(', ')}
         FROM trials trial JOIN sponsors sponsor ON sponsor.id = trial.sponsor_id
        WHERE trial.${column} = ANY($1::text[])`,
      relationship ? [keys, relationship.callerOrgId] : [keys],
    );
    if (relationship) for (const row of found) related(row['trial.id'] as string, row.callerRelated as boolean);
    return { trials: knowTrials(found.map((row) => ({ ...trial.read(row), sponsor: sponsor.read(row) }))), rows: found };
  };

  const sponsorById = rowLoader(
    async (ids: readonly string[]) =>
      (await rows(`SELECT ${sponsor.select} FROM sponsors sponsor WHERE sponsor.id = ANY($1::text[])`, [ids])).map(sponsor.read),
    (sponsor) => sponsor.id,
  );
  // A trial is nearly always shown with its sponsor (who may see it depends on it): one statement for both.
  const trialById = rowLoader(async (ids: readonly string[]) => (await trialsWithSponsor('id', ids)).trials, (trial) => trial.id);
  const trialByNctId = rowLoader(async (nctIds: readonly string[]) => (await trialsWithSponsor('nct_id', nctIds)).trials, (trial) => trial.nctId);

  /** A trial loaded by one key, or joined into another list, is then known by both keys (and its sponsor, when joined). */
  function knowTrials(trials: TrialEntity[]): TrialEntity[] {
    for (const trial of trials) {
      trialById.prime(trial.id, trial);
      trialByNctId.prime(trial.nctId, trial);
      if (trial.sponsor) sponsorById.prime(trial.sponsorId, trial.sponsor);
    }
    return trials;
  }
  function knowSponsors(sponsors: (SponsorEntity | undefined)[]) {
    for (const sponsor of sponsors) if (sponsor) sponsorById.prime(sponsor.id, sponsor);
  }

  const trialsBySponsor = listLoader(
    async (sponsorIds: readonly string[]) =>
      knowTrials(
        (
          await rows(
            `SELECT ${trial.select} FROM trials trial WHERE trial.sponsor_id = ANY($1::text[]) ORDER BY trial.nct_id ASC, trial.id ASC`,
            [sponsorIds],
          )
        ).map(trial.read),
      ),
    (trial) => trial.sponsorId,
  );
  // A sponsor another subgraph refers to and asks the trials of (the insights subgraph asks the
  // calling sponsor's, for the table it suppresses over): its row and its trials in one statement,
  // each then known to sponsorById and trialsBySponsor. Its trials are in trialsBySponsor's order.
  const sponsorWithTrials = rowLoader(
    async (ids: readonly string[]) => {
      const found = await rows(
        `SELECT ${sponsor.select}, ${trial.select} FROM sponsors sponsor LEFT JOIN trials trial ON trial.sponsor_id = sponsor.id
          WHERE sponsor.id = ANY($1::text[]) ORDER BY trial.nct_id ASC, trial.id ASC`,
        [ids],
      );
      const sponsors = new Map<string, { sponsor: SponsorEntity; trials: TrialEntity[] }>();
      for (const row of found) {
        const id = row['sponsor.id'] as string;
        let entry = sponsors.get(id);
        if (!entry) sponsors.set(id, (entry = { sponsor: sponsor.read(row), trials: [] }));
        if (row['trial.id'] !== null) entry.trials.push(trial.read(row));
      }
      for (const { sponsor: known, trials } of sponsors.values()) {
        sponsorById.prime(known.id, known);
        trialsBySponsor.prime(known.id, knowTrials(trials));
      }
      return [...sponsors.values()].map((entry) => entry.sponsor);
    },
    (sponsor) => sponsor.id,
  );

  // A trial's lists in each loader's order: the same order where a trial's own statement nests them.
  const PROTOCOL_VERSION_ORDER = '"protocolVersion".version ASC';
  const TRIAL_SITE_ORDER = '"trialSite".selected_on ASC, "trialSite".id ASC';
  const protocolVersionsByTrial = listLoader(
    async (trialIds: readonly string[]) =>
      (
        await rows(
          `SELECT ${protocolVersion.select} FROM protocol_versions "protocolVersion"
            WHERE "protocolVersion".trial_id = ANY($1::text[]) ORDER BY ${PROTOCOL_VERSION_ORDER}`,
          [trialIds],
        )
      ).map(protocolVersion.read),
    (version) => version.trialId,
  );
  const trialSitesByTrial = listLoader(
    async (trialIds: readonly string[]) =>
      (
        await rows(
          `SELECT ${trialSite.select} FROM trial_sites "trialSite" WHERE "trialSite".trial_id = ANY($1::text[]) ORDER BY ${TRIAL_SITE_ORDER}`,
          [trialIds],
        )
      ).map(trialSite.read),
    (trialSite) => trialSite.trialId,
  );

  /**
   * Trials asked for by one key with the lists under them that the fetch asks for, in one statement
   * (the lists nested as JSON, see shared/raw-rows.ts): each trial is then known as trialById and
   * trialByNctId know it (with the caller's relationship to it), and each list to its own loader,
   * so the fields under the trials read nothing more. The lists are read whole, as their loaders
   * read them: the fields' rules still choose what of them the caller sees.
   */
  const trialsWithLists = (column: 'id' | 'nct_id') =>
    withListsLoader(async (keys: string[], lists: TrialLists) => {
      const nested = [
        lists.protocolVersions
          ? `${protocolVersion.jsonList({ where: '"protocolVersion".trial_id = trial.id', order: PROTOCOL_VERSION_ORDER })} AS "protocolVersions"`
          : null,
        lists.sites
          ? `${trialSite.jsonList({ where: '"trialSite".trial_id = trial.id', order: TRIAL_SITE_ORDER })} AS "sites"`
          : null,
      ].filter((list) => list !== null);
      const { trials, rows: found } = await trialsWithSponsor(column, keys, nested);
      found.forEach((row, i) => {
        const { id } = trials[i];
        if (lists.protocolVersions) protocolVersionsByTrial.prime(id, (row.protocolVersions as Record<string, unknown>[]).map(protocolVersion.readJson));
        if (lists.sites) trialSitesByTrial.prime(id, (row.sites as Record<string, unknown>[]).map(trialSite.readJson));
      });
      return new Map(trials.map((trial) => [column === 'id' ? trial.id : trial.nctId, trial]));
    });

  const pipelineProgram = entityColumns(db, PipelineProgramEntity, 'program');
  const pipelineShare = entityColumns(db, PipelineShareEntity, 'share');
  const protocolFeedback = entityColumns(db, ProtocolFeedbackEntity, 'feedback');
  /** Rows read as JSON, grouped by their parent's id in their order; a parent with none has an empty list. */
  const byParent = <T>(parentIds: string[], children: T[], parentOf: (child: T) => string) => {
    const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const child of children) groups.get(parentOf(child))?.push(child);
    return groups;
  };

  /**
   * Sponsors with the lists under them that the fetch asks for, in one statement, each list then
   * known to its own loader (as trialsWithLists does for trials). A list of lists (the shares of
   * each programme, the feedback on each trial) is read as one list over all the sponsor's
   * programmes or trials, in its loader's order, and grouped here. All are read whole, as their
   * loaders read them: the fields' rules choose what the caller sees. With the trials comes the
   * caller's relationship to each that the trial rule asks of this database, as trialsWithSponsor reads it.
   */
  const sponsorWithLists = withListsLoader(async (ids: string[], lists: SponsorLists) => {
    const relationship = relationshipCondition('$2');
    const nested = [
      lists.pipeline
        ? `${pipelineProgram.jsonList({ where: 'program.sponsor_id = sponsor.id', order: 'program.planned_start_quarter ASC, program.id ASC' })} AS "pipeline"`
        : null,
      lists.pipeline && lists.pipelineShares
        ? `${pipelineShare.jsonList({ join: 'JOIN pipeline_programs program ON program.id = share.program_id', where: 'program.sponsor_id = sponsor.id', order: 'share.site_id ASC' })} AS "pipelineShares"`
        : null,
      lists.trials
        ? `${trial.jsonList({ where: 'trial.sponsor_id = sponsor.id', order: 'trial.nct_id ASC, trial.id ASC' })} AS "trials"`
        : null,
      lists.trials && lists.feedback
        ? `${protocolFeedback.jsonList({ join: 'JOIN trials trial ON trial.id = feedback.trial_id', where: 'trial.sponsor_id = sponsor.id', order: 'feedback.raised_at ASC, feedback.id ASC' })} AS "feedback"`
        : null,
      // Which of the trials the caller has the relationship to that the trial rule asks of this database, as trialsWithSponsor reads it.
      lists.trials && relationship
        ? `(SELECT coalesce(json_agg(trial.id), '[]') FROM trials trial WHERE trial.sponsor_id = sponsor.id AND ${relationship.condition}) AS "relatedTrials"`
        : null,
    ].filter((list) => list !== null);
    const sponsors = new Map<string, SponsorEntity>();
    const sponsorRows = await rows(
      `SELECT ${[sponsor.select, ...nested].join(', ')} FROM sponsors sponsor WHERE sponsor.id = ANY($1::text[])`,
      lists.trials && relationship ? [ids, relationship.callerOrgId] : [ids],
    );
    for (const row of sponsorRows) {
      const found = sponsor.read(row);
      sponsors.set(found.id, found);
      sponsorById.prime(found.id, found);
      const json = (list: string) => row[list] as Record<string, unknown>[];
      if (lists.pipeline) {
        const programs = json('pipeline').map(pipelineProgram.readJson);
        loaders.pipelineBySponsor.prime(found.id, programs);
        if (lists.pipelineShares) {
          const shares = byParent(programs.map((program) => program.id), json('pipelineShares').map(pipelineShare.readJson), (share) => share.programId);
          for (const [programId, ofProgram] of shares) loaders.pipelineSharesByProgram.prime(programId, ofProgram);
        }
      }
      if (lists.trials) {
        const trials = knowTrials(json('trials').map(trial.readJson));
        trialsBySponsor.prime(found.id, trials);
        if (relationship) {
          const relatedTrials = new Set(json('relatedTrials') as unknown as string[]);
          for (const { id } of trials) related(id, relatedTrials.has(id));
        }
        if (lists.feedback) {
          const feedback = byParent(trials.map((trial) => trial.id), json('feedback').map(protocolFeedback.readJson), (item) => item.trialId);
          for (const [trialId, onTrial] of feedback) loaders.feedbackByTrial.prime(trialId, onTrial);
        }
      }
    }
    return sponsors;
  });

  /**
   * The lists at each site that the fetch asks for, in one statement for all the sites (the lists
   * nested as JSON, see shared/raw-rows.ts), each then known to its own loader, so the fields at
   * the sites read nothing more. Each list is read as its own loader reads it: the partnerships
   * accepted by the site and narrowed by the policy as partnershipsBySite narrows them, in each
   * loader's order. An investment's amount is numeric, which its entity reads through a
   * transformer: it comes as text and is made a number here, as the transformer does.
   */
  const siteListsBySite = new DataLoader<Asked<SiteLists>, true, string>(
    async (asked) => {
      const lists = (list: keyof SiteLists) => asked.some((site) => site.lists[list]);
      const parameters: unknown[] = [[...new Set(asked.map((site) => site.key))]];
      const parameter = (value: unknown) => `$${parameters.push(value)}`;
      // Each site's partnerships and shared pipeline only where they are asked of it (by a caller who may see them).
      const sitesAsking = (list: 'partnerships' | 'sharedPipeline') => [...new Set(asked.filter((site) => site.lists[list]).map((site) => site.key))];
      const narrowing = lists('partnerships') ? atSiteCondition('partnershipsOfSite', `$${parameters.length + 1}`) : null;
      if (narrowing) parameter(narrowing.callerOrgId);
      const underPartnership = [
        lists('partnershipTrials')
          ? `'trials', (SELECT coalesce(json_agg(json_build_object('trialSite', ${trialSite.json}, 'trial', ${trial.json}) ORDER BY ${TRIAL_SITE_ORDER}), '[]')
               FROM trial_sites "trialSite" JOIN trials trial ON trial.id = "trialSite".trial_id
              WHERE "trialSite".site_id = partnership.site_id AND trial.sponsor_id = partnership.sponsor_id)`
          : null,
        lists('partnershipMedians')
          ? `'medianDays', (SELECT ${MEDIAN_RESPONSE_DAYS} FROM protocol_feedback feedback JOIN trials trial ON trial.id = feedback.trial_id
              WHERE feedback.responded_at IS NOT NULL AND trial.sponsor_id = partnership.sponsor_id AND feedback.site_id = partnership.site_id)`
          : null,
        lists('investments')
          ? `'investments', (SELECT coalesce(json_agg(json_build_object('id', investment.id, 'partnershipId', investment.partnership_id,
                'kind', investment.kind, 'description', investment.description, 'amount', investment.amount::text, 'currency', investment.currency,
                'reusableBeyondTrial', investment.reusable_beyond_trial, 'investedOn', investment.invested_on) ORDER BY investment.invested_on ASC, investment.id ASC), '[]')
               FROM investments investment WHERE investment.partnership_id = partnership.id)`
          : null,
      ].filter((list) => list !== null);
      const nested = [
        lists('partnerships')
          ? `(SELECT coalesce(json_agg(json_build_object(${["'partnership', " + partnership.json, "'sponsor', " + sponsor.json, ...underPartnership].join(', ')})
                ORDER BY partnership.since ASC, partnership.id ASC), '[]')
               FROM partnerships partnership JOIN sponsors sponsor ON sponsor.id = partnership.sponsor_id
              WHERE site.id = ANY(${parameter(sitesAsking('partnerships'))}::text[]) AND partnership.site_id = site.id AND ${ACCEPTED_BY_SITE}${narrowing ? ` AND ${narrowing.condition}` : ''}) AS "partnerships"`
          : null,
        lists('sharedPipeline')
          ? `(SELECT coalesce(json_agg(json_build_object('share', ${pipelineShare.json}, 'program', ${pipelineProgram.json}, 'sponsor', ${sponsor.json})
                ORDER BY program.planned_start_quarter ASC, program.id ASC), '[]')
               FROM pipeline_shares share JOIN pipeline_programs program ON program.id = share.program_id JOIN sponsors sponsor ON sponsor.id = program.sponsor_id
              WHERE site.id = ANY(${parameter(sitesAsking('sharedPipeline'))}::text[]) AND share.site_id = site.id) AS "sharedPipeline"`
          : null,
      ].filter((list) => list !== null);
      const found = await rows(
        `SELECT site.id, ${nested.join(', ')} FROM unnest($1::text[]) AS site(id)`,
        parameters,
      );
      type Json = Record<string, unknown>;
      const partnershipsAsked = new Set(sitesAsking('partnerships'));
      const pipelineAsked = new Set(sitesAsking('sharedPipeline'));
      for (const row of found) {
        const siteId = row.id as string;
        if (partnershipsAsked.has(siteId)) {
          const read = (row.partnerships as Json[]).map((object) => ({
            partnership: { ...partnership.readJson(object.partnership as Json), sponsor: sponsor.readJson(object.sponsor as Json) },
            object,
          }));
          loaders.partnershipsBySite.prime(siteId, read.map((item) => item.partnership));
          knowSponsors(read.map((item) => item.partnership.sponsor));
          for (const { partnership: known, object } of read) {
            const atSite = { sponsorId: known.sponsorId, siteId: known.siteId };
            if (lists('partnershipTrials')) {
              loaders.trialSitesBySponsorAtSite.prime(
                atSite,
                (object.trials as Json[]).map((item) => ({ ...trialSite.readJson(item.trialSite as Json), trial: trial.readJson(item.trial as Json) })),
              );
            }
            if (lists('partnershipMedians')) {
              loaders.medianResponseDaysBySponsorAtSite.prime(atSite, object.medianDays === null ? null : { ...atSite, days: object.medianDays as number });
            }
            if (lists('investments')) {
              loaders.investmentsByPartnership.prime(
                known.id,
                (object.investments as Json[]).map((item) => ({ ...item, amount: Number(item.amount) }) as unknown as InvestmentEntity),
              );
            }
          }
        }
        if (pipelineAsked.has(siteId)) {
          const shares = (row.sharedPipeline as Json[]).map((object) => ({
            ...pipelineShare.readJson(object.share as Json),
            program: { ...pipelineProgram.readJson(object.program as Json), sponsor: sponsor.readJson(object.sponsor as Json) },
          }));
          loaders.pipelineSharedWithSite.prime(siteId, shares);
          knowSponsors(shares.map((share) => share.program.sponsor));
        }
      }
      return asked.map(() => true as const);
    },
    { cacheKeyFn: askedKey },
  );

  const trialSites = () => db.getRepository(TrialSiteEntity).createQueryBuilder('trialSite');
  const feedback = () => db.getRepository(ProtocolFeedbackEntity).createQueryBuilder('feedback');

  const loaders = {
    sponsorById,
    trialById,
    trialByNctId,
    knowTrials,
    knowSponsors,

    trialsBySponsor,
    sponsorWithTrials,
    sponsorWithLists,
    siteListsBySite,
    protocolVersionsByTrial,
    trialSitesByTrial,
    trialWithListsById: trialsWithLists('id'),
    trialWithListsByNctId: trialsWithLists('nct_id'),
    // A site's trials are nearly always asked with the trial and its sponsor: one statement for all
    // three, holding only the rows the caller may see when the policy can say so in SQL.
    trialSitesBySite: listLoader(
      async (siteIds: readonly string[]) => {
        const narrowing = atSiteCondition('trialsAtSite', '$2');
        const found = await rows(
          `SELECT ${trialSite.select}, ${trial.select}, ${sponsor.select}
             FROM trial_sites "trialSite"
             JOIN trials trial ON trial.id = "trialSite".trial_id
             JOIN sponsors sponsor ON sponsor.id = trial.sponsor_id
            WHERE "trialSite".site_id = ANY($1::text[])${narrowing ? ` AND ${narrowing.condition}` : ''}
            ORDER BY "trialSite".selected_on ASC, "trialSite".id ASC`,
          narrowing ? [siteIds, narrowing.callerOrgId] : [siteIds],
        );
        const read = found.map((row) => ({ ...trialSite.read(row), trial: { ...trial.read(row), sponsor: sponsor.read(row) } }));
        knowTrials(read.map((row) => row.trial));
        return read;
      },
      (trialSite) => trialSite.siteId,
    ),
    // Its trials are joined for their sponsor (the key), not made known to trialById: the gateway
    // may ask this request's trials in a fetch running beside this one, and whether that fetch found
    // them primed would depend on which finished first, so a request's statements would vary run to run.
    trialSitesBySponsorAtSite: listLoader(
      (keys: readonly SponsorAtSite[]) =>
        trialSites()
          .innerJoinAndSelect('trialSite.trial', 'trial')
          .where(sponsorAtSiteFilter('trialSite.site_id'), pairParameters(keys))
          .orderBy('trialSite.selectedOn', 'ASC')
          .addOrderBy('trialSite.id', 'ASC')
          .getMany(),
      (trialSite): SponsorAtSite => ({ sponsorId: trialSite.trial!.sponsorId, siteId: trialSite.siteId }),
      sponsorAtSiteKey,
    ),

    partnershipsBySponsor: listLoader(
      (sponsorIds: readonly string[]) =>
        db
          .getRepository(PartnershipEntity)
          .createQueryBuilder('partnership')
          .where('partnership.sponsor_id = ANY(:sponsorIds)', { sponsorIds })
          .andWhere(ACCEPTED_BY_SITE)
          .orderBy('partnership.since', 'ASC')
          .addOrderBy('partnership.id', 'ASC')
          .getMany(),
      (partnership) => partnership.sponsorId,
    ),
    partnershipsBySite: listLoader(
      async (siteIds: readonly string[]) => {
        const narrowing = atSiteCondition('partnershipsOfSite', '$2');
        const found = await rows(
          `SELECT ${partnership.select}, ${sponsor.select}
             FROM partnerships partnership JOIN sponsors sponsor ON sponsor.id = partnership.sponsor_id
            WHERE partnership.site_id = ANY($1::text[]) AND ${ACCEPTED_BY_SITE}${narrowing ? ` AND ${narrowing.condition}` : ''}
            ORDER BY partnership.since ASC, partnership.id ASC`,
          narrowing ? [siteIds, narrowing.callerOrgId] : [siteIds],
        );
        const read = found.map((row) => ({ ...partnership.read(row), sponsor: sponsor.read(row) }));
        knowSponsors(read.map((row) => row.sponsor));
        return read;
      },
      (partnership) => partnership.siteId,
    ),
    investmentsByPartnership: listLoader(
      (partnershipIds: readonly string[]) =>
        db.getRepository(InvestmentEntity).find({
          where: { partnershipId: In([...partnershipIds]) },
          order: { investedOn: 'ASC', id: 'ASC' },
        }),
      (investment) => investment.partnershipId,
    ),

    pipelineBySponsor: listLoader(
      (sponsorIds: readonly string[]) =>
        db.getRepository(PipelineProgramEntity).find({
          where: { sponsorId: In([...sponsorIds]) },
          order: { plannedStartQuarter: 'ASC', id: 'ASC' },
        }),
      (program) => program.sponsorId,
    ),
    pipelineSharesByProgram: listLoader(
      (programIds: readonly string[]) =>
        db.getRepository(PipelineShareEntity).find({
          where: { programId: In([...programIds]) },
          order: { siteId: 'ASC' },
        }),
      (share) => share.programId,
    ),
    // Programmes shared with a site, each with its programme and sponsor, in one statement.
    pipelineSharedWithSite: listLoader(
      async (siteIds: readonly string[]) => {
        const rows = await db
          .getRepository(PipelineShareEntity)
          .createQueryBuilder('share')
          .innerJoinAndSelect('share.program', 'program')
          .innerJoinAndSelect('program.sponsor', 'sponsor')
          .where('share.site_id = ANY(:siteIds)', { siteIds })
          .orderBy('program.plannedStartQuarter', 'ASC')
          .addOrderBy('program.id', 'ASC')
          .getMany();
        knowSponsors(rows.map((row) => row.program!.sponsor));
        return rows;
      },
      (share) => share.siteId,
    ),

    reviewInvitationsByTrial: listLoader(
      (trialIds: readonly string[]) =>
        db.getRepository(ReviewInvitationEntity).find({
          where: { trialId: In([...trialIds]) },
          order: { invitedOn: 'ASC', advocacyGroupId: 'ASC' },
        }),
      (invitation) => invitation.trialId,
    ),

    feedbackByTrial: listLoader(
      (trialIds: readonly string[]) =>
        db.getRepository(ProtocolFeedbackEntity).find({
          where: { trialId: In([...trialIds]) },
          order: { raisedAt: 'ASC', id: 'ASC' },
        }),
      (item) => item.trialId,
    ),
    feedbackBySponsorAtSite: listLoader(
      async (keys: readonly SponsorAtSite[]) => {
        const rows = await feedback()
          .innerJoinAndSelect('feedback.trial', 'trial')
          .where(sponsorAtSiteFilter('feedback.site_id'), pairParameters(keys))
          .orderBy('feedback.raisedAt', 'ASC')
          .addOrderBy('feedback.id', 'ASC')
          .getMany();
        knowTrials(rows.map((row) => row.trial!));
        return rows;
      },
      (item): SponsorAtSite => ({ sponsorId: item.trial!.sponsorId, siteId: item.siteId }),
      sponsorAtSiteKey,
    ),

    // Medians are aggregated in SQL: only the one figure per parent leaves the database.
    medianResponseDaysBySponsor: rowLoader(
      (sponsorIds: readonly string[]): Promise<{ sponsorId: string; days: number }[]> =>
        db.query(
          `SELECT trial.sponsor_id AS "sponsorId", ${MEDIAN_RESPONSE_DAYS} AS days
             FROM protocol_feedback feedback JOIN trials trial ON trial.id = feedback.trial_id
            WHERE feedback.responded_at IS NOT NULL AND trial.sponsor_id = ANY($1)
            GROUP BY trial.sponsor_id`,
          [sponsorIds],
        ),
      (row) => row.sponsorId,
    ),
    medianResponseDaysBySponsorAtSite: rowLoader(
      (keys: readonly SponsorAtSite[]): Promise<(SponsorAtSite & { days: number })[]> => {
        const { sponsorIds, siteIds } = pairParameters(keys);
        return db.query(
          `SELECT trial.sponsor_id AS "sponsorId", feedback.site_id AS "siteId", ${MEDIAN_RESPONSE_DAYS} AS days
             FROM protocol_feedback feedback JOIN trials trial ON trial.id = feedback.trial_id
            WHERE feedback.responded_at IS NOT NULL
              AND (trial.sponsor_id, feedback.site_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            GROUP BY trial.sponsor_id, feedback.site_id`,
          [sponsorIds, siteIds],
        );
      },
      (row): SponsorAtSite => ({ sponsorId: row.sponsorId, siteId: row.siteId }),
      sponsorAtSiteKey,
    ),
  };
  return loaders;
}

export type SponsorsLoaders = ReturnType<typeof createSponsorsLoaders>;

export interface SponsorsContext extends RequestContext {
  db: DataSource;
  loaders: SponsorsLoaders;
  /** What this request's caller may see: see access.ts. */
  access: SponsorsAccess;
  /** The calendar date open-ended measures are taken on: one per request, so all fields agree. */
  today: string;
}

