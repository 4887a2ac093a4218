import type { CroResolvers } from '../generated/resolvers';

export const Cro: CroResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.croById.load(reference.id),

  engagements: (cro, _, { loaders }) => loaders.engagementsByCro.load(cro.id),
};
