// One context per request: the gateway's fetches and the relationship checks other subgraphs make
// for the same request (same x-request-id, same caller's token) share a subgraph's loaders, so no
// statement runs twice in a request; another caller or another request gets a context of its own.
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { PARTIES } from '../platform/config';
import { postGraphQL } from './support/subgraph-harness';
import { flagshipCallers, flagshipRequests, operation } from './support/flagships';
import { startTestStack, type TestStack } from './support/stack-harness';
import { as } from './support/tokens';

const dataset = generateDemoDataset({ seed: 42, scale: 0.2 });
const v = flagshipVariables(dataset);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(dataset);
}, 300_000);

afterAll(async () => {
  await stack?.shutdown();
});

/** A statement and its parameters, lists in any order: the same lookup however its keys were batched. */
const lookupOf = (query: string, parameters: unknown[]) =>
  JSON.stringify([query, parameters.map((value) => (Array.isArray(value) ? [...value].map(String).sort() : value))]);

test('no subgraph runs the same lookup twice in one request, for any flagship operation and caller', async () => {
  const callers = flagshipCallers(dataset);
  const flagships = flagshipRequests(dataset);
  const repeated: string[] = [];
  let statements = 0;
  for (const [file, variables] of flagships) {
    for (const [kind, orgId] of callers) {
      for (const party of PARTIES) stack.databases[party].statements.recorded = [];
      await stack.query(operation(file), variables, await as(kind, orgId));
      for (const party of PARTIES) {
        const seen = new Set<string>();
        for (const { query, parameters } of stack.databases[party].statements.recorded ?? []) {
          statements += 1;
          const lookup = lookupOf(query, parameters);
          if (seen.has(lookup)) repeated.push(`${file} as ${kind} ${orgId}: ${party} ran again ${query.replace(/\s+/g, ' ').slice(0, 160)}`);
          seen.add(lookup);
        }
        stack.databases[party].statements.recorded = null;
      }
    }
  }
  expect(statements).toBeGreaterThan(0);
  expect(repeated).toEqual([]);
});

test('calls with the same request id and token share loaders; another token or another request id does not', async () => {
  const query = 'query ($id: ID!) { sponsor(id: $id) { name trials { nctId } } }';
  const sponsorsUrl = stack.subgraphUrls.sponsors;
  const sponsor = await as('SPONSOR', v.sponsorId);
  const statementsOf = (headers: Record<string, string>) =>
    stack.countStatements(() => postGraphQL(sponsorsUrl, query, { id: v.sponsorId }, headers));

  const first = await statementsOf({ ...sponsor, 'x-request-id': 'shared-context-1' });
  expect(first.sponsors).toBeGreaterThan(0);
  expect((await statementsOf({ ...sponsor, 'x-request-id': 'shared-context-1' })).sponsors).toBe(0);
  expect((await statementsOf({ ...(await as('PLATFORM_ADMIN', 'platform')), 'x-request-id': 'shared-context-1' })).sponsors).toBe(first.sponsors);
  expect((await statementsOf({ ...sponsor, 'x-request-id': 'shared-context-2' })).sponsors).toBe(first.sponsors);
});

test('two gateway requests with the same request id do not share a context: the second reads its rows again', async () => {
  const query = 'query ($id: ID!) { sponsor(id: $id) { name trials { nctId } } }';
  const headers = { ...(await as('SPONSOR', v.sponsorId)), 'x-request-id': 'repeated-by-the-caller' };
  const ask = () => stack.countStatements(() => postGraphQL(stack.gatewayUrl, query, { id: v.sponsorId }, headers));
  const first = await ask();
  expect(first.sponsors).toBeGreaterThan(0);
  expect((await ask()).sponsors).toBe(first.sponsors);
});
