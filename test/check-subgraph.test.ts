// npm run check and npm run compose reading one of our own subgraphs through _service { sdl }, as an
// operator checks a deployed subgraph: the SDL it serves must compose to the committed API.
import { openSitesDatabase } from '../subgraphs/sites/database';
import { buildSitesSubgraph } from '../subgraphs/sites/server';
import { runScript } from './support/run-script';
import { startSubgraph, type RunningSubgraph } from './support/subgraph-harness';
import { tokenFor } from './support/tokens';

let sites: RunningSubgraph;
beforeAll(async () => {
  // Production mode: `_service { sdl }` answers platform admins only.
  sites = await startSubgraph('sites', openSitesDatabase, (database, access) => buildSitesSubgraph(database, { ...access, production: true }), async () => {});
});
afterAll(() => sites?.stop());

test('the SDL the sites subgraph serves changes nothing clients see', async () => {
  const run = await runScript('check.ts', ['--name', 'sites', '--url', sites.url, '--json'], { COMPOSE_TOKEN: await tokenFor('PLATFORM_ADMIN', 'platform') });
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report).toMatchObject({ composition: { errors: [] }, operations: [], verdict: 'safe' });
  expect(report.changes).toEqual([]);
});

test('in production a caller other than a platform admin gets a one-line FORBIDDEN naming the subgraph, exit 2', async () => {
  const run = await runScript('compose.ts', ['--subgraph', `sites=${sites.url}`, '--check'], { COMPOSE_TOKEN: await tokenFor('SITE', 'site-0001') });
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n').pop()).toMatch(
    new RegExp(`^subgraph sites: ${sites.url} answered _service \\{ sdl \\} with an error \\(HTTP 200\\): FORBIDDEN: In production a subgraph's schema is shown to platform admins only`),
  );
});
