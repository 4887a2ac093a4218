import { paginate } from '../../shared/pagination';
import { asksFor, within } from '../../shared/selections';
import { CroEntity } from '../entities';
import type { QueryResolvers } from '../generated/resolvers';
import { engagementListsAsked } from './Engagement';

export const Query: QueryResolvers = {
  // A CRO asked for with its engagements is read with them (and the lists asked of them), in one statement.
  cro: (_, args, { loaders }, info) =>
    asksFor(info, 'Cro', 'engagements')
      ? loaders.croWithEngagements.load({ id: args.id, lists: engagementListsAsked(within(info, 'Cro', 'engagements')) })
      : loaders.croById.load(args.id),

  cros: async (_, args, { db, loaders }) => {
    const connection = await paginate(
      db.getRepository(CroEntity).createQueryBuilder('cro'),
      [
        { column: 'cro.name', property: 'name' },
        { column: 'cro.id', property: 'id' },
      ],
      args,
    );
    // Entity fetches for these CROs later in the same request reuse the rows.
    for (const { node } of connection.edges) loaders.croById.prime(node.id, node);
    return connection;
  },
};
