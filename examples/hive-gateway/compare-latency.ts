// How Hive Gateway (this folder's configuration) compares with our gateway in latency over the same
// subgraphs: the five flagship operations, one request at a time, the two gateways alternated round
// by round, each operation as its own user. A rough figure taken by hand, not a benchmark: PGlite,
// the subgraphs, both gateways and this client all share one Node process.
//   npx tsx examples/hive-gateway/compare-latency.ts [scale] [rounds]     (defaults 1 and 40)
import 'reflect-metadata';
import { flagshipVariables } from '../../seed/flagship-variables';
import { generateDemoDataset } from '../../seed/generate';
import { databaseConfigs, PARTIES } from '../../platform/config';
import type { PartyKind } from '../../platform/identity';
import { closeDatabases, openDatabases, seedDatabases, startLocalStack } from '../../scripts/local-stack';
import { as, TEST_ENV } from '../../test/support/tokens';
import { operation } from '../../test/support/flagships';
import { startHiveGateway } from '../../test/support/hive-gateway';
import { hiveGatewayConfig } from './hive-gateway-config';

const scale = Number(process.argv[2] ?? 1);
const rounds = Number(process.argv[3] ?? 40);
const WARM_UP = 5;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function timed(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = (await response.json()) as { data?: unknown };
  if (!answer.data) throw new Error(`${url} answered no data: ${JSON.stringify(answer).slice(0, 300)}`);
  return performance.now() - started;
}

async function main() {
  const dataset = generateDemoDataset({ seed: 42, scale });
  const v = flagshipVariables(dataset);
  const trialSponsorId = dataset.trials.find((trial) => trial.nctId === v.nctId)!.sponsorId;
  // Each operation as the user it is written for, as the benchmark asks them (docs/benchmark.md).
  const flagships: [string, string, Record<string, unknown>, PartyKind, string][] = [
    ['SitesInCountry', 'sites-in-country.graphql', { countryCode: v.countryCode, first: 100 }, 'SPONSOR', v.sponsorId],
    ['TrialOverview', 'trial-overview.graphql', { nctId: v.nctId }, 'SPONSOR', trialSponsorId],
    ['SitePartnerships', 'site-partnerships.graphql', { siteId: v.siteId }, 'SITE', v.siteId],
    ['CroPortfolio', 'cro-portfolio.graphql', { croId: v.croId }, 'CRO', v.croId],
    ['SponsorFeedback', 'sponsor-feedback.graphql', { sponsorId: v.sponsorId }, 'SPONSOR', v.sponsorId],
  ];

  console.log(`seeding the demo dataset at scale ${scale} in memory …`);
  const databases = await openDatabases(databaseConfigs({ DATA_DIR: ':memory:' }));
  await seedDatabases(databases, dataset, (line) => console.log(line));
  const ports = { gateway: 0, sites: 0, sponsors: 0, cros: 0, insights: 0 };
  const stack = await startLocalStack({ databases, ports, env: TEST_ENV });
  const env = { ...TEST_ENV, ...Object.fromEntries(PARTIES.map((party) => [`${party.toUpperCase()}_URL`, stack.subgraphUrls[party]])) };
  const hive = await startHiveGateway(hiveGatewayConfig(env));
  try {
    console.log(`${'operation'.padEnd(18)} ${'ours p50'.padStart(9)} ${'hive p50'.padStart(9)}  hive/ours  (${rounds} rounds each)`);
    for (const [name, file, variables, kind, orgId] of flagships) {
      const body = JSON.stringify({ query: operation(file), variables });
      const headers = await as(kind, orgId);
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let round = 0; round < WARM_UP + rounds; round += 1) {
        const o = await timed(stack.gatewayUrl, body, headers);
        const h = await timed(hive.url, body, headers);
        if (round >= WARM_UP) {
          ours.push(o);
          theirs.push(h);
        }
      }
      const [p50ours, p50hive] = [median(ours), median(theirs)];
      console.log(`${name.padEnd(18)} ${p50ours.toFixed(1).padStart(7)}ms ${p50hive.toFixed(1).padStart(7)}ms  ${(p50hive / p50ours).toFixed(2).padStart(9)}`);
    }
  } finally {
    await hive.stop();
    await stack.stop();
    await closeDatabases(databases);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
