// Who sees what of the sponsors' data. A trial is for its sponsor, the sites taking part in it, the
// CROs engaged on it, the advocacy groups its sponsor invited to review it and platform admins; the
// rows under a trial, a sponsor or a site narrow further by what the caller is to them. Engagements
// are the cros subgraph's to say: those are asked of it, as the caller, through a per-request
// loader, so one check per batch crosses the wire. Sites and invitations are the sponsor's own
// records, so those checks stay here (and no group can invite itself by writing elsewhere).
import DataLoader from 'dataloader';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { actsFor, describeCaller, isPlatformAdmin } from '../shared/access';
import { forbidden } from '../shared/errors';
import type { RequestContext } from '../shared/subgraph-service';
import type {
  PartnershipEntity,
  PipelineProgramEntity,
  PipelineShareEntity,
  ProtocolFeedbackEntity,
  ReviewInvitationEntity,
  TrialEntity,
  TrialSiteEntity,
} from './entities';

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
} as const;

type TrialKey = Pick<TrialEntity, 'id' | 'sponsorId'>;
/** A loader of the rows a list is made of, called only when the caller may see some of them. */
type Rows<T> = () => Promise<T[]>;

/** What another subgraph says of a trial, as the caller sees it there. */
interface TrialEngagements {
  engagements: { id: string }[];
}

const CRO_TRIALS = 'query ($id: ID!) { cro(id: $id) { engagements { trial { id } } } }';

/** The sponsors subgraph's read rules for one request's caller. */
export function createSponsorsAccess({ caller, peers }: Pick<RequestContext, 'caller' | 'peers'>, db: DataSource) {
  const { party, orgId } = caller;
  const isAdmin = isPlatformAdmin(caller);
  const isSponsor = (sponsorId: string) => actsFor(caller, 'SPONSOR', sponsorId);
  const isSite = (siteId: string) => actsFor(caller, 'SITE', siteId);

  /** Which of the trials asked about have a row in `table` for the caller's organisation in `column`. */
  const callerHasRow = (table: string, column: string) =>
    new DataLoader<string, boolean>(async (trialIds) => {
      const rows: { trialId: string }[] = await db.query(
        `SELECT DISTINCT trial_id AS "trialId" FROM ${table} WHERE ${column} = $1 AND trial_id = ANY($2)`,
        [orgId, trialIds],
      );
      const related = new Set(rows.map((row) => row.trialId));
      return trialIds.map((id) => related.has(id));
    });
  // For a site: the trials it takes part in. For an advocacy group: the trials it was invited to review.
  const takesPart = callerHasRow('trial_sites', 'site_id');
  const invitedToReview = callerHasRow('review_invitations', 'advocacy_group_id');

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

  function trialRefusal(trial: TrialKey) {
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
      `Trial ${trial.id} is shown to its sponsor, the sites taking part, the CROs engaged on it and the advocacy groups the sponsor invited to review it; ${why}`,
    );
  }

  async function visible<T>(rows: readonly T[], sees: (row: T) => Promise<boolean>): Promise<T[]> {
    const seen = await Promise.all(rows.map(sees));
    return rows.filter((_, i) => seen[i]);
  }

  return {
    /** The trial, or a FORBIDDEN error when the caller may not see it; null stays null (no such trial). */
    async trialOrRefusal(trial: TrialEntity | null): Promise<TrialEntity | null> {
      if (trial === null || (await seesTrial(trial))) return trial;
      throw trialRefusal(trial);
    },

    /** Trials the caller sees, in the order given. */
    visibleTrials: (trials: readonly TrialEntity[]) => visible(trials, seesTrial),

    /**
     * Narrows a query over `trial` to the trials the caller sees, in SQL so pages and totalCount
     * agree. A CRO's trials are asked of the cros subgraph first, in one call: a root list has no
     * parent ids to check in batches.
     */
    async restrictTrials(query: SelectQueryBuilder<TrialEntity>): Promise<void> {
      switch (party) {
        case 'PLATFORM_ADMIN':
          return;
        case 'SPONSOR':
          query.andWhere('trial.sponsor_id = :callerSponsorId', { callerSponsorId: orgId });
          return;
        case 'SITE':
          query.andWhere(
            'EXISTS (SELECT 1 FROM trial_sites ts WHERE ts.trial_id = trial.id AND ts.site_id = :callerSiteId)',
            { callerSiteId: orgId },
          );
          return;
        case 'CRO': {
          const { cro } = await peers.query<{ cro: { engagements: { trial: { id: string } }[] } | null }>('cros', CRO_TRIALS, { id: orgId });
          query.andWhere('trial.id = ANY(:relatedTrialIds)', { relatedTrialIds: (cro?.engagements ?? []).map((e) => e.trial.id) });
          return;
        }
        case 'PATIENT_ADVOCATE':
          query.andWhere(
            'EXISTS (SELECT 1 FROM review_invitations ri WHERE ri.trial_id = trial.id AND ri.advocacy_group_id = :callerGroupId)',
            { callerGroupId: orgId },
          );
          return;
      }
    },

    // The lists below take their loader rather than its rows: a caller who may see none of a list
    // costs no statement for it.

    /** A visible trial's sites: all for its sponsor, engaged CROs and admins; a site's own row; none for advocates. */
    async sitesOfTrial(trial: TrialKey, load: Rows<TrialSiteEntity>): Promise<TrialSiteEntity[]> {
      if (isAdmin || isSponsor(trial.sponsorId)) return load();
      if (party === 'SITE') return (await load()).filter((row) => row.siteId === orgId);
      if (party === 'CRO' && (await seesTrial(trial))) return load();
      return [];
    },

    /** Feedback on a trial: all for its sponsor and admins, a site's own; none for anyone else. */
    async feedbackOnTrial(trial: TrialKey, load: Rows<ProtocolFeedbackEntity>): Promise<ProtocolFeedbackEntity[]> {
      if (isAdmin || isSponsor(trial.sponsorId)) return load();
      if (party === 'SITE') return (await load()).filter((row) => row.siteId === orgId);
      return [];
    },

    /**
     * A site's trials (rows with their trial joined): all for the site and admins, a sponsor's own
     * trials for it, the trials a CRO is engaged on for it; none for other sites or advocates.
     */
    async trialsAtSite(siteId: string, load: Rows<TrialSiteEntity>): Promise<TrialSiteEntity[]> {
      if (isAdmin || isSite(siteId)) return load();
      if (party === 'SPONSOR') return (await load()).filter((row) => row.trial!.sponsorId === orgId);
      if (party === 'CRO') return visible(await load(), (row) => seesTrial(row.trial!));
      return [];
    },

    /** Who was invited to review a trial: all for its sponsor and admins, an advocacy group its own invitation; none for anyone else. */
    async invitationsOfTrial(trial: TrialKey, load: Rows<ReviewInvitationEntity>): Promise<ReviewInvitationEntity[]> {
      if (isAdmin || isSponsor(trial.sponsorId)) return load();
      if (party === 'PATIENT_ADVOCATE') return (await load()).filter((invitation) => invitation.advocacyGroupId === orgId);
      return [];
    },

    /** A sponsor's partnerships (all, for itself and admins) or a site's (its own with it). */
    async partnershipsOfSponsor(sponsorId: string, load: Rows<PartnershipEntity>): Promise<PartnershipEntity[]> {
      if (isAdmin || isSponsor(sponsorId)) return load();
      if (party === 'SITE') return (await load()).filter((row) => row.siteId === orgId);
      return [];
    },
    async partnershipsOfSite(siteId: string, load: Rows<PartnershipEntity>): Promise<PartnershipEntity[]> {
      if (isAdmin || isSite(siteId)) return load();
      if (party === 'SPONSOR') return (await load()).filter((row) => row.sponsorId === orgId);
      return [];
    },

    /** A sponsor's pipeline: all for itself and admins; a site sees the programmes shared with it (`sharedWithCaller`). */
    async pipelineOfSponsor(
      sponsorId: string,
      load: Rows<PipelineProgramEntity>,
      sharedWithCaller: Rows<PipelineShareEntity>,
    ): Promise<PipelineProgramEntity[]> {
      if (isAdmin || isSponsor(sponsorId)) return load();
      if (party !== 'SITE') return [];
      const shared = new Set((await sharedWithCaller()).map((share) => share.programId));
      return (await load()).filter((program) => shared.has(program.id));
    },
    /** Programmes shared with a site: all for the site and admins, a sponsor's own for it. */
    async pipelineSharedWithSite(siteId: string, load: Rows<PipelineProgramEntity>): Promise<PipelineProgramEntity[]> {
      if (isAdmin || isSite(siteId)) return load();
      if (party === 'SPONSOR') return (await load()).filter((program) => program.sponsorId === orgId);
      return [];
    },
    /** Who a programme is shared with: all for its sponsor and admins; a site sees only itself. */
    async sharesOfProgram(program: PipelineProgramEntity, load: Rows<PipelineShareEntity>): Promise<PipelineShareEntity[]> {
      if (isAdmin || isSponsor(program.sponsorId)) return load();
      if (party === 'SITE') return (await load()).filter((share) => share.siteId === orgId);
      return [];
    },

    /** Throws unless the caller is this sponsor or a platform admin. */
    requireSponsorItself(sponsorId: string, what: string): void {
      if (isAdmin || isSponsor(sponsorId)) return;
      throw forbidden(
        RULES.sponsorPrivate,
        `Sponsor ${sponsorId}'s ${what} is shown to the sponsor itself and platform admins; ${describeCaller(caller)} is neither`,
      );
    },

    /** After a write: what this request learnt before it may have changed. */
    clearAll(): void {
      takesPart.clearAll();
      invitedToReview.clearAll();
    },
  };
}

export type SponsorsAccess = ReturnType<typeof createSponsorsAccess>;
