import type { CroResolvers } from '../generated/resolvers';
import { engagementListsAsked } from './Engagement';

export const Cro: CroResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.croById.load(reference.id),

  engagements: (cro, _, { loaders }, info) => loaders.engagementsByCro.load({ id: cro.id, lists: engagementListsAsked(info) }),
};
