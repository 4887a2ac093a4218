import { CreateSponsorsSchema1763769600000 } from './1763769600000-CreateSponsorsSchema';
import { AddWriteVersions1763856000000 } from './1763856000000-AddWriteVersions';
import { AddReviewInvitations1763942400000 } from './1763942400000-AddReviewInvitations';
import { RegistryTrials1764028800000 } from './1764028800000-RegistryTrials';
import { SiteAnswersSelections1764201600000 } from './1764201600000-SiteAnswersSelections';

export const sponsorsMigrations = [
  CreateSponsorsSchema1763769600000,
  AddWriteVersions1763856000000,
  AddReviewInvitations1763942400000,
  RegistryTrials1764028800000,
  SiteAnswersSelections1764201600000,
];
