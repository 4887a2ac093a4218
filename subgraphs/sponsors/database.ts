import type { DatabaseConfig } from '../../platform/config';
import { openDatabase } from '../shared/database';
import { sponsorsEntities } from './entities';
import { sponsorsMigrations } from './migrations';

export const openSponsorsDatabase = (config: DatabaseConfig) =>
  openDatabase({ name: 'sponsors', config, entities: sponsorsEntities, migrations: sponsorsMigrations });
