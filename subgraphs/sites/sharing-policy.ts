// Who sees a site's operational data. Directory fields (name, address, languages, ...) are for any
// authenticated caller; staff, capacity and assets are the site's to share, part by part, with
// its sharing policy. Whether a sponsor or a CRO works with the site is not ours to know: the
// sponsors and cros subgraphs own those relationships, so we ask them, as the caller.
import { actsFor, describeCaller, isPlatformAdmin } from '../shared/access';
import { forbidden } from '../shared/errors';
import type { Caller } from '../../platform/identity';
import type { ShareAudience, SiteEntity } from './entities/Site';
import type { SitesContext } from './loaders';

/** The parts of a site its sharing policy governs. */
export type SharedPart = 'staff' | 'capacity' | 'assets';

const SHARING_POLICY_RULE = 'site-sharing-policy';
const SITE_ONLY_RULE = 'site-only';

const AUDIENCE_OF: Record<SharedPart, (site: SiteEntity) => ShareAudience> = {
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

/**
 * True when the caller is a partner of the site: a sponsor in partnership with it, or a CRO that
 * visited it or has staff on it. One request asks each owner once, for all the sites it touches.
 */
async function isPartner(siteId: string, { caller, peers }: SitesContext): Promise<boolean> {
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

function whyNotPartner(caller: Caller): string {
  if (caller.party === 'SPONSOR') return `${describeCaller(caller)} is not its partner`;
  if (caller.party === 'CRO') return `${describeCaller(caller)} has made no monitoring visit to it and has no staff on it`;
  return `${describeCaller(caller)} is neither a sponsor in partnership with it nor a CRO working at it`;
}

/**
 * Throws FORBIDDEN (rule site-sharing-policy) unless the site's policy for this part includes
 * the caller. The site itself and platform admins always see it; only a PARTNERS policy asks a
 * peer, and only for sponsor and CRO callers.
 */
export async function requireSharedWithCaller(site: SiteEntity, part: SharedPart, context: SitesContext): Promise<void> {
  const { caller } = context;
  if (isPlatformAdmin(caller) || actsFor(caller, 'SITE', site.id)) return;
  const audience = AUDIENCE_OF[part](site);
  if (audience === 'ALL_AUTHENTICATED') return;
  if (audience === 'PARTNERS') {
    if (await isPartner(site.id, context)) return;
    throw forbidden(SHARING_POLICY_RULE, `Site ${site.id} shares its ${part} with PARTNERS; ${whyNotPartner(caller)}`);
  }
  throw forbidden(SHARING_POLICY_RULE, `Site ${site.id} shares its ${part} with SITE_ONLY; ${describeCaller(caller)} is not the site`);
}

/** Throws FORBIDDEN (rule site-only) unless the caller is the site itself or a platform admin. */
export function requireSiteOrAdmin(site: SiteEntity, what: string, caller: Caller): void {
  if (isPlatformAdmin(caller) || actsFor(caller, 'SITE', site.id)) return;
  throw forbidden(SITE_ONLY_RULE, `Only site ${site.id} itself and platform admins see its ${what}; the caller is ${describeCaller(caller)}`);
}
