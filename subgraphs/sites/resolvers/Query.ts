import { paginate, type PageArgs } from '../../shared/pagination';
import { SiteEntity } from '../entities';
import type { SitesContext } from '../loaders';

interface SiteFilter {
  countryCode?: string | null;
  therapeuticArea?: string | null;
  language?: string | null;
}

export const Query = {
  site: (_: unknown, args: { id: string }, { loaders }: SitesContext) => loaders.siteById.load(args.id),

  sites: async (_: unknown, args: PageArgs & { filter?: SiteFilter | null }, { db, loaders }: SitesContext) => {
    const query = db.getRepository(SiteEntity).createQueryBuilder('site');
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
