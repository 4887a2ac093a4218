// A subgraph that stalls costs the requests that need it one timeout, and the caller learns which one.
import express from 'express';
import { buildGateway, type GatewayService } from '../gateway/gateway';
import { identityVerifier } from '../platform/identity';
import { listen, type Listening } from '../platform/http';
import { postGraphQL } from './support/subgraph-harness';
import { asAdmin, TEST_IDENTITY } from './support/tokens';

const TIMEOUT_MS = 300;

let gateway: GatewayService;
let gatewayListening: Listening;
let stalledListening: Listening;
const stalledRequests = new Set<express.Response>();

beforeAll(async () => {
  // Takes every request and never answers, as a subgraph stuck on its database does.
  const stalled = express();
  stalled.use((_req, res) => void stalledRequests.add(res));
  stalledListening = await listen(stalled, 0);
  gateway = await buildGateway({
    subgraphUrls: { insights: stalledListening.url },
    subgraphTimeoutMs: TIMEOUT_MS,
    identity: identityVerifier(TEST_IDENTITY),
  });
  gatewayListening = await listen(gateway.app, 0);
});

afterAll(async () => {
  for (const res of stalledRequests) res.destroy();
  await gatewayListening?.close();
  await gateway?.stop();
  await stalledListening?.close();
});

test('a fetch to a stalled subgraph is given up after the timeout, with an error naming the subgraph', async () => {
  // The stalled subgraph never answers: any answer at all is the gateway giving up on it.
  const answer = await postGraphQL(gatewayListening.url, '{ advocateReviews { id } }', undefined, await asAdmin());

  expect(stalledRequests.size).toBeGreaterThan(0);
  expect(answer.errors).toEqual([
    expect.objectContaining({
      message: expect.stringContaining('insights'),
      path: ['advocateReviews'],
      extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph: 'insights', serviceName: 'insights' },
    }),
  ]);
});
