import { CreateSponsorsSchema1763769600000 } from './1763769600000-CreateSponsorsSchema';
import { AddWriteVersions1763856000000 } from './1763856000000-AddWriteVersions';
import { AddReviewInvitations1763942400000 } from './1763942400000-AddReviewInvitations';

export const sponsorsMigrations = [CreateSponsorsSchema1763769600000, AddWriteVersions1763856000000, AddReviewInvitations1763942400000];
