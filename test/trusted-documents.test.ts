// Persisted and trusted documents, asked of a running gateway over HTTP as a client sends them: in
// development Apollo's automatic persisted queries (a hash, refused until registered with its text),
// in production only the operations of operations/manifest.json, by id or by text.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';
import { MANIFEST_FILE, readManifest } from '../gateway/operation-manifest';
import { trustedDocuments } from '../gateway/trusted-documents';
import { trustedDocuments as trustedDocumentsSettings } from '../platform/config';
import { PROJECT_ROOT } from '../platform/project-root';
import { startTestStack, type TestStack } from './support/stack-harness';
import { asAdmin } from './support/tokens';

const dataset = generateDemoDataset({ seed: 3, scale: 0.1 });
const { nctId } = flagshipVariables(dataset);
const manifest = readManifest();
const trialOverview = manifest.operations.find((operation) => operation.name === 'TrialOverview')!;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// An operation a team has not added to operations/: nothing in the manifest asks for it.
const NEW_OPERATION = 'query TrialTitle($nctId: String!) { trial(nctId: $nctId) { nctId title } }';

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** POSTs a GraphQL request body to the gateway as a platform admin, with Apollo's CSRF header for GETs. */
async function post(stack: TestStack, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await asAdmin()) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function get(stack: TestStack, params: Record<string, string>): Promise<Answer> {
  const url = new URL(stack.gatewayUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...(await asAdmin()) } });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
const codes = (answer: Answer) => answer.body.errors?.map((error) => error.extensions?.code);

describe('in development', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(dataset, { NODE_ENV: 'development' });
  }, 180_000);
  afterAll(() => stack?.shutdown());

  test('an automatic persisted query is not found by its hash alone, registered with its text, then answered by its hash', async () => {
    const extensions = persisted(sha256(NEW_OPERATION));
    const unknown = await post(stack, { extensions, variables: { nctId } });
    expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const registered = await post(stack, { query: NEW_OPERATION, extensions, variables: { nctId } });
    expect(registered).toMatchObject({ status: 200, body: { data: { trial: { nctId, title: expect.any(String) } } } });
    const byHash = await post(stack, { extensions, variables: { nctId } });
    expect(byHash).toMatchObject({ status: 200, body: { data: registered.body.data } });
    expect(byHash.body.errors).toBeUndefined();
  });

  test("a manifest operation's id answers without registering it first, and any other text runs", async () => {
    const byId = await post(stack, { extensions: persisted(trialOverview.id), variables: { nctId } });
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data.trial).toMatchObject({ nctId, sites: expect.any(Array) });
    expect(await post(stack, { query: NEW_OPERATION, variables: { nctId } })).toMatchObject({ status: 200, body: { data: { trial: { nctId } } } });
  });
});

describe('in production (NODE_ENV=production): trusted documents only', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // startTestStack configures the shared secret production requires (TEST_ENV's AUTH_JWT_SECRET).
    stack = await startTestStack(dataset, { NODE_ENV: 'production' });
  }, 180_000);
  afterAll(() => stack?.shutdown());

  test('a manifest operation runs by its Apollo persisted-query hash, by documentId, by its manifest text and by its file in operations/', async () => {
    const answers = [
      await post(stack, { extensions: persisted(trialOverview.id), variables: { nctId } }),
      await post(stack, { documentId: `sha256:${trialOverview.id}`, variables: { nctId } }),
      await post(stack, { documentId: trialOverview.id, variables: { nctId } }),
      await post(stack, { query: trialOverview.body, variables: { nctId } }),
      await post(stack, { query: readFileSync(resolve(PROJECT_ROOT, 'operations', 'trial-overview.graphql'), 'utf8'), variables: { nctId } }),
      await get(stack, { extensions: JSON.stringify(persisted(trialOverview.id)), variables: JSON.stringify({ nctId }) }),
    ];
    for (const answer of answers) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer).toMatchObject({ status: 200, body: { data: { trial: { nctId, engagements: expect.any(Array) } } } });
      expect(answer.body.data).toEqual(answers[0].body.data);
    }
  });

  test.each([
    ['its text', { query: NEW_OPERATION, variables: { nctId } }],
    ['an automatic persisted query registration', { query: NEW_OPERATION, extensions: persisted(sha256(NEW_OPERATION)), variables: { nctId } }],
    ['a hash the manifest does not hold', { extensions: persisted(sha256(NEW_OPERATION)), variables: { nctId } }],
    ['a documentId the manifest does not hold', { documentId: sha256(NEW_OPERATION), variables: { nctId } }],
    ['a manifest operation changed by one field', { query: trialOverview.body.replace('title\n', 'title\n    phase\n'), variables: { nctId } }],
  ])('an operation outside the manifest, sent as %s, is refused with a code naming the manifest, and no subgraph is asked', async (_how, body) => {
    let answer: Answer | undefined;
    const statements = await stack.countStatements(async () => (answer = await post(stack, body)));
    expect(answer!.status).toBe(400);
    expect(answer!.body.data).toBeUndefined();
    expect(answer!.body.errors).toEqual([
      {
        message: expect.stringMatching(/not in the trusted-documents manifest \(operations\/manifest\.json\).*npm run operations/),
        extensions: expect.objectContaining({ code: 'OPERATION_NOT_IN_MANIFEST', manifest: 'operations/manifest.json' }),
      },
    ]);
    expect(statements).toEqual({ sites: 0, sponsors: 0, cros: 0, insights: 0 });
  });

  test('a text holding a manifest operation and another runs the manifest one, and refuses the other by name, even after the first ran', async () => {
    const text = `${readFileSync(resolve(PROJECT_ROOT, 'operations', 'trial-overview.graphql'), 'utf8')}\n${NEW_OPERATION}`;
    for (let round = 0; round < 2; round++) {
      const trusted = await post(stack, { query: text, operationName: 'TrialOverview', variables: { nctId } });
      expect(trusted.body.errors).toBeUndefined();
      expect(trusted.body.data.trial).toMatchObject({ nctId });
      const other = await post(stack, { query: text, operationName: 'TrialTitle', variables: { nctId } });
      expect(other.status).toBe(400);
      expect(codes(other)).toEqual(['OPERATION_NOT_IN_MANIFEST']);
    }
  });

  test('an operation registered by automatic persisted queries is still refused by its hash afterwards', async () => {
    const extensions = persisted(sha256(NEW_OPERATION));
    await post(stack, { query: NEW_OPERATION, extensions, variables: { nctId } });
    expect(codes(await post(stack, { extensions, variables: { nctId } }))).toEqual(['OPERATION_NOT_IN_MANIFEST']);
  });

  test('a GET with an unknown query is refused as a POST is', async () => {
    const answer = await get(stack, { query: NEW_OPERATION, variables: JSON.stringify({ nctId }) });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['OPERATION_NOT_IN_MANIFEST']);
  });
});

test('a gateway told to run trusted documents only, with no manifest, refuses to start, naming the file and the command', () => {
  const settings = trustedDocumentsSettings({ TRUSTED_DOCUMENTS_ONLY: 'true', TRUSTED_DOCUMENTS_MANIFEST: `${MANIFEST_FILE}.missing` });
  expect(settings).toEqual({ manifest: `${MANIFEST_FILE}.missing`, only: true });
  expect(() => trustedDocuments(settings)).toThrow(/no manifest at .*manifest\.json\.missing: run npm run operations/);
});

test('production runs trusted documents only unless TRUSTED_DOCUMENTS_ONLY=false says otherwise; development runs any operation', () => {
  expect(trustedDocumentsSettings({ NODE_ENV: 'production' })).toEqual({ manifest: undefined, only: true });
  expect(trustedDocumentsSettings({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_ONLY: 'false' }).only).toBe(false);
  expect(trustedDocumentsSettings({}).only).toBe(false);
  expect(() => trustedDocumentsSettings({ TRUSTED_DOCUMENTS_ONLY: 'yes' })).toThrow(/TRUSTED_DOCUMENTS_ONLY must be true or false, got "yes"/);
});
