// The GraphQL-over-HTTP specification's audits (graphql-http's auditServer, what a peer's
// conformance suite runs) against the gateway and each subgraph straight, with a caller's token:
// no MUST is broken. The SHOULDs and MAYs Apollo Server answers otherwise (400 rather than 200 for a
// document that does not parse, GET refused without a header forcing a preflight: CSRF prevention)
// are printed, not hidden.
import { auditServer } from 'graphql-http';
import { generateDemoDataset } from '../seed/generate';
import { PARTIES } from '../platform/config';
import { startTestStack, type TestStack } from './support/stack-harness';
import { asAdmin } from './support/tokens';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(generateDemoDataset({ seed: 3, scale: 0.1 }));
}, 120_000);
afterAll(() => stack?.shutdown());

/** Every request of the audit carries the token, as a client's would. */
async function audit(url: string) {
  const { authorization } = await asAdmin();
  const results = await auditServer({
    url,
    fetchFn: (input: Parameters<typeof fetch>[0], init: RequestInit = {}) =>
      fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers).entries()), authorization } }),
  });
  return results;
}

test.each(['the gateway', ...PARTIES.map((party) => `the ${party} subgraph`)])('%s breaks no MUST of GraphQL over HTTP', async (service) => {
  const party = PARTIES.find((name) => service === `the ${name} subgraph`);
  const url = party ? stack.subgraphUrls[party] : stack.gatewayUrl;
  const results = await audit(url);
  const broken = results.filter((result) => result.status === 'error').map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`);
  const otherwise = results.filter((result) => result.status !== 'ok' && result.status !== 'error').map((result) => `${result.status} ${result.id} ${result.name}`);
  console.info(`${service}: ${results.filter((result) => result.status === 'ok').length} of ${results.length} audits ok; answered otherwise:\n  ${otherwise.join('\n  ')}`);
  expect(results.length).toBeGreaterThan(50);
  expect(broken).toEqual([]);
});
