// The benchmark's SQL floor: one statement per subgraph fetch in the plan the gateway makes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { operationPlanner } from '../bench/query-plan';
import { SUPERGRAPH_FILE } from '../gateway/compose-supergraph';

const planner = operationPlanner(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const flagship = (file: string) => readFileSync(resolve(__dirname, '..', '..', 'shared', 'queries', file), 'utf8');

test.each([
  // The root list in sites, then one fetch of the page's sites from each of the other three.
  ['sites-in-country.graphql', { sites: 1, sponsors: 1, cros: 1, insights: 1 }],
  ['trial-overview.graphql', { sponsors: 1, cros: 1, sites: 1, insights: 1 }],
  // Sponsors twice: the site's partnerships, then the trials of the CRO staff's assignments.
  ['site-partnerships.graphql', { sites: 1, sponsors: 2, cros: 1 }],
  ['cro-portfolio.graphql', { cros: 1, sponsors: 2 }],
  ['sponsor-feedback.graphql', { sponsors: 1, sites: 2 }],
])('%s: fetches per subgraph in its query plan', (file, expected) => {
  expect(planner.fetchesPerSubgraph(flagship(file))).toEqual(expected);
});

test('an operation on one subgraph is one fetch; a field another subgraph resolves adds a fetch there', () => {
  expect(planner.fetchesPerSubgraph('{ sites(first: 1) { totalCount } }')).toEqual({ sites: 1 });
  expect(planner.fetchesPerSubgraph('{ sites(first: 1) { edges { node { id trials { status } } } } }')).toEqual({ sites: 1, sponsors: 1 });
});
