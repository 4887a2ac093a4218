// Rows read as JSON (a child list nested in its parent's statement) must be the very records the
// driver's own rows give: every entity of every subgraph that can be read with explicit SQL is read
// both ways, on the demo dataset, and compared value by value (a timestamp is a Date, a date stays
// 'yyyy-MM-dd', a text array an array, jsonb an object).
import { generateDemoDataset } from '../seed/generate';
import { PARTIES } from '../platform/config';
import { closeDatabases, openDatabases, seedDatabases, type Databases } from '../scripts/local-stack';
import { entityColumns } from '../subgraphs/shared/raw-rows';
import { testDatabaseConfigs } from './support/databases';

let databases: Databases;
let drop: () => Promise<void>;

beforeAll(async () => {
  const configs = testDatabaseConfigs();
  drop = configs.drop;
  databases = await openDatabases(configs.configs);
  await seedDatabases(databases, generateDemoDataset({ scale: 1 }));
}, 180_000);

afterAll(async () => {
  await closeDatabases(databases);
  await drop();
});

test.each(PARTIES)('every entity of the %s subgraph reads the same through JSON as through its rows', async (party) => {
  const db = databases[party].dataSource;
  let compared = 0;
  for (const metadata of db.entityMetadatas) {
    if (metadata.columns.some((column) => column.transformer)) continue;
    const columns = entityColumns(db, metadata.target, 'row');
    const rows: Record<string, unknown>[] = await db.query(`SELECT ${columns.select}, ${columns.json} AS "row.asJson" FROM ${columns.from} LIMIT 200`);
    for (const row of rows) {
      expect(columns.readJson(row['row.asJson'] as Record<string, unknown>)).toEqual(columns.read(row));
      compared += 1;
    }
  }
  expect(compared).toBeGreaterThan(0);
}, 60_000);

test('a timestamp read through JSON is a Date at the same instant', async () => {
  const db = databases.sponsors.dataSource;
  const feedback = entityColumns(db, 'ProtocolFeedbackEntity', 'feedback');
  const [row] = await db.query(`SELECT ${feedback.select}, ${feedback.json} AS object FROM ${feedback.from} LIMIT 1`);
  const fromJson = feedback.readJson(row.object) as { raisedAt: Date };
  expect(fromJson.raisedAt).toBeInstanceOf(Date);
  expect(fromJson.raisedAt.getTime()).toBe((feedback.read(row) as { raisedAt: Date }).raisedAt.getTime());
});
