import { CreateSponsorsSchema1763769600000 } from './1763769600000-CreateSponsorsSchema';

export const sponsorsMigrations = [CreateSponsorsSchema1763769600000];
