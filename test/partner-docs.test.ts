// Every command docs/partners.md gives a partner to copy and paste is run, as written: its "Join and
// leave" block by test/partner-live.test.ts (against a running gateway), every other sh block here,
// against the example partner started with the page's own `npm run partner:example`. Ports and
// output files are made this test's own; nothing committed changes.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Supergraph } from '@apollo/federation-internals';
import { readSupergraphConfig, SCHEMA_DIR, SUPERGRAPH_FILE } from '../gateway/compose-supergraph';
import { PROJECT_ROOT } from '../platform/project-root';
import { partySupergraphConfig } from './support/party-supergraph';
import { serveSubgraphSdl } from './support/sdl-server';
import { runInShell } from './support/run-script';
import { TEST_ENV } from './support/tokens';

const DOC = resolve(PROJECT_ROOT, 'docs', 'partners.md');
/** Run by test/partner-live.test.ts, in its order, against a gateway that serves what they write. */
const RUN_ELSEWHERE = '## Join and leave a running supergraph';
/** Long-running: `npm start` is test/start.test.ts's; the example is started here by its own line. */
const STARTS_A_SERVICE = ['npm start', 'npm run partner:example'];

interface Block {
  section: string;
  /** Its commands: comments and blank lines left out, a line ending in \ joined with the next. */
  commands: string[];
}

function shBlocks(): Block[] {
  const page = readFileSync(DOC, 'utf8');
  const blocks: Block[] = [];
  let section = '';
  for (const match of page.matchAll(/^(## .*)$|^```sh\n([\s\S]*?)^```/gm)) {
    if (match[1]) {
      section = match[1];
      continue;
    }
    const commands = match[2]
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line && !line.startsWith('#'));
    blocks.push({ section, commands });
  }
  return blocks;
}

const blocks = shBlocks();
const here = blocks.filter((block) => block.section !== RUN_ELSEWHERE);

let partner: ChildProcess;
let partnerBase: string;
let siteNetwork: Awaited<ReturnType<typeof serveSubgraphSdl>>;
let folder: string;

/**
 * A documented line with this test's partner addresses and files in place of the page's. Where the
 * page names the running subgraph site_network, a site network's SDL answers (the EHR example under
 * that name would clash with ehr_partner once a team composes the example in for good).
 */
function concrete(line: string): string {
  return line
    .replace(/(site_network=|--name site_network --url )http:\/\/localhost:4010\/graphql/, `$1${siteNetwork.url}`)
    .replaceAll('http://localhost:4010', partnerBase)
    .replaceAll('/tmp/supergraph.graphql', join(folder, 'supergraph.graphql'))
    .replaceAll('./partner/site-network.graphql', 'examples/partner-site-network.graphql')
    .replaceAll('./staging/', `${join(folder, 'staging')}/`);
}

/** Runs lines in one bash, from the project root, as a partner's shell would (the test secret signs tokens). */
const run = (lines: string[]) => runInShell(lines.map(concrete), { ...TEST_ENV, NODE_ENV: 'development' });

const commandsOf = (section: string) => here.find((block) => block.section === section)?.commands ?? [];
const commandIn = (section: string, start: string) => {
  const found = commandsOf(section).find((command) => command.startsWith(start));
  if (!found) throw new Error(`${section} has no command starting ${start}`);
  return found;
};

/** What every file under schema/ holds: the commands below write elsewhere, or write it unchanged. */
const schemaDigest = () =>
  readdirSync(SCHEMA_DIR)
    .sort()
    .map((name) => `${name}:${createHash('sha256').update(readFileSync(join(SCHEMA_DIR, name))).digest('hex')}`)
    .join('\n');
let digestBefore: string;

beforeAll(async () => {
  digestBefore = schemaDigest();
  siteNetwork = await serveSubgraphSdl(readFileSync(resolve(PROJECT_ROOT, 'examples', 'partner-site-network.graphql'), 'utf8'));
  folder = mkdtempSync(join(tmpdir(), 'partner-docs-'));
  mkdirSync(join(folder, 'staging'));
  writeFileSync(join(folder, 'staging', 'supergraph.yaml'), readFileSync(partySupergraphConfig()));
  // The page's own line, on a free port (PORT=... moves it, the page says), in a process group of its own.
  const line = commandIn('## Run the example', 'npm run partner:example');
  partner = spawn('bash', ['-c', `exec ${line}`], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...TEST_ENV, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  partnerBase = await new Promise<string>((ready, failed) => {
    let stderr = '';
    partner.stderr!.on('data', (chunk) => (stderr += chunk));
    partner.once('exit', (code) => failed(new Error(`npm run partner:example exited (${code}): ${stderr}`)));
    createInterface({ input: partner.stdout! }).on('line', (output) => {
      const url = /ready at (http:\/\/[^/\s]+)\/graphql/.exec(output)?.[1];
      if (url) ready(url);
    });
  });
}, 120_000);

afterAll(async () => {
  if (partner?.pid && partner.exitCode === null) {
    const exited = new Promise((done) => partner.once('exit', done));
    process.kill(-partner.pid, 'SIGTERM');
    await exited;
  }
  await siteNetwork?.close();
  rmSync(folder, { recursive: true, force: true });
});

test('every sh block of the page is run: the join-and-leave one by partner-live.test.ts, the others here', () => {
  expect(blocks.filter((block) => block.section === RUN_ELSEWHERE)).toHaveLength(1);
  expect(here.map((block) => [block.section, block.commands])).toEqual([
    ['## Run the example', ['npm start', 'npm run partner:example', "curl -s http://localhost:4010/health -o /dev/null -w '%{http_code}\\n'"]],
    [
      '## Run the example',
      [
        'TOKEN=$(npm run -s token -- --party SITE --org site-0110)',
        `curl -s http://localhost:4010/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"query":"{ _entities(representations: [{ __typename: \\"Site\\", id: \\"site-0110\\" }]) { ... on Site { ehrIntegration { system status goLiveDate } } } }"}'`,
      ],
    ],
    [
      '## Run the example',
      [
        'npm run check -- --name ehr_partner --url http://localhost:4010/graphql',
        'npm run compose -- --subgraph ehr_partner=http://localhost:4010/graphql --output /tmp/supergraph.graphql',
      ],
    ],
    [
      '## Check before you deploy',
      [
        'npm run check -- --name site_network --schema ./partner/site-network.graphql',
        'npm run check -- --name site_network --url http://localhost:4010/graphql',
        'npm run -s check -- --name sites --schema schema/sites.graphql --json',
      ],
    ],
    [
      '## Compose',
      [
        'npm run compose',
        'npm run compose -- --check',
        'npm run compose -- --subgraph site_network=http://localhost:4010/graphql --without insights --output /tmp/supergraph.graphql',
        'npm run compose -- --config ./staging/supergraph.yaml --output ./staging/supergraph.graphql',
      ],
    ],
  ]);
  expect(STARTS_A_SERVICE.every((line) => here.some((block) => block.commands.includes(line)))).toBe(true);
});

describe('## Run the example', () => {
  test('the example answers GET /health with 200', async () => {
    const [, , health] = here[0].commands;
    expect(await run([health])).toMatchObject({ code: 0, stdout: '200\n' });
  });

  test('asked for _entities directly as the demo site, with a token from npm run -s token, it answers that site\'s EHR integration', async () => {
    const answered = await run(here[1].commands);
    expect(answered.code).toBe(0);
    expect(JSON.parse(answered.stdout)).toEqual({
      data: { _entities: [{ ehrIntegration: { system: 'EPIC', status: 'LIVE', goLiveDate: '2025-03-17' } }] },
    });
  });

  test('with it running, check by its URL says safe (exit 0), and compose writes a supergraph with it where the page says', async () => {
    const [check, compose] = here[2].commands;
    const checked = await run([check]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/^verdict: safe /m);
    const composed = await run([compose]);
    expect(composed.code).toBe(0);
    const supergraph = Supergraph.build(readFileSync(join(folder, 'supergraph.graphql'), 'utf8'));
    expect(supergraph.subgraphs().get('ehr_partner')!.url).toBe(`${partnerBase}/graphql`);
  });
});

describe('## Check before you deploy', () => {
  test('an SDL file, a running subgraph and our own sites subgraph as JSON are each safe (exit 0)', async () => {
    const [file, url, json] = commandsOf('## Check before you deploy');
    for (const command of [file, url]) {
      const checked = await run([command]);
      expect(checked).toMatchObject({ code: 0 });
      expect(checked.stdout).toMatch(/^verdict: safe /m);
    }
    const checked = await run([json]);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ composition: { errors: [] }, changes: [], operations: [], verdict: 'safe' });
  });
});

describe('## Compose', () => {
  const yamlNames = readSupergraphConfig().map((entry) => entry.name);

  test('npm run compose writes the committed supergraph as it is, and --check finds it up to date', async () => {
    const [compose, check] = commandsOf('## Compose');
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    // After npm's banner: `> partnership-supergraph@… compose` and the command it runs.
    const composed = await run([compose]);
    expect(composed.code).toBe(0);
    expect(composed.stdout.trimEnd().split('\n').at(-1)).toBe(`wrote schema/supergraph.graphql (${yamlNames.join(', ')})`);
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(committed);
    const checked = await run([check]);
    expect(checked.code).toBe(0);
    expect(checked.stdout.trimEnd().split('\n').at(-1)).toBe(`schema/supergraph.graphql is up to date (${yamlNames.join(', ')})`);
  });

  test('a running partner added and insights left out, written outside the repository', async () => {
    const [, , withPartner] = commandsOf('## Compose');
    expect(await run([withPartner])).toMatchObject({ code: 0 });
    const names = Supergraph.build(readFileSync(join(folder, 'supergraph.graphql'), 'utf8')).subgraphs().names();
    expect(names).toEqual([...yamlNames.filter((name) => name !== 'insights'), 'site_network'].sort());
  });

  test('another supergraph.yaml composes into the file beside it', async () => {
    const [, , , staging] = commandsOf('## Compose');
    expect(await run([staging])).toMatchObject({ code: 0 });
    expect(Supergraph.build(readFileSync(join(folder, 'staging', 'supergraph.graphql'), 'utf8')).subgraphs().names()).toEqual(
      ['cros', 'insights', 'sites', 'sponsors'],
    );
  });

  test('none of it changed a file under schema/', () => {
    expect(schemaDigest()).toBe(digestBefore);
  });
});
