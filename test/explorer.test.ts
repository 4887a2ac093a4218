// The explorer over HTTP, as a browser and as a client see it: the page at / and for a browser at
// /graphql in development, made of the gateway's own assets only; npm start's demo callers each one
// click away with the flagship operations as examples that answer; nothing of it in production,
// where / is the unknown-path 404; POST /graphql and non-browser GETs as before.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { explorerPage } from '../gateway/explorer';
import { demoCallers } from '../seed/demo-callers';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import type { ExplorerCaller } from '../platform/config';
import { startTestStack, type TestStack } from './support/stack-harness';
import { tokenFor } from './support/tokens';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const flagship = flagshipVariables(dataset);
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** The callers npm start hands its gateway: one per party kind, a token each, variables each may see. */
async function explorerCallers(): Promise<ExplorerCaller[]> {
  return Promise.all(
    demoCallers(dataset, flagship, flagship.siteId).map(async (caller) => ({
      ...caller,
      variables: { ...caller.variables },
      token: await tokenFor(caller.party, caller.orgId),
    })),
  );
}

/** The options the page hands GraphiQL: the JSON argument of its render call. */
function graphiqlOptions(page: string): { defaultTabs: { query: string; variables?: string; headers?: string }[]; headers?: string } {
  const match = page.match(/renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*\}),\s*\);/);
  if (!match) throw new Error('the page does not render GraphiQL');
  return JSON.parse(match[1]);
}

/** Every address the page would have the browser load (scripts, styles, images, fonts, frames, imports). */
function loadedAddresses(page: string): string[] {
  return [
    ...[...page.matchAll(/<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]),
    ...[...page.matchAll(/url\(\s*["']?([^"')\s]+)/gi)].map((match) => match[1]),
    ...[...page.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi)].map((match) => match[1]),
  ];
}

describe('in development', () => {
  let stack: TestStack;
  let callers: ExplorerCaller[];
  let origin: string;
  beforeAll(async () => {
    callers = await explorerCallers();
    stack = await startTestStack(dataset, { EXPLORER_DEMO_CALLERS: JSON.stringify(callers) });
    origin = new URL(stack.gatewayUrl).origin;
  }, 300_000);
  afterAll(() => stack?.shutdown());

  test.each(['/', '/graphql'])('a browser opening %s gets the explorer, which loads nothing from another host', async (path) => {
    const response = await fetch(`${origin}${path}`, { headers: HTML });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    const page = await response.text();
    expect(page).toContain('<title>Partnership supergraph</title>');
    // Only data:, blob: and this origin's own paths: the whole GraphiQL bundle is in the page.
    const elsewhere = loadedAddresses(page).filter((address) => /^(https?:)?\/\//i.test(address) && !address.startsWith(origin));
    expect(elsewhere).toEqual([]);
    expect(page).not.toMatch(/apollographql|embeddable-sandbox|fonts\.googleapis|unpkg\.com|jsdelivr/);
  });

  test('the page offers each demo caller in one click, and opens as the first one', async () => {
    const page = await (await fetch(`${origin}/`, { headers: HTML })).text();
    for (const caller of callers) expect(page).toContain(`href="?as=${caller.party}"`);
    const options = graphiqlOptions(page);
    expect(JSON.parse(options.headers!)).toEqual({ Authorization: `Bearer ${callers[0].token}` });
  });

  test.each(['SITE', 'SPONSOR', 'CRO', 'PATIENT_ADVOCATE', 'PLATFORM_ADMIN'])(
    "as %s, the examples are the flagship operations, its own first, each answering that caller's record with its variables",
    async (party) => {
      const caller = callers.find((candidate) => candidate.party === party)!;
      const options = graphiqlOptions(await (await fetch(`${origin}/?as=${party}`, { headers: HTML })).text());
      const names = options.defaultTabs.map((tab) => tab.query.match(/query (\w+)/)![1]);
      expect([...names].sort()).toEqual(['CroPortfolio', 'SitePartnerships', 'SitesInCountry', 'SponsorFeedback', 'TrialOverview']);
      expect(names.slice(0, caller.operations!.length)).toEqual(caller.operations);
      for (const tab of options.defaultTabs) {
        const headers = JSON.parse(tab.headers!) as Record<string, string>;
        expect(headers).toEqual({ Authorization: `Bearer ${caller.token}` });
        // Run as GraphiQL runs it: the tab's document, variables and headers, POSTed to /graphql.
        const { data, errors } = await stack.query(tab.query, JSON.parse(tab.variables!), { authorization: headers.Authorization });
        // The record the variables name is one this caller may see: the root field answers, never refused.
        const root = Object.keys(data ?? {})[0];
        expect(root).toBeDefined();
        expect(data[root]).not.toBeNull();
        expect((errors ?? []).filter((error) => error.path?.length === 1)).toEqual([]);
        if (caller.operations!.includes(names[options.defaultTabs.indexOf(tab)])) {
          expect((errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN')).toEqual([]);
        }
      }
    },
  );

  test('POST /graphql answers as before, and a GET that is not a browser opening the page is no explorer', async () => {
    const { data, errors } = await stack.query('{ sites { totalCount } }');
    expect(errors).toBeUndefined();
    expect(data.sites.totalCount).toBe(dataset.sites.length);

    const asJson = await fetch(`${origin}/graphql`, { headers: { accept: 'application/json' } });
    expect(asJson.status).toBe(401);
    expect(await asJson.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });

    const query = encodeURIComponent('{ sites { totalCount } }');
    const overGet = await fetch(`${origin}/graphql?query=${query}`, {
      headers: { ...HTML, authorization: `Bearer ${callers[4].token}`, 'apollo-require-preflight': 'true' },
    });
    expect(overGet.headers.get('content-type')).toMatch(/json/);
    // A development answer carries the operation's estimated cost beside the data.
    expect(await overGet.json()).toEqual({ data: { sites: { totalCount: dataset.sites.length } }, extensions: { cost: expect.any(Object) } });
  });
});

describe('in production', () => {
  let stack: TestStack;
  let origin: string;
  beforeAll(async () => {
    // Demo callers handed to a production gateway are ignored, as is the explorer itself.
    stack = await startTestStack(dataset, { NODE_ENV: 'production', EXPLORER_DEMO_CALLERS: JSON.stringify(await explorerCallers()) });
    origin = new URL(stack.gatewayUrl).origin;
  }, 300_000);
  afterAll(() => stack?.shutdown());

  test('GET / is the unknown-path 404 and a browser at /graphql gets no page; POST /graphql works', async () => {
    const root = await fetch(`${origin}/`, { headers: HTML });
    expect(root.status).toBe(404);
    expect(root.headers.get('content-type')).toMatch(/json/);
    expect(await root.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });

    const browser = await fetch(`${origin}/graphql`, { headers: HTML });
    expect(browser.headers.get('content-type')).not.toMatch(/html/);
    expect(await browser.text()).not.toMatch(/GraphiQL|<html/i);

    // Production runs the trusted documents only: a flagship operation, as a client sends it.
    const trialOverview = readFileSync(resolve(__dirname, '..', 'operations', 'trial-overview.graphql'), 'utf8');
    const { data, errors } = await stack.query(trialOverview, { nctId: flagship.nctId });
    expect(errors).toBeUndefined();
    expect(data.trial.nctId).toBe(flagship.nctId);
  });
});

test("an operation whose text holds `</script>` stays inside the page's script, whole", () => {
  const hostile = '# a comment that ends a script: </script><script>alert(1)</script>\nquery Hostile { sites { totalCount } }';
  const page = explorerPage({ demoCallers: [] }, [{ name: 'Hostile', document: hostile, variables: [] }]);
  // (A boolean: a failure must not print the 9 MB page.)
  expect(page.includes('</script><script>alert(1)')).toBe(false);
  // What GraphiQL is handed is the operation's text as written.
  const handed = page.match(/renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*\}),\s*\);/s)![1];
  expect(JSON.parse(handed).defaultTabs[0].query).toBe(hostile);
});
