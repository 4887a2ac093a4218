// The explorer in a real browser with no way out: Debian's headless Chromium (playwright-core drives
// it) against a test stack on localhost, every request to another host aborted and recorded. Pick a
// demo token, open a flagship operation, run it, see its data; a screenshot is saved under
// test-output/. The test fails if the page asked for anything beyond the gateway.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { demoCallers } from '../seed/demo-callers';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { startTestStack, type TestStack } from './support/stack-harness';
import { tokenFor } from './support/tokens';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get install -y --no-install-recommends chromium';
const SCREENSHOTS = resolve(__dirname, '..', 'test-output');
const installed = existsSync(CHROMIUM);
// On CI a missing browser is a failure (.ci/run installs it); on a developer's machine, a skip that says why.
const onCi = process.env.CI === 'true';
if (!installed && !onCi) console.warn(`test/explorer-browser.test.ts skipped: ${CHROMIUM} is missing (${INSTALL})`);
const browserTest = installed || onCi ? test : test.skip;

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const flagship = flagshipVariables(dataset);

let stack: TestStack | undefined;
/** The browser (a persistent context: its own profile), closed even when the test fails midway. */
let browser: BrowserContext | undefined;
let profile: string | undefined;
afterAll(async () => {
  await browser?.close();
  await stack?.shutdown();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

browserTest('offline, the explorer runs a flagship operation as a picked demo token and shows its data, asking nothing of any other host', async () => {
  if (!installed) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (${INSTALL}); .ci/run does`);
  const callers = await Promise.all(
    demoCallers(dataset, flagship, flagship.siteId).map(async (caller) => ({ ...caller, variables: { ...caller.variables }, token: await tokenFor(caller.party, caller.orgId) })),
  );
  stack = await startTestStack(dataset, { EXPLORER_DEMO_CALLERS: JSON.stringify(callers) });
  const origin = new URL(stack.gatewayUrl).origin;
  const sponsor = callers.find((caller) => caller.party === 'SPONSOR')!;

  profile = mkdtempSync(resolve(tmpdir(), 'explorer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
  browser = context;
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
  });

  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto(`${origin}/`);
  // Pick the sponsor's token: the page opens as that caller, its operations first.
  await page.click('a[data-party="SPONSOR"]');
  await page.waitForURL(/\?as=SPONSOR$/);
  await page.locator('#callers a[aria-current]').filter({ hasText: 'SPONSOR' }).waitFor();
  // Choose TrialOverview among the open tabs, and run it.
  // GraphiQL's tabs are draggable (framer-motion's Reorder): a press it takes for the start of a drag
  // does not switch tabs, as a hand that slipped would not; so press again, as a person would.
  const tab = page.locator('.graphiql-tab-button', { hasText: 'TrialOverview' });
  const opened = page.locator('.graphiql-tab-active', { hasText: 'TrialOverview' });
  for (let press = 1; !(await opened.isVisible()); press++) {
    if (press > 10) {
      await page.screenshot({ path: resolve(SCREENSHOTS, 'explorer-failed.png') });
      throw new Error('the TrialOverview tab did not open after 10 presses');
    }
    await tab.click({ delay: 100 });
    await opened.waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  await page.locator('.graphiql-query-editor', { hasText: 'query TrialOverview' }).waitFor();
  const trialNctId = sponsor.variables.nctId as string;
  const response = page.locator('.graphiql-response');
  const answered = response.getByText(`"${trialNctId}"`).first();
  // GraphiQL takes the operation's name from the editor a moment after a tab opens; Run pressed
  // within that moment sends the previous tab's name ("Cannot infer operation …"): press it again.
  const staleName = response.getByText('Cannot infer operation').first();
  try {
    const run = page.locator('.graphiql-execute-button');
    await run.click();
    await answered.or(staleName).waitFor({ timeout: 60_000 });
    if (await staleName.isVisible()) await run.click();
    await answered.waitFor({ timeout: 60_000 });
  } catch (error) {
    // What the page showed instead, for whoever reads the failure.
    await page.screenshot({ path: resolve(SCREENSHOTS, 'explorer-failed.png') });
    throw new Error(`${(error as Error).message}\nresult pane: ${await response.innerText().catch(() => '(none)')}\nother hosts: ${elsewhere.join(', ')}\npage problems: ${problems.join('; ')}`);
  }
  const shown = await response.innerText();
  expect(shown).toContain('"trial"');
  expect(shown).not.toContain('FORBIDDEN');
  // The operation's estimated cost is in the answer, below the data: its author sees it before a limit refuses it.
  await response.click();
  await page.keyboard.press('Control+End');
  await response.getByText('"estimated"').first().waitFor({ timeout: 10_000 });
  expect(await response.innerText()).toMatch(/"estimated":\s+\d+/);

  const screenshot = resolve(SCREENSHOTS, 'explorer-trial-overview.png');
  await page.screenshot({ path: screenshot });
  console.log(`explorer screenshot: ${screenshot}`);
  await context.close();
  browser = undefined;

  expect(elsewhere).toEqual([]);
  expect(problems).toEqual([]);
}, 240_000);
