import { CreateCrosSchema1763769600000 } from './1763769600000-CreateCrosSchema';

export const crosMigrations = [CreateCrosSchema1763769600000];
