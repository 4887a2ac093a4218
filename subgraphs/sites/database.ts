import type { DatabaseConfig } from '../../platform/config';
import { openDatabase } from '../shared/database';
import { sitesEntities } from './entities';
import { sitesMigrations } from './migrations';

export const openSitesDatabase = (config: DatabaseConfig) =>
  openDatabase({ name: 'sites', config, entities: sitesEntities, migrations: sitesMigrations });
