import { paginateSql } from '../../shared/pagination';
import { entityColumns } from '../../shared/raw-rows';
import { asksFor } from '../../shared/selections';
import { isSiteOrAdmin } from '../access';
import { SiteEntity } from '../entities';
import type { QueryResolvers } from '../generated/resolvers';

const EMPTY_PAGE = { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };

export const Query: QueryResolvers = {
  // A caller who sees the site's staff whatever its policy, and asks for them, reads both in one statement.
  site: (_, args, { caller, loaders }, info) =>
    asksFor(info, 'Site', 'staff') && isSiteOrAdmin(caller, args.id) ? loaders.siteWithStaffById.load(args.id) : loaders.siteById.load(args.id),

  // Explicit SQL (see shared/raw-rows.ts): the page is every SitesInCountry request's first fetch.
  sites: async (_, args, { access, db, loaders }) => {
    const narrowing = access.listCondition('sites');
    if (narrowing === null) return EMPTY_PAGE;
    const where: string[] = narrowing.condition === null ? [] : [narrowing.condition];
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const { countryCode, therapeuticArea, language } = args.filter ?? {};
    if (countryCode) where.push(`site.country_code = ${parameter(countryCode.toUpperCase())}`);
    if (therapeuticArea) where.push(`${parameter(therapeuticArea)} = ANY(site.therapeutic_areas)`);
    if (language) {
      // BCP 47 prefix matching: "ca" finds sites that list "ca" or "ca-valencia".
      const tag = parameter(language);
      where.push(
        `EXISTS (SELECT 1 FROM unnest(site.languages) AS tag
                 WHERE lower(tag) = lower(${tag}) OR starts_with(lower(tag), lower(${tag}) || '-'))`,
      );
    }
    const connection = await paginateSql(
      db,
      { columns: entityColumns(db, SiteEntity, 'site'), where, parameters },
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
