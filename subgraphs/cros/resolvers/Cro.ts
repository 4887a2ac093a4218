import type { CroEntity } from '../entities';
import type { CrosContext } from '../loaders';

export const Cro = {
  __resolveReference: (reference: { id: string }, { loaders }: CrosContext) => loaders.croById.load(reference.id),

  engagements: (cro: CroEntity, _: unknown, { loaders }: CrosContext) => loaders.engagementsByCro.load(cro.id),
};
