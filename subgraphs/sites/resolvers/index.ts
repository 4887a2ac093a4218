import { Mutation } from './Mutation';
import { Query } from './Query';
import { Site, SiteAsset, SiteCapacity, SiteStaffMember } from './Site';

export const sitesResolvers = { Query, Mutation, Site, SiteCapacity, SiteStaffMember, SiteAsset };
