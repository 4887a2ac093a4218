import { paginate, type PageArgs } from '../../shared/pagination';
import { CroEntity } from '../entities';
import type { CrosContext } from '../loaders';

export const Query = {
  cro: (_: unknown, args: { id: string }, { loaders }: CrosContext) => loaders.croById.load(args.id),

  cros: async (_: unknown, args: PageArgs, { db, loaders }: CrosContext) => {
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
