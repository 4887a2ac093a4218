import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';
import type { EntityColumns } from './raw-rows';

export const DEFAULT_PAGE_SIZE = 20;
/** Upper bound on `first`: one request may not ask for more rows of a root list than this. */
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${size}`, 'first');
  }
  return size;
}

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('after is not a cursor this list gave out', 'after');
}

/**
 * One page of a keyset-paginated list. `orderBy` names the columns the list is sorted on, last
 * one unique (e.g. name then id), with the entity property each cursor value is read from.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  orderBy: readonly { column: string; property: keyof T & string }[],
  args: PageArgs,
): Promise<Connection<T>> {
  const first = pageSize(args.first);
  const page = query.clone();
  if (args.after) {
    const values = decodeCursor(args.after, orderBy.length);
    const params = Object.fromEntries(values.map((value, i) => [`cursor${i}`, value]));
    const columns = orderBy.map((o) => o.column).join(', ');
    const placeholders = values.map((_, i) => `:cursor${i}`).join(', ');
    page.andWhere(`(${columns}) > (${placeholders})`, params);
  }
  orderBy.forEach((o, i) => (i === 0 ? page.orderBy(o.column, 'ASC') : page.addOrderBy(o.column, 'ASC')));
  // The whole list's count rides along with the page as a subquery: one statement, not two. Only
  // an empty page, which has no row to carry it, asks for the count on its own.
  const counting = query.clone().select(`count(DISTINCT ${query.alias}.id)`).orderBy().getQuery();
  const { entities: rows, raw } =
    first === 0 ? { entities: [] as T[], raw: [] } : await page.addSelect(`(${counting})`, 'list_total_count').limit(first + 1).getRawAndEntities();
  const totalCount = raw.length > 0 ? Number(raw[0].list_total_count) : await query.clone().getCount();
  return connectionOf(rows, first, orderBy, totalCount);
}

/** The page's connection from the rows read (one more than `first`, to tell whether another page follows). */
function connectionOf<T extends ObjectLiteral>(
  rows: T[],
  first: number,
  orderBy: readonly { property: keyof T & string }[],
  totalCount: number,
): Connection<T> {
  const edges = rows.slice(0, first).map((node) => ({
    cursor: encodeCursor(orderBy.map((o) => node[o.property] as string | number)),
    node,
  }));
  return {
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    edges,
  };
}

/**
 * A list read with explicit SQL (see raw-rows.ts): the rows of `columns.from` meeting every
 * condition of `where`, whose `$n` placeholders stand for `parameters`.
 */
export interface SqlList<T> {
  columns: EntityColumns<T>;
  where: readonly string[];
  parameters: readonly unknown[];
}

/**
 * One page of a keyset-paginated list read with explicit SQL, as `paginate` reads one through the
 * query builder: the same order, cursors and total (counted in the same statement as the page).
 * `orderBy` columns are written under the list's alias.
 */
export async function paginateSql<T extends ObjectLiteral>(
  db: DataSource,
  list: SqlList<T>,
  orderBy: readonly { column: string; property: keyof T & string }[],
  args: PageArgs,
): Promise<Connection<T>> {
  const first = pageSize(args.first);
  const whereOf = (conditions: readonly string[]) => (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '');
  const counting = `SELECT count(*)::int FROM ${list.columns.from}${whereOf(list.where)}`;
  const parameters = [...list.parameters];
  const conditions = [...list.where];
  if (args.after) {
    const values = decodeCursor(args.after, orderBy.length);
    const placeholders = values.map((value) => `$${parameters.push(value)}`);
    conditions.push(`(${orderBy.map((o) => o.column).join(', ')}) > (${placeholders.join(', ')})`);
  }
  const rows: Record<string, unknown>[] =
    first === 0
      ? []
      : await db.query(
          `SELECT ${list.columns.select}, (${counting}) AS list_total_count FROM ${list.columns.from}${whereOf(conditions)}
            ORDER BY ${orderBy.map((o) => `${o.column} ASC`).join(', ')} LIMIT ${first + 1}`,
          parameters,
        );
  // Only an empty page, which has no row to carry the count, asks for it on its own.
  const totalCount = Number(rows.length > 0 ? rows[0].list_total_count : (await db.query(counting, [...list.parameters]))[0].count);
  // Every row read is made a node, the one past the page too: it only tells that another page follows.
  return connectionOf(rows.map(list.columns.read), first, orderBy, totalCount);
}
