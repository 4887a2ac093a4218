import { CreateSitesSchema1763769600000 } from './1763769600000-CreateSitesSchema';
import { AddSiteWriteVersions1763856000000 } from './1763856000000-AddSiteWriteVersions';

export const sitesMigrations = [CreateSitesSchema1763769600000, AddSiteWriteVersions1763856000000];
