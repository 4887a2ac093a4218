import DataLoader from 'dataloader';

/**
 * A loader of one row per key: the batch runs one query for all keys and answers in key order,
 * null where a key has no row.
 */
export function rowLoader<K, V>(
  loadRows: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
  cacheKeyFn?: (key: K) => unknown,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null, unknown>(
    async (keys) => {
      const byKey = new Map<unknown, V>();
      const id = cacheKeyFn ?? ((key: K) => key);
      for (const row of await loadRows(keys)) byKey.set(id(keyOf(row)), row);
      return keys.map((key) => byKey.get(id(key)) ?? null);
    },
    { cacheKeyFn },
  );
}

/**
 * A loader of the rows under each parent key (a list-under-parent field): one query for all
 * parents, an empty list for a parent with none.
 */
export function listLoader<K, V>(
  loadRows: (keys: readonly K[]) => Promise<V[]>,
  parentKeyOf: (row: V) => K,
  cacheKeyFn?: (key: K) => unknown,
  /** The loader's cache, for a caller that must tell whether a list was loaded without loading it. */
  cacheMap?: Map<unknown, Promise<V[]>>,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[], unknown>(
    async (keys) => {
      const byParent = new Map<unknown, V[]>();
      const id = cacheKeyFn ?? ((key: K) => key);
      for (const row of await loadRows(keys)) {
        const parent = id(parentKeyOf(row));
        const list = byParent.get(parent);
        if (list) list.push(row);
        else byParent.set(parent, [row]);
      }
      return keys.map((key) => byParent.get(id(key)) ?? []);
    },
    { cacheKeyFn, cacheMap },
  );
}

/**
 * A row its parent's foreign key guarantees (a trial's sponsor, a visit's engagement): a missing one
 * is a broken database, answered as an unexpected error rather than as a null the schema forbids.
 */
export async function existing<K, V>(loader: DataLoader<K, V | null>, key: K): Promise<V> {
  const row = await loader.load(key);
  if (row === null) throw new Error(`A row the database guarantees is missing: ${String(key)}`);
  return row;
}
