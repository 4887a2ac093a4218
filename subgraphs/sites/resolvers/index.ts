import { Query } from './Query';
import { Site, SiteAsset, SiteCapacity, SiteStaffMember } from './Site';

export const sitesResolvers = { Query, Site, SiteCapacity, SiteStaffMember, SiteAsset };
