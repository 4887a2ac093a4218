import type { Resolvers } from '../generated/resolvers';
import { Cro } from './Cro';
import { CraTurnover } from './CraTurnover';
import { Engagement, EngagementAction } from './Engagement';
import { MonitoringVisit } from './MonitoringVisit';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Site } from './Site';
import { StaffAssignment } from './StaffAssignment';
import { Trial } from './Trial';

export const crosResolvers: Resolvers = { Query, Mutation, Cro, Engagement, EngagementAction, MonitoringVisit, StaffAssignment, CraTurnover, Trial, Site };
