// Who sees what of the sponsors' data. A trial is for its sponsor, the sites taking part in it, the
// CROs engaged on it, the advocacy groups its sponsor invited to review it and platform admins; the
// rows under a trial, a sponsor or a site narrow further by what the caller is to them. Engagements
// are the cros subgraph's to say: those are asked of it, as the caller, through a per-request
// loader, so one check per batch crosses the wire. Sites and invitations are the sponsor's own
// records, so those checks stay here (and no group can invite itself by writing elsewhere).
import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { accessPolicy, actsFor, describeCaller, isPlatformAdmin, type AccessPolicy } from '../shared/access';
import { forbidden } from '../shared/errors';
import type { RequestContext } from '../shared/subgraph-service';
import type { PartnershipEntity, PipelineProgramEntity, TrialEntity } from './entities';
import type { SponsorsLoaders } from './loaders';

/** The names a refusal carries in extensions.rule. */
export const RULES = {
  /** A trial is seen by those in a relationship with it. */
  trialRelationship: 'trial-relationship',
  /** What only the sponsor itself (and platform admins) sees. */
  sponsorPrivate: 'sponsor-private',
  /** Trials, their sites, pipeline, investments and feedback responses are written by the trial's sponsor. */
  sponsorWritesOwnTrials: 'sponsor-writes-own-trials',
  /** Feedback on a protocol is raised by a site taking part in the trial. */
  feedbackFromTrialSites: 'feedback-from-trial-sites',
  /** A selection is answered (accepted or declined) by the site selected, and only by it. */
  siteAnswersOwnSelections: 'site-answers-own-selections',
} as const;

/**
 * The partnership of a sponsor and a site (alias `partnership`) counts only once the site has
 * accepted one of the sponsor's selections: a relationship takes both sides.
 */
export const ACCEPTED_BY_SITE = `EXISTS (SELECT 1 FROM trial_sites accepted JOIN trials accepted_trial ON accepted_trial.id = accepted.trial_id
  WHERE accepted.site_id = partnership.site_id AND accepted_trial.sponsor_id = partnership.sponsor_id AND accepted.site_response = 'ACCEPTED')`;

type TrialKey = Pick<TrialEntity, 'id' | 'sponsorId'>;
type SponsorKey = { id: string };
type SiteKey = { id: string };
type ProgramKey = Pick<PipelineProgramEntity, 'id' | 'sponsorId'>;

/**
 * What the caller may read. A list under a parent is asked twice: first whether the caller sees
 * any of it (`sitesOfTrial`, by its parent), so a caller who sees none of it costs no statement,
 * then row by row (`trialSite`) for the rows loaded.
 */
export type SponsorsRecords = {
  trial: TrialKey;
  /** A sponsor's own figures: its median feedback response time. */
  sponsorFigures: SponsorKey;
  /** A trial's or a programme's version: it moves when parts only the sponsor sees change. */
  trialVersion: TrialKey;
  programVersion: ProgramKey;

  sitesOfTrial: TrialKey;
  feedbackOnTrial: TrialKey;
  invitationsOfTrial: TrialKey;
  trialsAtSite: SiteKey;
  partnershipsOfSponsor: SponsorKey;
  partnershipsOfSite: SiteKey;
  pipelineOfSponsor: SponsorKey;
  pipelineSharedWithSite: SiteKey;
  sharesOfProgram: ProgramKey;

  /** A site's row in a trial, with the trial. */
  trialSite: { siteId: string; trial: TrialKey };
  /** Feedback a site raised on a trial. */
  feedback: { siteId: string; trial: TrialKey };
  /** An advocacy group's invitation to review a trial. */
  invitation: { advocacyGroupId: string; trial: TrialKey };
  partnership: Pick<PartnershipEntity, 'sponsorId' | 'siteId'>;
  pipelineProgram: ProgramKey;
  /** A programme's being shared with a site. */
  pipelineShare: { siteId: string; program: ProgramKey };
};

/**
 * The lists narrowed in SQL: the root list of trials, which has no parent to check in batches, and
 * the trials and partnerships at sites (`trialsAtSite`, `partnershipsOfSite`), where a sponsor sees
 * only its own rows: selecting those in SQL spares reading every other sponsor's (the per-row rule
 * still applies to what is loaded).
 */
export type SponsorsLists = 'trials' | 'trialsAtSite' | 'partnershipsOfSite';

/** The lists at a site, which a sponsor sees only its own rows of. */
export type ListsAtSite = 'trialsAtSite' | 'partnershipsOfSite';

/** The private records a caller asks for by id or key: a trial, by its id or its NCT id. */
export type SponsorsNamed = 'trial';

export interface SponsorsAccess extends AccessPolicy<SponsorsRecords, SponsorsLists, SponsorsNamed> {
  /**
   * The condition `narrow` adds to a list at a site, for a loader that writes its own SQL: over
   * `trial` (trialsAtSite) or `partnership` (partnershipsOfSite), with `callerParameter` standing
   * for the caller's organisation (`callerOrgId`); null when the list is not narrowed for this caller.
   */
  atSiteCondition(list: ListsAtSite, callerParameter: string): { condition: string; callerOrgId: string } | null;
  /**
   * The relationship to a trial that the trial rule asks of this database for the caller (a site
   * taking part in it, an advocacy group invited to review it), as a condition over `trial` with
   * `callerParameter` standing for the caller's organisation, for a loader to read with the trial
   * and hand back through `related`; null when the caller's rule asks nothing of this database.
   */
  relationshipCondition(callerParameter: string): { condition: string; callerOrgId: string } | null;
  /** What a loader read of the relationship relationshipCondition states, for the rule to use rather than ask again. */
  related(trialId: string, related: boolean): void;
  /**
   * `mayRead`'s answer as the rule gives it: at once when the rule needs nothing asked (most do),
   * a promise when it asks another party. readableRows checks a list and its rows with it, so a
   * page of sites' lists costs no promise per check (measured under issue 12).
   */
  check<K extends keyof SponsorsRecords & string>(what: K, record: SponsorsRecords[K]): boolean | Promise<boolean>;
}

/** What another subgraph says of a trial, as the caller sees it there. */
interface TrialEngagements {
  engagements: { id: string }[];
}

const CRO_TRIALS = 'query ($id: ID!) { cro(id: $id) { engagements { trial { id } } } }';

/** The rows of a list the caller may read, in their order: none loaded when it may read none of it. */
export async function readableRows<L extends keyof SponsorsRecords & string, R extends keyof SponsorsRecords & string, T>(
  access: SponsorsAccess,
  list: L,
  parent: SponsorsRecords[L],
  load: () => Promise<readonly T[]>,
  row: R,
  recordOf: (item: T) => SponsorsRecords[R],
): Promise<T[]> {
  const mayList = access.check(list, parent);
  if (!(typeof mayList === 'boolean' ? mayList : await mayList)) return [];
  const rows = await load();
  const answers = rows.map((item) => access.check(row, recordOf(item)));
  const seen = answers.every((answer) => typeof answer === 'boolean') ? answers : await Promise.all(answers);
  return rows.filter((_, i) => seen[i]);
}

/**
 * The sponsors subgraph's read rules for one request's caller. The programmes shared with a site
 * caller are read through the request's loader, so a list of them shown too costs no statement more.
 */
export function createSponsorsAccess(
  { caller, peers }: Pick<RequestContext, 'caller' | 'peers'>,
  db: DataSource,
  loaders: Pick<SponsorsLoaders, 'pipelineSharedWithSite'>,
): SponsorsAccess {
  const { party, orgId } = caller;
  const isAdmin = isPlatformAdmin(caller);
  const isSponsor = (sponsorId: string) => actsFor(caller, 'SPONSOR', sponsorId);
  const isSite = (siteId: string) => actsFor(caller, 'SITE', siteId);

  /** Which of the trials asked about have a row in `table` for the caller's organisation in `column`. */
  const callerHasRow = (table: string, column: string) => ({
    rows: new DataLoader<string, boolean>(async (trialIds) => {
      const rows: { trialId: string }[] = await db.query(
        `SELECT DISTINCT trial_id AS "trialId" FROM ${table} WHERE ${column} = $1 AND trial_id = ANY($2)`,
        [orgId, trialIds],
      );
      const related = new Set(rows.map((row) => row.trialId));
      return trialIds.map((id) => related.has(id));
    }),
    // The same question asked of one trial inside a statement that reads it.
    condition: (callerParameter: string) => `EXISTS (SELECT 1 FROM ${table} WHERE ${table}.trial_id = trial.id AND ${table}.${column} = ${callerParameter})`,
  });
  // For a site: the trials it takes part in. For an advocacy group: the trials it was invited to review.
  const takesPartIn = callerHasRow('trial_sites', 'site_id');
  const invitedToReviewIn = callerHasRow('review_invitations', 'advocacy_group_id');
  const takesPart = takesPartIn.rows;
  const invitedToReview = invitedToReviewIn.rows;
  const askedHere = party === 'SITE' ? takesPartIn : party === 'PATIENT_ADVOCATE' ? invitedToReviewIn : null;

  async function engagedOn(trialId: string): Promise<boolean> {
    const trial = await peers.entities<TrialEngagements>('cros', 'Trial', 'engagements { id }').load(trialId);
    return (trial?.engagements.length ?? 0) > 0;
  }

  async function seesTrial(trial: TrialKey): Promise<boolean> {
    switch (party) {
      case 'PLATFORM_ADMIN':
        return true;
      case 'SPONSOR':
        return trial.sponsorId === orgId;
      case 'SITE':
        return takesPart.load(trial.id);
      case 'CRO':
        return engagedOn(trial.id);
      case 'PATIENT_ADVOCATE':
        return invitedToReview.load(trial.id);
    }
  }

  async function sharedWithCaller(programId: string): Promise<boolean> {
    return (await loaders.pipelineSharedWithSite.load(orgId)).some((share) => share.programId === programId);
  }

  const rules: { [K in keyof SponsorsRecords]: (record: SponsorsRecords[K]) => boolean | Promise<boolean> } = {
    trial: seesTrial,
    sponsorFigures: (sponsor) => isAdmin || isSponsor(sponsor.id),
    trialVersion: (trial) => isAdmin || isSponsor(trial.sponsorId),
    programVersion: (program) => isAdmin || isSponsor(program.sponsorId),

    // Sites of a visible trial: all for its sponsor, engaged CROs and admins; a site's own row; none for advocates.
    sitesOfTrial: (trial) => isAdmin || isSponsor(trial.sponsorId) || party === 'SITE' || (party === 'CRO' && seesTrial(trial)),
    trialSite: (row) => isAdmin || isSite(row.siteId) || isSponsor(row.trial.sponsorId) || (party === 'CRO' && seesTrial(row.trial)),
    // Feedback on a trial: all for its sponsor and admins, a site's own; none for anyone else.
    feedbackOnTrial: (trial) => isAdmin || isSponsor(trial.sponsorId) || party === 'SITE',
    feedback: (row) => isAdmin || isSponsor(row.trial.sponsorId) || isSite(row.siteId),
    // Who was invited to review a trial: all for its sponsor and admins, an advocacy group its own invitation.
    invitationsOfTrial: (trial) => isAdmin || isSponsor(trial.sponsorId) || party === 'PATIENT_ADVOCATE',
    invitation: (row) => isAdmin || isSponsor(row.trial.sponsorId) || actsFor(caller, 'PATIENT_ADVOCATE', row.advocacyGroupId),
    // A site's trials: all for the site and admins, a sponsor's own trials for it, the trials a CRO is engaged on for it.
    trialsAtSite: (site) => isAdmin || isSite(site.id) || party === 'SPONSOR' || party === 'CRO',

    // A sponsor's partnerships (all, for itself and admins) or a site's (its own with it), and the other way round.
    partnershipsOfSponsor: (sponsor) => isAdmin || isSponsor(sponsor.id) || party === 'SITE',
    partnershipsOfSite: (site) => isAdmin || isSite(site.id) || party === 'SPONSOR',
    partnership: (row) => isAdmin || isSponsor(row.sponsorId) || isSite(row.siteId),

    // A sponsor's pipeline: all for itself and admins; a site sees the programmes shared with it.
    pipelineOfSponsor: (sponsor) => isAdmin || isSponsor(sponsor.id) || party === 'SITE',
    pipelineSharedWithSite: (site) => isAdmin || isSite(site.id) || party === 'SPONSOR',
    pipelineProgram: (program) => isAdmin || isSponsor(program.sponsorId) || (party === 'SITE' && sharedWithCaller(program.id)),
    // Who a programme is shared with: all for its sponsor and admins; a site sees only itself.
    sharesOfProgram: (program) => isAdmin || isSponsor(program.sponsorId) || party === 'SITE',
    pipelineShare: (share) => isAdmin || isSponsor(share.program.sponsorId) || isSite(share.siteId),
  };

  function trialRefusal() {
    const who = describeCaller(caller);
    const why = {
      SPONSOR: `${who} is not its sponsor`,
      SITE: `${who} does not take part in it`,
      CRO: `${who} is not engaged on it`,
      PATIENT_ADVOCATE: `the sponsor has not invited ${who} to review it`,
      PLATFORM_ADMIN: '',
    }[party];
    return forbidden(
      RULES.trialRelationship,
      `A trial is shown to its sponsor, the sites taking part, the CROs engaged on it and the advocacy groups the sponsor invited to review it; ${why}`,
    );
  }

  // Lists answer only the rows the caller may read, so the rest are left out rather than refused;
  // should one be refused, it names the rule it falls under.
  const leftOut = (rule: string, what: string) => () => forbidden(rule, `This ${what} is not shown to ${describeCaller(caller)}`);
  const versionRefused = (record: string) =>
    forbidden(
      RULES.sponsorPrivate,
      `${record}'s version moves with parts only its sponsor sees; it is shown to the sponsor itself, which writes it, and platform admins; ${describeCaller(caller)} is neither`,
    );
  const refusals: { [K in keyof SponsorsRecords]: (record: SponsorsRecords[K]) => GraphQLError } = {
    trial: trialRefusal,
    sponsorFigures: (sponsor) =>
      forbidden(
        RULES.sponsorPrivate,
        `Sponsor ${sponsor.id}'s median feedback response time is shown to the sponsor itself and platform admins; ${describeCaller(caller)} is neither`,
      ),
    trialVersion: () => versionRefused('A trial'),
    programVersion: () => versionRefused('A pipeline programme'),
    sitesOfTrial: leftOut(RULES.trialRelationship, "trial's sites"),
    trialSite: leftOut(RULES.trialRelationship, 'trial site'),
    feedbackOnTrial: leftOut(RULES.trialRelationship, "trial's feedback"),
    feedback: leftOut(RULES.trialRelationship, 'feedback'),
    invitationsOfTrial: leftOut(RULES.trialRelationship, "trial's review invitations"),
    invitation: leftOut(RULES.trialRelationship, 'review invitation'),
    trialsAtSite: leftOut(RULES.trialRelationship, "site's trials"),
    partnershipsOfSponsor: leftOut(RULES.sponsorPrivate, "sponsor's partnerships"),
    partnershipsOfSite: leftOut(RULES.sponsorPrivate, "site's partnerships"),
    partnership: leftOut(RULES.sponsorPrivate, 'partnership'),
    pipelineOfSponsor: leftOut(RULES.sponsorPrivate, "sponsor's pipeline"),
    pipelineSharedWithSite: leftOut(RULES.sponsorPrivate, "site's shared pipeline"),
    pipelineProgram: leftOut(RULES.sponsorPrivate, 'pipeline programme'),
    sharesOfProgram: leftOut(RULES.sponsorPrivate, "programme's sites"),
    pipelineShare: leftOut(RULES.sponsorPrivate, 'pipeline share'),
  };

  // A sponsor sees only its own rows of a site's trials and partnerships; everyone else's rows are checked one by one.
  const atSiteCondition = (list: ListsAtSite, callerParameter: string) =>
    party !== 'SPONSOR' ? null : { condition: `${list === 'trialsAtSite' ? 'trial' : 'partnership'}.sponsor_id = ${callerParameter}`, callerOrgId: orgId };

  const policy = accessPolicy<SponsorsRecords, SponsorsLists, SponsorsNamed>({
    caller,
    rules: RULES,

    mayRead: async (what, record) => rules[what](record),

    refusal: (what, record) => refusals[what](record),

    // Its words are true of an id (or an NCT id) that names no trial here too: whether a trial is on
    // the platform is as private as the trial.
    unseen: { trial: trialRefusal },

    /**
     * Narrows a query over `trial` to the trials the caller sees, in SQL so pages and totalCount
     * agree. A CRO's trials are asked of the cros subgraph first, in one call: a root list has no
     * parent ids to check in batches.
     */
    async narrow(list, query) {
      if (list === 'trialsAtSite' || list === 'partnershipsOfSite') {
        // Over `trialSite` joined with its `trial`, or over `partnership`.
        const narrowing = atSiteCondition(list, ':callerSponsorId');
        return narrowing === null ? query : query.andWhere(narrowing.condition, { callerSponsorId: narrowing.callerOrgId });
      }
      switch (party) {
        case 'PLATFORM_ADMIN':
          return query;
        case 'SPONSOR':
          return query.andWhere('trial.sponsor_id = :callerSponsorId', { callerSponsorId: orgId });
        case 'SITE':
          return query.andWhere(
            'EXISTS (SELECT 1 FROM trial_sites ts WHERE ts.trial_id = trial.id AND ts.site_id = :callerSiteId)',
            { callerSiteId: orgId },
          );
        case 'CRO': {
          const { cro } = await peers.query<{ cro: { engagements: { trial: { id: string } }[] } | null }>('cros', CRO_TRIALS, { id: orgId });
          return query.andWhere('trial.id = ANY(:relatedTrialIds)', { relatedTrialIds: (cro?.engagements ?? []).map((e) => e.trial.id) });
        }
        case 'PATIENT_ADVOCATE':
          return query.andWhere(
            'EXISTS (SELECT 1 FROM review_invitations ri WHERE ri.trial_id = trial.id AND ri.advocacy_group_id = :callerGroupId)',
            { callerGroupId: orgId },
          );
      }
    },

    forget() {
      takesPart.clearAll();
      invitedToReview.clearAll();
    },
  });
  return {
    ...policy,
    atSiteCondition,
    relationshipCondition: (callerParameter) => (askedHere ? { condition: askedHere.condition(callerParameter), callerOrgId: orgId } : null),
    related: (trialId, related) => void askedHere?.rows.prime(trialId, related),
    check: (what, record) => rules[what](record),
  };
}
