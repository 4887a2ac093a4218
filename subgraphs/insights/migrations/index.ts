import { CreateInsightsSchema1763769600000 } from './1763769600000-CreateInsightsSchema';
import { AdvocacyGroupsAndFindingVersions1763856000000 } from './1763856000000-AdvocacyGroupsAndFindingVersions';

export const insightsMigrations = [CreateInsightsSchema1763769600000, AdvocacyGroupsAndFindingVersions1763856000000];
