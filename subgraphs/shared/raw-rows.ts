// Rows read with explicit SQL rather than through TypeORM's query builder, on the loaders every
// flagship operation runs: building a statement through the builder (its SELECT list, its
// property names replaced throughout) cost more CPU than running it (measured under issue 12).
// The SELECT list comes from the entity's own metadata, built once, so the rows have exactly the
// entity's properties and a column added to the entity is read here too.
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

export interface EntityColumns<T> {
  /** The entity's table under the alias, for a FROM or JOIN: `"table" "alias"`. */
  readonly from: string;
  /** Every column of the entity as `"alias"."column" AS "alias.property"` (text arrays as JSON), for a SELECT list. */
  readonly select: string;
  /** The entity's properties from a row read with `select`, as the query builder would hydrate them. */
  read(row: Record<string, unknown>): T;
  /**
   * Every column of the entity as one JSON object keyed by property (`json_build_object(...)`), for
   * a list nested in its parent's statement with `json_agg`: one statement for a parent and its
   * children where a fetch asks for both.
   */
  readonly json: string;
  /** The record from one object of `json`, with the values the driver would have given for the row. */
  readJson(object: Record<string, unknown>): T;
  /**
   * A list of the entity's rows as one JSON array (`[]` when none), for a column of its parent's
   * row: `where` ties it to the parent, `order` is its loader's order, `join` any table it is narrowed by.
   */
  jsonList(list: { where: string; order?: string; join?: string }): string;
}

/** How a column's value comes through JSON: as is, or a form the driver's own value is made from. */
type JsonForm = 'as-is' | 'text' | 'timestamp';

/**
 * JSON carries text, numbers, booleans, dates ('yyyy-MM-dd', as the driver is set to keep them),
 * arrays and jsonb as the driver gives them. Two kinds differ: numeric (the driver gives a string,
 * keeping its scale; JSON a number) is sent as text, and a timestamp (the driver gives a Date)
 * comes as ISO 8601 text made into a Date.
 */
function jsonForm(type: unknown): JsonForm {
  if (type === 'numeric' || type === 'decimal') return 'text';
  if (type === 'timestamptz' || type === 'timestamp' || type === 'timestamp with time zone' || type === Date) return 'timestamp';
  if (typeof type === 'string' && /^(text|varchar|character varying|char|character|integer|int|int4|smallint|int2|bigint|boolean|bool|double precision|float8|real|float4|date|jsonb|json)$/.test(type)) return 'as-is';
  if (type === String || type === Number || type === Boolean) return 'as-is';
  // bigint and the like would come through JSON as numbers where the driver gives strings: none is read this way yet.
  throw new Error(`a column of type ${String(type)} is not read through JSON here`);
}

const built = new WeakMap<object, Map<string, EntityColumns<unknown>>>();

/**
 * The columns of `entity` under `alias`. Only for entities whose columns need no transformer: the
 * driver's own parsing (calendar dates kept as strings, see database.ts) is then all the query
 * builder would apply.
 */
export function entityColumns<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, alias: string): EntityColumns<T> {
  const metadata = db.getMetadata(entity);
  let byAlias = built.get(metadata);
  if (!byAlias) built.set(metadata, (byAlias = new Map()));
  let columns = byAlias.get(alias) as EntityColumns<T> | undefined;
  if (!columns) {
    const read = metadata.columns.map((column) => {
      if (column.transformer) throw new Error(`${metadata.name}.${column.propertyName} has a transformer: read it through the query builder`);
      return {
        property: column.propertyName,
        key: `${alias}.${column.propertyName}`,
        name: column.databaseName,
        asJson: column.isArray && column.type === 'text',
        // Checked when a statement first nests the entity, not here: most entities are never nested.
        type: column.type,
      };
    });
    let jsonForms: { property: string; name: string; form: JsonForm }[] | undefined;
    const formsOfJson = () =>
      (jsonForms ??= read.map(({ property, name, type, asJson }) => ({ property, name, form: asJson ? 'as-is' : jsonForm(type) })));
    const shape = Object.fromEntries(read.map(({ property }) => [property, null]));
    columns = {
      from: `"${metadata.tableName}" "${alias}"`,
      // A text array is read as JSON: the driver's parser of array literals builds an object per
      // character (about a kilobyte per array of a few codes), JSON.parse only the strings.
      select: read.map(({ key, name, asJson }) => (asJson ? `to_json("${alias}"."${name}")` : `"${alias}"."${name}"`) + ` AS "${key}"`).join(', '),
      read(row) {
        // Copied from an object of the entity's shape, so each record is made at its full size
        // rather than grown a property at a time.
        const record: Record<string, unknown> = { ...shape };
        for (const { property, key } of read) record[property] = row[key];
        return record as T;
      },
      get json() {
        // json_build_object takes at most 100 arguments: 50 columns. Nested entities have fewer.
        const pairs = formsOfJson().map(({ property, name, form }) => `'${property}', "${alias}"."${name}"${form === 'text' ? '::text' : ''}`);
        if (pairs.length > 50) throw new Error(`${metadata.name} has more than 50 columns: json_build_object cannot take them all`);
        return `json_build_object(${pairs.join(', ')})`;
      },
      jsonList({ where, order, join }) {
        return `(SELECT coalesce(json_agg(${this.json}${order ? ` ORDER BY ${order}` : ''}), '[]') FROM ${this.from}${join ? ` ${join}` : ''} WHERE ${where})`;
      },
      readJson(object) {
        const record: Record<string, unknown> = { ...shape };
        for (const { property, form } of formsOfJson()) {
          const value = object[property] ?? null;
          record[property] = form === 'timestamp' && value !== null ? new Date(value as string) : value;
        }
        return record as T;
      },
    };
    byAlias.set(alias, columns);
  }
  return columns;
}
