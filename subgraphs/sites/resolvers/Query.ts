import { paginate } from '../../shared/pagination';
import { SiteEntity } from '../entities';
import type { QueryResolvers } from '../generated/resolvers';

const EMPTY_PAGE = { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };

export const Query: QueryResolvers = {
  site: (_, args, { loaders }) => loaders.siteById.load(args.id),

  sites: async (_, args, { access, db, loaders }) => {
    const query = await access.narrow('sites', db.getRepository(SiteEntity).createQueryBuilder('site'));
    if (!query) return EMPTY_PAGE;
    const { countryCode, therapeuticArea, language } = args.filter ?? {};
    if (countryCode) query.andWhere('site.country_code = :countryCode', { countryCode: countryCode.toUpperCase() });
    if (therapeuticArea) query.andWhere(':therapeuticArea = ANY(site.therapeutic_areas)', { therapeuticArea });
    if (language) {
      // BCP 47 prefix matching: "ca" finds sites that list "ca" or "ca-valencia".
      query.andWhere(
        `EXISTS (SELECT 1 FROM unnest(site.languages) AS tag
                 WHERE lower(tag) = lower(:language) OR starts_with(lower(tag), lower(:language) || '-'))`,
        { language },
      );
    }
    const connection = await paginate(
      query,
      [
        { column: 'site.name', property: 'name' },
        { column: 'site.id', property: 'id' },
      ],
      args,
    );
    // Entity fetches for these sites later in the same request reuse the rows.
    for (const { node } of connection.edges) loaders.siteById.prime(node.id, node);
    return connection;
  },
};
