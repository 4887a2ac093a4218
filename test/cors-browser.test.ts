// CORS as a frontend meets it: a page served from another origin, in Debian's headless Chromium,
// calls the gateway with a token. From an origin CORS_ORIGINS lists, the browser sends the preflight,
// the gateway answers it without a token, and the page reads the data and the x-request-id header;
// from the same page at an origin not listed, the browser refuses the page the answer.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { generateDemoDataset } from '../seed/generate';
import { startTestStack, type TestStack } from './support/stack-harness';
import { tokenFor } from './support/tokens';

const CHROMIUM = '/usr/bin/chromium';
const installed = existsSync(CHROMIUM);
const onCi = process.env.CI === 'true';
if (!installed && !onCi) console.warn(`test/cors-browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium)`);
const browserTest = installed || onCi ? test : test.skip;

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
let stack: TestStack | undefined;
let pages: Server | undefined;
let browser: BrowserContext | undefined;
let profile: string | undefined;
afterAll(async () => {
  await browser?.close();
  await stack?.shutdown();
  await new Promise((done) => (pages ? pages.close(done) : done(undefined)));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A frontend's page: it asks the gateway for the number of sites, and shows what it got or why not. */
function frontendPage(gatewayUrl: string, token: string): string {
  const call = JSON.stringify({ gatewayUrl, token });
  return `<!doctype html><html><body><pre id="out">waiting</pre><script>
    const { gatewayUrl, token } = ${call.replace(/</g, '\\u003c')};
    fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: '{ sites { totalCount } }' }),
    })
      .then(async (response) => 'answered ' + JSON.stringify({ data: (await response.json()).data, requestId: response.headers.get('x-request-id') }))
      .catch((error) => 'refused ' + error.name)
      .then((text) => { document.getElementById('out').textContent = text; });
  </script></body></html>`;
}

browserTest('a page on an allowed origin calls the gateway; the same page on another origin cannot read its answer', async () => {
  if (!installed) throw new Error(`${CHROMIUM} is missing: install Debian's chromium; .ci/run does`);
  let page = '';
  pages = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((listening) => pages!.listen(0, '127.0.0.1', listening));
  const port = (pages.address() as AddressInfo).port;
  const allowed = `http://localhost:${port}`;
  const notAllowed = `http://127.0.0.1:${port}`;
  stack = await startTestStack(dataset, { CORS_ORIGINS: allowed });
  page = frontendPage(stack.gatewayUrl, await tokenFor('PLATFORM_ADMIN', 'platform'));

  profile = mkdtempSync(resolve(tmpdir(), 'cors-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const tab = browser.pages()[0] ?? (await browser.newPage());
  const shown = async (origin: string) => {
    await tab.goto(`${origin}/`);
    await tab.locator('#out', { hasNotText: 'waiting' }).waitFor({ timeout: 30_000 });
    return tab.locator('#out').innerText();
  };

  const fromAllowed = await shown(allowed);
  expect(fromAllowed).toMatch(/^answered /);
  const answer = JSON.parse(fromAllowed.slice('answered '.length));
  expect(answer.data).toEqual({ sites: { totalCount: dataset.sites.length } });
  expect(answer.requestId).toEqual(expect.any(String));

  expect(await shown(notAllowed)).toBe('refused TypeError');
});
