import { CreateSitesSchema1763769600000 } from './1763769600000-CreateSitesSchema';

export const sitesMigrations = [CreateSitesSchema1763769600000];
