import { CreateInsightsSchema1763769600000 } from './1763769600000-CreateInsightsSchema';

export const insightsMigrations = [CreateInsightsSchema1763769600000];
