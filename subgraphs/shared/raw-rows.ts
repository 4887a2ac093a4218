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
      };
    });
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
    };
    byAlias.set(alias, columns);
  }
  return columns;
}
