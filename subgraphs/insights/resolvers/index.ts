import { Site } from './Site';
import { Trial } from './Trial';

// AdvocateReview, ReviewFinding and PatientExperience are served as their objects' fields.
export const insightsResolvers = { Trial, Site };
