import type { DatabaseConfig } from '../../platform/config';
import { openDatabase } from '../shared/database';
import { insightsEntities } from './entities';
import { insightsMigrations } from './migrations';

export const openInsightsDatabase = (config: DatabaseConfig) =>
  openDatabase({ name: 'insights', config, entities: insightsEntities, migrations: insightsMigrations });
