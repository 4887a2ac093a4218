import type { DatabaseConfig } from '../../platform/config';
import { openDatabase } from '../shared/database';
import { crosEntities } from './entities';
import { crosMigrations } from './migrations';

export const openCrosDatabase = (config: DatabaseConfig) =>
  openDatabase({ name: 'cros', config, entities: crosEntities, migrations: crosMigrations });
