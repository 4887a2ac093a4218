// One subgraph down does not empty the answer: each subgraph in turn stops listening (its port
// refuses connections, to the gateway and to the subgraphs that ask it about relationships) while
// the five flagship operations are asked through the gateway, each by the user it is written for.
// What the live subgraphs answered stays; what the dead one serves is null, with an error naming it
// and the path; nothing else is blanked. Then it listens again and every answer is whole again.
// A stalled subgraph (it takes the request and never answers) costs the same fields after the timeout.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { buildGateway } from '../gateway/gateway';
import { identityVerifier } from '../platform/identity';
import { listen } from '../platform/http';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { PARTIES, type Party } from '../platform/config';
import { startTestStack, type TestStack } from './support/stack-harness';
import { as, TEST_IDENTITY } from './support/tokens';

const QUERIES_DIR = resolve(__dirname, '..', '..', 'shared', 'queries');
const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const v = flagshipVariables(dataset);
const trialSponsorId = dataset.trials.find((trial) => trial.nctId === v.nctId)!.sponsorId;

type Path = (string | number)[];
interface Answer {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; path?: Path; extensions?: Record<string, unknown> }[];
}

interface Flagship {
  name: string;
  file: string;
  root: string;
  /** The subgraph that answers the root field: down, there is no parent to keep. */
  rootOwner: Party;
  /** The subgraphs the operation crosses (shared/queries/README.md). */
  crosses: Party[];
  variables: Record<string, unknown>;
  caller: () => Promise<Record<string, string>>;
}

const FLAGSHIPS: Flagship[] = [
  {
    name: 'SitesInCountry',
    file: 'sites-in-country.graphql',
    root: 'sites',
    rootOwner: 'sites',
    crosses: ['sites', 'sponsors', 'cros', 'insights'],
    variables: { countryCode: v.countryCode },
    caller: () => as('SPONSOR', v.sponsorId),
  },
  {
    name: 'TrialOverview',
    file: 'trial-overview.graphql',
    root: 'trial',
    rootOwner: 'sponsors',
    crosses: ['sites', 'sponsors', 'cros', 'insights'],
    variables: { nctId: v.nctId },
    caller: () => as('SPONSOR', trialSponsorId),
  },
  {
    name: 'SitePartnerships',
    file: 'site-partnerships.graphql',
    root: 'site',
    rootOwner: 'sites',
    crosses: ['sites', 'sponsors', 'cros'],
    variables: { siteId: v.siteId },
    caller: () => as('SITE', v.siteId),
  },
  {
    name: 'CroPortfolio',
    file: 'cro-portfolio.graphql',
    root: 'cro',
    rootOwner: 'cros',
    crosses: ['cros', 'sponsors'],
    variables: { croId: v.croId },
    caller: () => as('CRO', v.croId),
  },
  {
    name: 'SponsorFeedback',
    file: 'sponsor-feedback.graphql',
    root: 'sponsor',
    rootOwner: 'sponsors',
    crosses: ['sponsors', 'sites'],
    variables: { sponsorId: v.sponsorId },
    caller: () => as('SPONSOR', v.sponsorId),
  },
];

let stack: TestStack;
/** Each flagship's answer with every subgraph up. */
const whole = new Map<string, Answer>();

async function ask(flagship: Flagship): Promise<Answer> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await flagship.caller()) },
    body: JSON.stringify({ query: readFileSync(resolve(QUERIES_DIR, flagship.file), 'utf8'), variables: flagship.variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

/** Stops the subgraph listening: its port refuses every connection until `revive`. */
async function kill(party: Party) {
  await stack.listening[party].close();
}

async function revive(party: Party) {
  const { server, port } = stack.listening[party];
  await new Promise<void>((listening) => server.listen(port, () => listening()));
}

const startsWith = (path: Path, prefix: Path) => prefix.every((key, i) => path[i] === key);

/**
 * The places where `partial` differs from `full`, each of which must be a null that an error
 * explains: an error whose path is that place or lies under it.
 */
function unexplainedDifferences(full: unknown, partial: unknown, errorPaths: Path[], path: Path = []): string[] {
  if (partial === null && full !== null) {
    return errorPaths.some((errorPath) => startsWith(errorPath, path)) ? [] : [`${path.join('.')} is null, and no error says why`];
  }
  if (Array.isArray(full) && Array.isArray(partial) && full.length === partial.length) {
    return full.flatMap((item, i) => unexplainedDifferences(item, partial[i], errorPaths, [...path, i]));
  }
  if (full && partial && typeof full === 'object' && typeof partial === 'object' && !Array.isArray(full) && !Array.isArray(partial)) {
    const keys = new Set([...Object.keys(full), ...Object.keys(partial)]);
    return [...keys].flatMap((key) =>
      unexplainedDifferences((full as Record<string, unknown>)[key], (partial as Record<string, unknown>)[key], errorPaths, [...path, key]),
    );
  }
  return JSON.stringify(full) === JSON.stringify(partial) ? [] : [`${path.join('.')} differs`];
}

beforeAll(async () => {
  stack = await startTestStack(dataset);
  for (const flagship of FLAGSHIPS) {
    const answer = await ask(flagship);
    expect(answer.errors).toBeUndefined();
    whole.set(flagship.name, answer);
  }
}, 300_000);
afterAll(() => stack?.shutdown());

describe.each(PARTIES)('with the %s subgraph down', (dead) => {
  const answers = new Map<string, Answer>();

  beforeAll(async () => {
    await kill(dead);
    try {
      for (const flagship of FLAGSHIPS) answers.set(flagship.name, await ask(flagship));
    } finally {
      await revive(dead);
    }
  });

  test.each(FLAGSHIPS.map((flagship) => [flagship.name, flagship] as const))(
    '%s keeps what the live subgraphs answered; what the dead one serves is null with an error naming it and the path',
    (_name, flagship) => {
      const full = whole.get(flagship.name)!;
      const partial = answers.get(flagship.name)!;
      expect(partial.status).toBe(200);
      if (!flagship.crosses.includes(dead)) {
        // Not asked of the dead subgraph at all: the answer is whole.
        expect(partial).toEqual(full);
        return;
      }
      expect(partial.errors?.length).toBeGreaterThan(0);
      for (const error of partial.errors!) {
        // Unreachable straight from the gateway, or from a subgraph asking it about a relationship.
        expect(['SUBGRAPH_UNAVAILABLE', 'RELATIONSHIP_CHECK_FAILED']).toContain(error.extensions?.code);
        expect(error.extensions?.subgraph).toBe(dead);
        expect(error.path?.length).toBeGreaterThan(0);
        expect(error.message).toContain(dead);
      }
      if (dead === flagship.rootOwner) {
        // No parent to keep: the root is null, and so named.
        expect(partial.data?.[flagship.root] ?? null).toBeNull();
        expect(partial.errors!.map((error) => error.path)).toContainEqual([flagship.root]);
        return;
      }
      expect(partial.data?.[flagship.root]).not.toBeNull();
      const paths = partial.errors!.map((error) => error.path!);
      expect(unexplainedDifferences(full.data, partial.data, paths)).toEqual([]);
    },
  );

  test('once it listens again, every flagship answers whole', async () => {
    for (const flagship of FLAGSHIPS) expect(await ask(flagship)).toEqual(whole.get(flagship.name));
  });
});

describe('what survives, named', () => {
  const during = async (dead: Party, name: string) => {
    await kill(dead);
    try {
      return await ask(FLAGSHIPS.find((flagship) => flagship.name === name)!);
    } finally {
      await revive(dead);
    }
  };

  test('SitesInCountry without cros: every site with its profile, trials and patient experience; monitoringVisits null on each', async () => {
    const full = whole.get('SitesInCountry')!.data!.sites;
    const { data, errors } = await during('cros', 'SitesInCountry');
    expect(data!.sites.edges).toHaveLength(full.edges.length);
    full.edges.forEach(({ node }: any, i: number) => {
      const { monitoringVisits, ...rest } = node;
      expect(data!.sites.edges[i].node).toEqual({ ...rest, monitoringVisits: null });
      expect(errors).toContainEqual(
        expect.objectContaining({
          path: ['sites', 'edges', i, 'node', 'monitoringVisits'],
          extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'cros' }),
        }),
      );
    });
  });

  test('TrialOverview without sites: the trial and each of its sites\' status and figures; only the site itself null', async () => {
    const full = whole.get('TrialOverview')!.data!.trial;
    const { data } = await during('sites', 'TrialOverview');
    expect(data!.trial).toEqual({ ...full, sites: full.sites.map((trialSite: any) => ({ ...trialSite, site: null })) });
  });

  test('CroPortfolio without sponsors: every engagement with its RACI, KPIs and actions; its sponsor and trial null', async () => {
    const full = whole.get('CroPortfolio')!.data!.cro;
    const { data } = await during('sponsors', 'CroPortfolio');
    expect(data!.cro).toEqual({ ...full, engagements: full.engagements.map((e: any) => ({ ...e, sponsor: null, trial: null })) });
  });

  test('TrialOverview without insights: everything but patientBurden, patientExperience and advocateReviews', async () => {
    const full = whole.get('TrialOverview')!.data!.trial;
    const { data, errors } = await during('insights', 'TrialOverview');
    expect(data!.trial).toEqual({ ...full, patientBurden: null, patientExperience: null, advocateReviews: null });
    expect(errors!.map((error) => error.path)).toEqual(
      expect.arrayContaining([['trial', 'patientBurden'], ['trial', 'patientExperience'], ['trial', 'advocateReviews']]),
    );
  });
});

test('a stalled subgraph costs its fields after the timeout, not the answer: TrialOverview with insights stalled', async () => {
  // Takes every request and never answers, as a subgraph stuck on its database does.
  const held = new Set<ServerResponse>();
  const stalled = await listen((_req, res) => void held.add(res), 0);
  const gateway = await buildGateway({
    subgraphUrls: { ...stack.subgraphUrls, insights: stalled.url },
    subgraphTimeoutMs: 1000,
    identity: identityVerifier(TEST_IDENTITY),
  });
  const listening = await listen(gateway.app, 0);
  try {
    const flagship = FLAGSHIPS.find((candidate) => candidate.name === 'TrialOverview')!;
    const response = await fetch(listening.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await flagship.caller()) },
      body: JSON.stringify({ query: readFileSync(resolve(QUERIES_DIR, flagship.file), 'utf8'), variables: flagship.variables }),
    });
    const { data, errors } = (await response.json()) as Answer;
    const full = whole.get('TrialOverview')!.data!.trial;
    expect(data!.trial).toEqual({ ...full, patientBurden: null, patientExperience: null, advocateReviews: null });
    for (const error of errors!) expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'insights' });
    expect(errors!.map((error) => error.path)).toEqual(
      expect.arrayContaining([['trial', 'patientBurden'], ['trial', 'patientExperience'], ['trial', 'advocateReviews']]),
    );
  } finally {
    for (const res of held) res.destroy();
    await listening.close();
    await gateway.stop();
    await stalled.close();
  }
});
