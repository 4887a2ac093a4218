import type { Resolvers } from '../generated/resolvers';
import { AdvocateReview } from './AdvocateReview';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Site } from './Site';
import { Trial } from './Trial';

// ReviewFinding, PatientExperience and SurveyBatchResult are served as their objects' fields.
export const insightsResolvers: Resolvers = { Query, Mutation, Trial, Site, AdvocateReview };
