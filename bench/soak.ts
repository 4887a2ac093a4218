// npm run bench:soak -- [--minutes M] [--every S] [--connections C] [--scale N]
//
// Does memory stay flat under load? The whole supergraph runs in a child process (bench/soak-stack.ts,
// with --expose-gc), on embedded PGlite or on the server DATABASE_URL names; this process drives the
// five flagship operations, each as the user it is written for, round after round at C connections
// (default 32) for M minutes (default 1), and asks the stack for its memory after a full garbage
// collection before the load, after one of each operation (warm), every S seconds (default 60) and
// at the end. RSS includes PGlite's WebAssembly memory on the embedded engine; heap used is what
// JavaScript objects keep. Every answer must be HTTP 200; the warm round also checks for GraphQL errors
// other than the rules' FORBIDDEN refusals.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { MemorySample, SoakMessage, SoakRequest, SoakStackOptions } from './soak-stack';

const QUERIES_DIR = resolve(__dirname, '..', '..', 'shared', 'queries');
const FILES: Record<string, string> = {
  SitesInCountry: 'sites-in-country.graphql',
  TrialOverview: 'trial-overview.graphql',
  SitePartnerships: 'site-partnerships.graphql',
  CroPortfolio: 'cro-portfolio.graphql',
  SponsorFeedback: 'sponsor-feedback.graphql',
};

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    every: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
  },
});
const minutes = Number(values.minutes);
const everySeconds = Number(values.every);
const connections = Number(values.connections);

interface Row {
  atSeconds: number;
  requests: number;
  failed: number;
  sample: MemorySample;
}

async function main() {
  const options: SoakStackOptions = { scale: Number(values.scale), seed: Number(values.seed), databaseUrl: process.env.DATABASE_URL };
  const child = fork(resolve(__dirname, 'soak-stack.ts'), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, '--expose-gc'],
  });
  const waiting: ((message: SoakMessage) => void)[] = [];
  child.on('message', (message: SoakMessage) => waiting.shift()?.(message));
  const next = () => new Promise<SoakMessage>((answer) => waiting.push(answer));
  const ask = (request: SoakRequest) => child.send(request);

  const ready = await next();
  if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.message : `unexpected ${ready.type}`);
  const memory = async (): Promise<MemorySample> => {
    ask({ type: 'memory' });
    const answer = await next();
    if (answer.type !== 'memory') throw new Error(`expected memory, got ${answer.type}`);
    return answer.sample;
  };

  const url = new URL(ready.gatewayUrl);
  const requests = ready.flagships.map((flagship) => ({
    method: 'POST' as const,
    path: url.pathname,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${flagship.token}` },
    body: JSON.stringify({ query: readFileSync(resolve(QUERIES_DIR, FILES[flagship.name]), 'utf8'), variables: flagship.variables }),
  }));

  console.log(`Soak: ${ready.engine}, scale ${options.scale}, ${connections} connections, ${minutes} min, memory every ${everySeconds} s`);
  const rows: Row[] = [{ atSeconds: 0, requests: 0, failed: 0, sample: await memory() }];
  // One of each, one at a time: what the stack keeps once every code path and cache has been used
  // once, apart from what the load itself adds.
  let failed = 0;
  for (const request of requests) {
    const response = await fetch(`${url.origin}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
    // The rules' FORBIDDEN refusals are part of the answer (a sponsor is refused the capacity of sites
    // that do not share it), as in bench/run.ts; any other error is a failure.
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (!response.ok || body.errors?.some((error) => error.extensions?.code !== 'FORBIDDEN')) failed += 1;
  }
  const warm = { atSeconds: 0, requests: requests.length, failed, sample: await memory() };
  console.log(`  warm (one of each)  rss ${warm.sample.rssMb} MB  heap used ${warm.sample.heapUsedMb} MB`);
  let total = requests.length;
  const started = Date.now();
  const endsAt = started + minutes * 60_000;
  while (Date.now() < endsAt) {
    const seconds = Math.max(1, Math.round(Math.min(everySeconds * 1000, endsAt - Date.now()) / 1000));
    // A generous timeout: a slow answer is not a failure here, only memory is measured.
    const result = await autocannon({ url: `${url.origin}`, connections, duration: seconds, requests, timeout: 120 });
    total += result.requests.total;
    failed += result.errors + result.timeouts + result.non2xx;
    rows.push({ atSeconds: Math.round((Date.now() - started) / 1000), requests: total, failed, sample: await memory() });
    const last = rows[rows.length - 1];
    console.log(`  ${String(last.atSeconds).padStart(5)} s  ${String(total).padStart(7)} requests  rss ${last.sample.rssMb} MB  heap used ${last.sample.heapUsedMb} MB`);
  }

  const first = rows[0].sample;
  const growth = (now: number, then: number) => `${now >= then ? '+' : ''}${(((now - then) / then) * 100).toFixed(1)} %`;
  console.log('\n| at | requests | failed | RSS MB | heap used MB | heap total MB | external MB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [i, row] of [rows[0], warm, ...rows.slice(1)].entries()) {
    const s = row.sample;
    console.log(
      `| ${i === 0 ? 'start' : i === 1 ? 'warm' : `${row.atSeconds} s`} | ${row.requests} | ${row.failed} | ${s.rssMb} (${growth(s.rssMb, first.rssMb)}) | ${s.heapUsedMb} (${growth(s.heapUsedMb, first.heapUsedMb)}) | ${s.heapTotalMb} | ${s.externalMb} |`,
    );
  }
  ask({ type: 'stop' });
  await new Promise((done) => child.once('exit', done));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
