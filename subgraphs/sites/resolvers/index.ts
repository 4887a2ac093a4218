import type { Resolvers } from '../generated/resolvers';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Site, SiteAsset, SiteCapacity, SiteStaffMember } from './Site';

export const sitesResolvers: Resolvers = { Query, Mutation, Site, SiteCapacity, SiteStaffMember, SiteAsset };
