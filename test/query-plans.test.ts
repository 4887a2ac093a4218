// The loaders' SQL on a dataset at a realistic scale: every statement the five flagship operations
// (and one asking the lists none of them asks) send, as each kind of caller, is EXPLAINed with the parameters it was sent with. A lookup that
// scans a large table sequentially fails (the planner, with the statistics seeding leaves, found
// nothing better), and so does a lookup no index can serve, whatever its table's size (with
// sequential scans priced out, the planner still had to read a whole table and filter it).
import type { DataSource } from 'typeorm';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import type { DemoDataset } from '../seed/model';
import { PARTIES, type Party } from '../platform/config';
import type { SentStatement } from '../subgraphs/shared/database';
import { flagshipCallers, flagshipRequests, operation } from './support/flagships';
import { startTestStack, type TestStack } from './support/stack-harness';
import { as } from './support/tokens';

/**
 * Scale 3: 600 sites, 7,700 trial sites, 21,000 survey responses, 37,000 monitoring visits, so
 * the planner's choices are those of a real dataset, and it seeds in seconds on either engine.
 */
const SCALE = 3;
/** A table is large from this many rows. */
const LARGE_TABLE_ROWS = 5000;
/**
 * A scan of a large table keeping less than this share of its rows is a lookup an index should
 * serve; keeping more (a page of 100 sites is a sixth of them at this scale), reading the table
 * whole can be the cheaper plan, and is the planner's to choose.
 */
const LOOKUP_SHARE = 0.1;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  /** The planner's estimate of the rows the node returns. */
  'Plan Rows': number;
  Plans?: PlanNode[];
}

/**
 * A scan that reads its whole table, or a whole index in its order, and filters the rows: a lookup
 * no index served. (One without a filter reads every row by design, as the tally of every response
 * does for a caller who sees them all.)
 */
const filtersWholeTable = (node: PlanNode) =>
  ['Seq Scan', 'Index Scan', 'Index Only Scan'].includes(node['Node Type']) && !node['Index Cond'] && node.Filter !== undefined;

let dataset: DemoDataset;
let stack: TestStack;
/** Each distinct statement the operations sent (text and parameters), by subgraph. */
const statements: Record<Party, Map<string, SentStatement>> = { sites: new Map(), sponsors: new Map(), cros: new Map(), insights: new Map() };

/** The lists no flagship operation asks for, so that every loader's statement is EXPLAINed. */
const OTHER_LISTS = `query OtherLists($siteId: ID!, $nctId: String!) {
  site(id: $siteId) { staff { trainings { name } } assets { id } capacity { blackoutPeriods { startsOn } } craTurnover { rate } }
  trial(nctId: $nctId) {
    craTurnover { rate }
    protocolVersions { version }
    reviewInvitations { invitedOn }
    feedback { id }
    engagements { monitoringVisits { id } actions { id } }
  }
}`;

beforeAll(async () => {
  dataset = generateDemoDataset({ seed: 42, scale: SCALE });
  stack = await startTestStack(dataset);
  const v = flagshipVariables(dataset);
  const callers = flagshipCallers(dataset);
  const flagships = flagshipRequests(dataset);
  const asked: [string, Record<string, unknown>][] = [
    ...flagships.map(([file, variables]): [string, Record<string, unknown>] => [operation(file), variables]),
    [OTHER_LISTS, { siteId: v.siteId, nctId: v.nctId }],
  ];
  for (const party of PARTIES) stack.databases[party].statements.recorded = [];
  for (const [query, variables] of asked) {
    for (const [kind, orgId] of callers) {
      const response = await stack.query(query, variables, await as(kind, orgId));
      // Refusals are answers here; anything else would mean statements were not sent.
      expect((response.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    }
  }
  for (const party of PARTIES) {
    const { statements: counter } = stack.databases[party];
    for (const sent of counter.recorded ?? []) {
      if (/^\s*(SELECT|WITH)\b/i.test(sent.query)) statements[party].set(JSON.stringify(sent), sent);
    }
    counter.recorded = null;
  }
}, 600_000);

afterAll(async () => {
  await stack?.shutdown();
});

/** The plan of a statement, on a data source or inside a transaction (its manager). */
async function planOf(db: Pick<DataSource, 'query'>, { query, parameters }: SentStatement): Promise<PlanNode> {
  const [row] = await db.query(`EXPLAIN (FORMAT JSON) ${query}`, parameters);
  const plan = row['QUERY PLAN'];
  return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
}

function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodesOf(child);
}

const excerpt = (query: string) => query.replace(/\s+/g, ' ').replace(/SELECT .*? FROM /, 'SELECT … FROM ').slice(0, 240);

test('seeding leaves the planner statistics of every table it filled', async () => {
  for (const party of PARTIES) {
    const db = stack.databases[party].dataSource;
    for (const { tableName } of db.entityMetadatas) {
      const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM "${tableName}"`);
      if (rows === 0) continue;
      const [{ columns }] = await db.query(`SELECT count(*)::int AS columns FROM pg_stats WHERE schemaname = 'public' AND tablename = $1`, [tableName]);
      expect({ party, tableName, analyzed: columns > 0 }).toEqual({ party, tableName, analyzed: true });
    }
  }
});

test('the operations send statements to every subgraph', () => {
  for (const party of PARTIES) expect(statements[party].size).toBeGreaterThan(0);
});

test('no lookup the loaders send reads a large table whole', async () => {
  const scans: string[] = [];
  for (const party of PARTIES) {
    const db = stack.databases[party].dataSource;
    for (const sent of statements[party].values()) {
      for (const node of nodesOf(await planOf(db, sent))) {
        if (!filtersWholeTable(node)) continue;
        const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM "${node['Relation Name']}"`);
        if (rows >= LARGE_TABLE_ROWS && node['Plan Rows'] < rows * LOOKUP_SHARE) {
          scans.push(`${party}: ${node['Relation Name']} (${node['Plan Rows']} of ${rows} rows) in ${excerpt(sent.query)}`);
        }
      }
    }
  }
  expect(scans).toEqual([]);
});

/** The columns that lead an index of each table: an equality on one of them has an index to use. */
async function leadingIndexColumns(db: DataSource): Promise<Map<string, Set<string>>> {
  const rows: { table: string; column: string }[] = await db.query(
    `SELECT c.relname AS "table", a.attname AS "column"
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'`,
  );
  const leading = new Map<string, Set<string>>();
  for (const { table, column } of rows) leading.set(table, (leading.get(table) ?? new Set()).add(column));
  return leading;
}

/** The columns a filter compares for equality (`(sponsor_id = 'x'::text)`, `(site_id = ANY (...))`). */
const equalityColumns = (filter: string) => [...filter.matchAll(/\(?"?(\w+)"?\s*=\s*/g)].map((match) => match[1]);

test('every lookup the loaders send has an index to use, whatever the size of its table', async () => {
  // Sequential scans priced out, a table still read whole and filtered by equality on columns no
  // index leads with is a lookup no index can serve.
  const unserved: string[] = [];
  for (const party of PARTIES) {
    const db = stack.databases[party].dataSource;
    const leading = await leadingIndexColumns(db);
    for (const sent of statements[party].values()) {
      const plan = await db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        return planOf(tx, sent);
      });
      for (const node of nodesOf(plan)) {
        const columns = node.Filter ? equalityColumns(node.Filter) : [];
        const indexed = leading.get(node['Relation Name'] ?? '') ?? new Set();
        if (filtersWholeTable(node) && columns.length > 0 && !columns.some((column) => indexed.has(column))) {
          unserved.push(`${party}: ${node['Relation Name']} filtered by ${node.Filter} in ${excerpt(sent.query)}`);
        }
      }
    }
  }
  expect(unserved).toEqual([]);
});
