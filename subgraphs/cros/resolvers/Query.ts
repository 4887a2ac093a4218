import { paginate } from '../../shared/pagination';
import { CroEntity } from '../entities';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  cro: (_, args, { loaders }) => loaders.croById.load(args.id),

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
