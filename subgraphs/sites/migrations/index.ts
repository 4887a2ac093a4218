import { CreateSitesSchema1763769600000 } from './1763769600000-CreateSitesSchema';
import { AddSiteWriteVersions1763856000000 } from './1763856000000-AddSiteWriteVersions';
import { RegistrySites1764028800000 } from './1764028800000-RegistrySites';

export const sitesMigrations = [CreateSitesSchema1763769600000, AddSiteWriteVersions1763856000000, RegistrySites1764028800000];
