import { CreateCrosSchema1763769600000 } from './1763769600000-CreateCrosSchema';
import { AddWriteVersions1763856000000 } from './1763856000000-AddWriteVersions';
import { RegistryEngagements1764028800000 } from './1764028800000-RegistryEngagements';
import { LoaderLookupIndexes1764201600000 } from './1764201600000-LoaderLookupIndexes';

export const crosMigrations = [
  CreateCrosSchema1763769600000,
  AddWriteVersions1763856000000,
  RegistryEngagements1764028800000,
  LoaderLookupIndexes1764201600000,
];
