// Who sees and who writes a site's data. Directory fields (name, address, languages, ...) and the
// list of sites are for any authenticated caller; staff, capacity and assets are the site's to
// share, part by part, with its sharing policy; the policy itself is the site's and platform
// admins'. Whether a sponsor or a CRO works with the site is not ours to know: the sponsors and cros
// subgraphs own those relationships, so we ask them, as the caller. Only the site writes its data.
import { accessPolicy, actsFor, describeCaller, isPlatformAdmin, type AccessPolicy } from '../shared/access';
import { forbidden } from '../shared/errors';
import type { RequestContext } from '../shared/subgraph-service';
import type { GraphQLError } from 'graphql';
import type { Caller } from '../../platform/identity';
import type { SiteEntity } from './entities';
import type { ShareAudience } from './generated/resolvers';

/** The names of the sites subgraph's rules, as `extensions.rule` carries them and the README lists them. */
export const RULES = {
  sharingPolicy: 'site-sharing-policy',
  siteOnly: 'site-only',
  writesOwnData: 'site-writes-own-data',
} as const;

/** What a sharing rule needs of a site: who it is and whom it shares each part with. */
type SiteSharing = Pick<SiteEntity, 'id' | 'shareStaff' | 'shareCapacity' | 'shareAssets'>;

/** What the policy rules on: the parts of a site its sharing policy governs, and the policy itself. */
export type SitesRecords = {
  staff: SiteSharing;
  capacity: SiteSharing;
  assets: SiteSharing;
  sharingPolicy: Pick<SiteEntity, 'id'>;
  /** The site's version: it moves when any part changes, those the caller may not see included. */
  version: Pick<SiteEntity, 'id'>;
};

/** The lists whose SQL the policy narrows. */
export type SitesLists = 'sites';

export interface SitesAccess extends AccessPolicy<SitesRecords, SitesLists> {
  /**
   * The condition `narrow` adds to a list, for a resolver that writes its own SQL (alias `site`):
   * null when the caller sees none of the list, a null condition when it sees all of it.
   */
  listCondition(list: SitesLists): { condition: string | null } | null;
}

type SharedPart = 'staff' | 'capacity' | 'assets';

/** One record's rule: whether the caller may read it, and the refusal when not. */
interface ReadRule<T> {
  mayRead(record: T): Promise<boolean>;
  refusal(record: T): GraphQLError;
}

const AUDIENCE_OF: Record<SharedPart, (site: SiteSharing) => ShareAudience> = {
  staff: (site) => site.shareStaff,
  capacity: (site) => site.shareCapacity,
  assets: (site) => site.shareAssets,
};

// The selections name the partner in each relationship rather than trusting that the owner lists
// only the caller's own: the answer is right whichever rows the owner chooses to show.
interface SponsorsSite {
  partnerships: { sponsor: { id: string } | null }[] | null;
}
const SPONSORS_SITE_SELECTION = 'partnerships { sponsor { id } }';

interface CrosSite {
  monitoringVisits: { engagement: { cro: { id: string } | null } | null }[] | null;
  staffAssignments: { cro: { id: string } | null }[] | null;
}
const CROS_SITE_SELECTION = 'monitoringVisits { engagement { cro { id } } } staffAssignments { cro { id } }';

/** The site itself and platform admins see every part of a site, whatever its sharing policy says. */
export const isSiteOrAdmin = (caller: Caller, siteId: string) => isPlatformAdmin(caller) || actsFor(caller, 'SITE', siteId);

/**
 * The sites subgraph's read rules for one request's caller. A part shared with PARTNERS asks a
 * peer, and only for sponsor and CRO callers; the peers' per-request loaders ask each owner once
 * for all the sites a request touches, and are what remembers the answers.
 */
export function createSitesAccess({ caller, peers }: Pick<RequestContext, 'caller' | 'peers'>): SitesAccess {
  /** True when the caller is a sponsor in partnership with the site, or a CRO that visited it or has staff on it. */
  async function isPartner(siteId: string): Promise<boolean> {
    if (caller.party === 'SPONSOR') {
      const site = await peers.entities<SponsorsSite>('sponsors', 'Site', SPONSORS_SITE_SELECTION).load(siteId);
      return site?.partnerships?.some((partnership) => partnership.sponsor?.id === caller.orgId) ?? false;
    }
    if (caller.party === 'CRO') {
      const site = await peers.entities<CrosSite>('cros', 'Site', CROS_SITE_SELECTION).load(siteId);
      const visited = site?.monitoringVisits?.some((visit) => visit.engagement?.cro?.id === caller.orgId) ?? false;
      return visited || (site?.staffAssignments?.some((assignment) => assignment.cro?.id === caller.orgId) ?? false);
    }
    // Sites, advocates: partners are sponsors and CROs only.
    return false;
  }

  /** A part the site shares by its policy: the site and platform admins always see it. */
  const sharedPart = (part: SharedPart): ReadRule<SiteSharing> => ({
    async mayRead(site) {
      if (isSiteOrAdmin(caller, site.id)) return true;
      const audience = AUDIENCE_OF[part](site);
      if (audience === 'ALL_AUTHENTICATED') return true;
      return audience === 'PARTNERS' && isPartner(site.id);
    },
    // One refusal whatever the policy says: the policy is the site's own (rule site-only), so the
    // refusal of a part names the rule and the caller, never the audience it was refused by.
    refusal(site) {
      return forbidden(
        RULES.sharingPolicy,
        `Site ${site.id} shares its ${part} only with whom its sharing policy names; ${describeCaller(caller)} is not among them`,
      );
    },
  });

  const readRules: { [K in keyof SitesRecords]: ReadRule<SitesRecords[K]> } = {
    staff: sharedPart('staff'),
    capacity: sharedPart('capacity'),
    assets: sharedPart('assets'),
    sharingPolicy: {
      mayRead: async (site) => isSiteOrAdmin(caller, site.id),
      refusal: (site) =>
        forbidden(RULES.siteOnly, `Only site ${site.id} itself and platform admins see its sharing policy; the caller is ${describeCaller(caller)}`),
    },
    version: {
      mayRead: async (site) => isSiteOrAdmin(caller, site.id),
      refusal: (site) =>
        forbidden(
          RULES.siteOnly,
          `Only site ${site.id} itself, which writes it, and platform admins see its version; the caller is ${describeCaller(caller)}`,
        ),
    },
  };

  const policy = accessPolicy<SitesRecords, SitesLists>({
    caller,
    rules: RULES,
    mayRead: (what, record) => readRules[what].mayRead(record),
    refusal: (what, record) => readRules[what].refusal(record),

    // The directory is open: every authenticated caller sees every site in the list.
    async narrow(_list, query) {
      return query;
    },

    // Nothing is memoised here: partner answers live in the peers' loaders, forgotten with them.
    forget() {},
  });
  return {
    ...policy,
    // The directory is open, as `narrow` says.
    listCondition: () => ({ condition: null }),
  };
}

/**
 * Throws FORBIDDEN (rule site-writes-own-data) unless the caller is this site acting for itself:
 * not a sponsor, not a CRO, not a platform admin.
 */
export function requireSiteItself(caller: Caller, siteId: string, what: string): void {
  if (actsFor(caller, 'SITE', siteId)) return;
  throw forbidden(RULES.writesOwnData, `Only site ${siteId} itself may ${what}; the caller is ${describeCaller(caller)}`);
}
