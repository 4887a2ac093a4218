import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { type ASTNode, type DocumentNode, type GraphQLError, parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { isProduction } from '../platform/config';
import { identityConfig, signDevelopmentToken } from '../platform/identity';
import { PROJECT_ROOT } from '../platform/project-root';

export const SCHEMA_DIR = resolve(PROJECT_ROOT, 'schema');
export const SUPERGRAPH_CONFIG = resolve(SCHEMA_DIR, 'supergraph.yaml');
export const SUPERGRAPH_FILE = resolve(SCHEMA_DIR, 'supergraph.graphql');

/** The variable `npm run compose` and `npm run check` read a token from when --token is not given. */
export const COMPOSE_TOKEN_VARIABLE = 'COMPOSE_TOKEN';

/** How long a subgraph may take to answer `_service { sdl }`. */
const SDL_FETCH_TIMEOUT_MS = 15_000;

const SERVICE_SDL_QUERY = 'query { _service { sdl } }';

export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

/**
 * One subgraph of a rover-style supergraph.yaml: where the gateway routes to it, and where its SDL
 * is read from (a file, relative to the yaml, or the subgraph itself through `_service { sdl }`).
 */
export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  /**
   * `introspectionHeaders` (rover's `introspection_headers`) are sent with `_service { sdl }`; one
   * named Authorization replaces the bearer token the command would send.
   */
  schema: { file: string } | { subgraphUrl: string; introspectionHeaders?: Record<string, string> };
}

/** Bad input: a config, a flag or a subgraph that cannot be read. The message is one line and names the subgraph. */
export class ComposeInputError extends Error {
  constructor(
    message: string,
    readonly subgraph?: string,
  ) {
    super(subgraph ? `subgraph ${subgraph}: ${message}` : message);
    this.name = 'ComposeInputError';
  }
}

/** One composition error or hint, as the CLIs print it: its code, and where the library says it is. */
export interface CompositionProblem {
  code: string;
  message: string;
  /** The subgraphs it concerns, when the library names them. */
  subgraphs: string[];
  type?: string;
  field?: string;
}

export interface SupergraphComposition {
  /** The supergraph SDL; absent when composition failed. */
  supergraph?: string;
  errors: CompositionProblem[];
  hints: CompositionProblem[];
}

/** Thrown by composeSupergraph; carries the structured errors and hints. */
export class CompositionFailedError extends Error {
  constructor(readonly composition: SupergraphComposition) {
    super(`Composition failed:\n${composition.errors.map((error) => `- ${formatCompositionProblem(error)}`).join('\n')}`);
    this.name = 'CompositionFailedError';
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Every `${env.NAME}` and `${env.NAME:-default}` in the config's strings replaced, as rover (and
 * Apollo Router) expand them: a routing URL or an introspection token from the environment. A
 * variable that is unset, with no default, is bad input naming it.
 */
function expandVariables(value: unknown, configFile: string, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback: string | undefined) => {
      const set = env[name];
      if (set !== undefined && set !== '') return set;
      if (fallback !== undefined) return fallback;
      throw new ComposeInputError(`${configFile} uses \${env.${name}}, and ${name} is not set`);
    });
  }
  if (Array.isArray(value)) return value.map((item) => expandVariables(item, configFile, env));
  const record = asRecord(value);
  return record ? Object.fromEntries(Object.entries(record).map(([key, item]) => [key, expandVariables(item, configFile, env)])) : value;
}

/** The subgraph entries of a rover-style supergraph.yaml, checked one by one. Reads no SDL. */
export function readSupergraphConfig(configFile = SUPERGRAPH_CONFIG, env: NodeJS.ProcessEnv = process.env): SubgraphEntry[] {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (error) {
    throw new ComposeInputError(`cannot read the config ${configFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let config: Record<string, unknown> | undefined;
  try {
    config = asRecord(parseYaml(text));
  } catch (error) {
    throw new ComposeInputError(`${configFile} is not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  config = asRecord(expandVariables(config, configFile, env));
  const subgraphs = asRecord(config?.subgraphs);
  if (!subgraphs) throw new ComposeInputError(`${configFile} has no subgraphs: map (subgraphs.<name>.routing_url and schema)`);
  return Object.entries(subgraphs).map(([name, raw]) => subgraphEntry(name, asRecord(raw), configFile));
}

function subgraphEntry(name: string, entry: Record<string, unknown> | undefined, configFile: string): SubgraphEntry {
  const schema = asRecord(entry?.schema);
  const file = schema?.file;
  const subgraphUrl = schema?.subgraph_url;
  const routingUrl = entry?.routing_url;
  if (file !== undefined && subgraphUrl !== undefined) {
    throw new ComposeInputError('schema has both file and subgraph_url; give one', name);
  }
  if (typeof subgraphUrl === 'string' && subgraphUrl !== '') {
    checkUrl(subgraphUrl, name, 'schema.subgraph_url');
    // As rover does: a subgraph read by its URL is routed to that URL unless routing_url says otherwise.
    const routing = typeof routingUrl === 'string' && routingUrl !== '' ? routingUrl : subgraphUrl;
    const headers = schema?.introspection_headers;
    if (headers === undefined) return { name, routingUrl: routing, schema: { subgraphUrl } };
    const introspectionHeaders = asRecord(headers);
    if (!introspectionHeaders || Object.values(introspectionHeaders).some((value) => typeof value !== 'string')) {
      throw new ComposeInputError('schema.introspection_headers is a map of header names to strings', name);
    }
    return { name, routingUrl: routing, schema: { subgraphUrl, introspectionHeaders: introspectionHeaders as Record<string, string> } };
  }
  if (typeof file === 'string' && file !== '') {
    if (typeof routingUrl !== 'string' || routingUrl === '') throw new ComposeInputError('routing_url is missing: where should the gateway call it?', name);
    return { name, routingUrl, schema: { file: resolve(dirname(configFile), file) } };
  }
  throw new ComposeInputError('schema needs file (an SDL file) or subgraph_url (a running subgraph)', name);
}

function checkUrl(url: string, subgraph: string, what: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ComposeInputError(`${what} ${JSON.stringify(url)} is not a URL`, subgraph);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ComposeInputError(`${what} ${url} is not an http(s) URL`, subgraph);
}

/**
 * A path given on the command line, from where the user typed it: `npm run` moves to the project's
 * root and keeps the caller's folder in INIT_CWD.
 */
export function fromInvocationFolder(path: string): string {
  return resolve(process.env.INIT_CWD || process.cwd(), path);
}

/** An entry that reads a running subgraph's SDL: what --subgraph name=url and --url give. */
export function subgraphAtUrl(name: string, url: string): SubgraphEntry {
  checkUrl(url, name, 'URL');
  return { name, routingUrl: url, schema: { subgraphUrl: url } };
}

/** The entry `--subgraph name=url` gives (npm run compose and npm run check take it alike). */
export function subgraphFlag(value: string): SubgraphEntry {
  const match = /^([A-Za-z_][\w-]*)=(.+)$/.exec(value);
  if (!match) throw new ComposeInputError(`--subgraph ${value}: expected <name>=<url>, e.g. --subgraph site_network=http://localhost:4010/graphql`);
  return subgraphAtUrl(match[1], match[2]);
}

/**
 * The subgraphs named in a rover-style supergraph.yaml, with their SDL read from disk. Synchronous,
 * so it takes file entries only; a config with `subgraph_url` entries needs loadSubgraphDefinitions.
 */
export function readSubgraphDefinitions(configFile = SUPERGRAPH_CONFIG): SubgraphDefinition[] {
  return readSupergraphConfig(configFile).map((entry) => {
    if (!('file' in entry.schema)) throw new ComposeInputError('its schema is read from subgraph_url: use loadSubgraphDefinitions', entry.name);
    return { name: entry.name, url: entry.routingUrl, sdl: readSdlFile(entry.name, entry.schema.file) };
  });
}

function readSdlFile(subgraph: string, file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ComposeInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, subgraph);
  }
  return sdlText(bytes, `${file} is`, subgraph);
}

/**
 * The most a subgraph's schema may weigh, as a file or as its `_service` answer: ours are 8 to
 * 22 KB. Composing and checking a schema of several megabytes takes minutes (a 5 MB one took
 * about a minute in `npm run check`), which no real subgraph needs and no check should be made to spend.
 */
export const MAX_SDL_BYTES = 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** A subgraph's schema as text: UTF-8, and no larger than MAX_SDL_BYTES, or bad input saying which. */
function sdlText(bytes: Uint8Array, what: string, subgraph: string): string {
  if (bytes.length > MAX_SDL_BYTES) {
    throw new ComposeInputError(`${what} ${megabytes(bytes.length)}: over the ${MAX_SDL_BYTES / (1024 * 1024)} MB a subgraph's schema may be`, subgraph);
  }
  return utf8Text(bytes, what, subgraph);
}

/**
 * The bytes as UTF-8 text, or bad input naming the first line that is not: GraphQL is UTF-8, and
 * Node's lenient decoding would turn a stray byte into U+FFFD, a parse error far from its cause or,
 * in a description, a character nobody wrote.
 */
export function utf8Text(bytes: Uint8Array, what: string, subgraph?: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = new TextDecoder('utf-8').decode(bytes).split('\uFFFD')[0].split('\n').length;
    throw new ComposeInputError(`${what} not UTF-8 text (a byte that is not UTF-8 on line ${line})`, subgraph);
  }
}

export interface TokenOptions {
  /** A bearer token given on the command line (--token). */
  token?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The bearer token to read subgraphs' SDL with: --token, else COMPOSE_TOKEN, else (outside
 * production) a platform admin's development token signed as `npm run token` signs one. Our
 * subgraphs answer `_service` to any valid token in development, to platform admins only in production.
 */
export async function composeToken({ token, env = process.env }: TokenOptions = {}): Promise<string> {
  const given = token || env[COMPOSE_TOKEN_VARIABLE];
  if (given) return given;
  if (isProduction(env)) {
    throw new ComposeInputError(`NODE_ENV=production: give a platform admin's token with --token or ${COMPOSE_TOKEN_VARIABLE}`);
  }
  try {
    return await signDevelopmentToken(identityConfig(env), { party: 'PLATFORM_ADMIN', orgId: 'platform', scopes: ['read'], ttl: '10m' });
  } catch (error) {
    throw new ComposeInputError(`no token to read subgraph SDL with (--token or ${COMPOSE_TOKEN_VARIABLE}), and none can be made here: ${(error as Error).message}`);
  }
}

/** A running subgraph's SDL, read through `query { _service { sdl } }` with a bearer token and any other headers given. */
export async function fetchSubgraphSdl(subgraph: string, url: string, token: string | undefined, extraHeaders: Record<string, string> = {}): Promise<string> {
  const headers = new Headers({ 'content-type': 'application/json', accept: 'application/json' });
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  try {
    for (const [header, value] of Object.entries(extraHeaders)) headers.set(header, value);
  } catch (error) {
    throw new ComposeInputError(`introspection header ${JSON.stringify(Object.keys(extraHeaders))}: ${(error as Error).message}`, subgraph);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: SERVICE_SDL_QUERY }),
      signal: AbortSignal.timeout(SDL_FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${SDL_FETCH_TIMEOUT_MS / 1000}s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new ComposeInputError(`cannot reach ${url}: ${reason}`, subgraph);
  }
  // The answer wraps the schema in JSON (quotes and newlines escaped): it may be somewhat larger
  // than the schema, and is not read at all when it says beforehand that it is far larger.
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > 2 * MAX_SDL_BYTES) {
    await response.body?.cancel();
    throw new ComposeInputError(`${url} answered ${megabytes(declared)}: over the ${MAX_SDL_BYTES / (1024 * 1024)} MB a subgraph's schema may be`, subgraph);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > 2 * MAX_SDL_BYTES) {
    throw new ComposeInputError(`${url} answered ${megabytes(bytes.length)}: over the ${MAX_SDL_BYTES / (1024 * 1024)} MB a subgraph's schema may be`, subgraph);
  }
  const text = utf8Text(bytes, `${url} answered`, subgraph);
  let body: { data?: { _service?: { sdl?: unknown } } | null; errors?: { message?: string; extensions?: { code?: string } }[] } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const firstError = body?.errors?.[0];
  const described = firstError ? `${firstError.extensions?.code ? `${firstError.extensions.code}: ` : ''}${firstError.message ?? ''}` : '';
  if (response.status === 401) {
    throw new ComposeInputError(`${url} refused the token (401)${described ? `: ${described}` : ''}`, subgraph);
  }
  if (firstError) throw new ComposeInputError(`${url} answered _service { sdl } with an error (HTTP ${response.status}): ${described}`, subgraph);
  const sdl = body?.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    const kind = response.headers.get('content-type') ?? 'no content type';
    throw new ComposeInputError(`${url} is not a GraphQL subgraph: _service { sdl } gave HTTP ${response.status}, ${kind}`, subgraph);
  }
  sdlText(Buffer.from(sdl, 'utf8'), `${url} answered a schema of`, subgraph);
  return sdl;
}

/**
 * The SDL of every entry, read from its file or from the subgraph itself. The token is made only if
 * some entry is read by URL.
 */
export async function loadSubgraphDefinitions(
  entries: SubgraphEntry[],
  options: TokenOptions & { onProgress?: (line: string) => void } = {},
): Promise<SubgraphDefinition[]> {
  let token: Promise<string> | undefined;
  const definitions: SubgraphDefinition[] = [];
  for (const entry of entries) {
    if ('file' in entry.schema) {
      definitions.push({ name: entry.name, url: entry.routingUrl, sdl: readSdlFile(entry.name, entry.schema.file) });
      continue;
    }
    options.onProgress?.(`reading subgraph ${entry.name} from ${entry.schema.subgraphUrl}`);
    const headers = entry.schema.introspectionHeaders ?? {};
    // The yaml's own Authorization (introspection_headers) is the one sent; no token is made for it.
    const ownAuthorization = Object.keys(headers).some((header) => header.toLowerCase() === 'authorization');
    const bearer = ownAuthorization ? undefined : await (token ??= composeToken(options));
    definitions.push({ name: entry.name, url: entry.routingUrl, sdl: await fetchSubgraphSdl(entry.name, entry.schema.subgraphUrl, bearer, headers) });
  }
  return definitions;
}

function parseSdl(subgraph: SubgraphDefinition): DocumentNode {
  try {
    return parse(subgraph.sdl);
  } catch (error) {
    const { message, locations } = error as GraphQLError;
    const at = locations?.[0] ? ` at line ${locations[0].line}, column ${locations[0].column}` : '';
    throw new ComposeInputError(`its SDL is not GraphQL${at}: ${message.replace(/^Syntax Error: /, '')}`, subgraph.name);
  }
}

interface LocatedNode {
  subgraph?: string;
  loc?: { start: number };
}

/** The type and field (or enum value, or argument's field) a node of a subgraph's SDL sits in. */
function coordinateOf(document: DocumentNode, offset: number): { type?: string; field?: string } {
  for (const definition of document.definitions) {
    if (!definition.loc || offset < definition.loc.start || offset >= definition.loc.end || !('name' in definition) || !definition.name) continue;
    const members: readonly ASTNode[] = [
      ...('fields' in definition ? (definition.fields ?? []) : []),
      ...('values' in definition ? (definition.values ?? []) : []),
    ];
    const member = members.find((node) => node.loc && offset >= node.loc.start && offset < node.loc.end);
    const field = member && 'name' in member && member.name && typeof member.name === 'object' ? member.name.value : undefined;
    return { type: definition.name.value, field };
  }
  return {};
}

/** Where the library says a problem is, from its AST nodes, or failing that from its message ("Site.name"). */
function describeProblem(
  code: string,
  message: string,
  nodes: readonly unknown[] | undefined,
  documents: Map<string, DocumentNode>,
  coordinate?: string,
): CompositionProblem {
  const located = (nodes ?? []) as LocatedNode[];
  const subgraphs = [...new Set(located.map((node) => node.subgraph).filter((name): name is string => typeof name === 'string'))];
  let where: { type?: string; field?: string } = {};
  if (coordinate) {
    const [type, field] = coordinate.split('.');
    where = { type, field: field?.replace(/\(.*$/, '') };
  }
  for (const node of located) {
    if (where.type) break;
    const document = node.subgraph ? documents.get(node.subgraph) : undefined;
    if (document && node.loc) where = coordinateOf(document, node.loc.start);
  }
  if (!where.type) {
    const quoted = /"([A-Za-z_]\w*)\.([A-Za-z_]\w*)/.exec(message) ?? /\btype(?: named)? "([A-Za-z_]\w*)"/.exec(message);
    if (quoted) where = { type: quoted[1], field: quoted[2] };
  }
  // A subgraph's own GraphQL error (a type defined twice) carries no node: its message starts "[name] ".
  const prefixed = /^\[([^\]]+)\] /.exec(message)?.[1];
  if (subgraphs.length === 0 && prefixed && documents.has(prefixed)) subgraphs.push(prefixed);
  if (subgraphs.length === 0) {
    // "in subgraph "a"", "from subgraphs "a", "b" and "c""
    for (const match of message.matchAll(/subgraphs? ((?:"[^"]+"(?:, | and )?)+)/g)) {
      for (const [, name] of match[1].matchAll(/"([^"]+)"/g)) if (documents.has(name) && !subgraphs.includes(name)) subgraphs.push(name);
    }
  }
  return { code, message, subgraphs, ...(where.type ? { type: where.type } : {}), ...(where.field ? { field: where.field } : {}) };
}

/** Composes subgraph SDLs, as rover does, into the supergraph or the errors saying why not; hints either way. */
export function composeSubgraphs(subgraphs: SubgraphDefinition[]): SupergraphComposition {
  const documents = new Map(subgraphs.map((subgraph) => [subgraph.name, parseSdl(subgraph)]));
  const result = composeServices(subgraphs.map(({ name, url }) => ({ name, url, typeDefs: documents.get(name)! })));
  const hints = (result.hints ?? []).map((hint) => describeProblem(hint.definition.code, hint.message, hint.nodes, documents, hint.coordinate));
  if (result.errors) {
    const errors = result.errors.map((error) =>
      describeProblem(String(error.extensions?.code ?? 'COMPOSITION_ERROR'), error.message, error.nodes, documents),
    );
    return { errors, hints };
  }
  return { supergraph: result.supergraphSdl, errors: [], hints };
}

/** Composes subgraph SDLs into a supergraph SDL, or throws CompositionFailedError with every composition error. */
export function composeSupergraph(subgraphs: SubgraphDefinition[] = readSubgraphDefinitions()): string {
  const composition = composeSubgraphs(subgraphs);
  if (composition.supergraph === undefined) throw new CompositionFailedError(composition);
  return composition.supergraph;
}

/**
 * One line: `FIELD_TYPE_MISMATCH at Site.name (subgraphs partner, sites): Type of field …`. Hints
 * keep only their first line (the rest quotes the descriptions that differ).
 */
export function formatCompositionProblem(problem: CompositionProblem): string {
  const at = problem.type ? ` at ${problem.type}${problem.field ? `.${problem.field}` : ''}` : '';
  const subgraphs = problem.subgraphs.length > 0 ? ` (subgraph${problem.subgraphs.length > 1 ? 's' : ''} ${problem.subgraphs.join(', ')})` : '';
  const message = problem.message.split('\n')[0].replace(/:$/, '').trim();
  return `${problem.code}${at}${subgraphs}: ${message}`;
}

/** Replaces the entry of that name (keeping its place), or adds it at the end. */
export function withSubgraph(entries: SubgraphEntry[], entry: SubgraphEntry): SubgraphEntry[] {
  const index = entries.findIndex((existing) => existing.name === entry.name);
  return index === -1 ? [...entries, entry] : entries.map((existing, i) => (i === index ? entry : existing));
}

/** The entries without the named one; bad input when there is none of that name. */
export function withoutSubgraph(entries: SubgraphEntry[], name: string): SubgraphEntry[] {
  if (!entries.some((entry) => entry.name === name)) {
    throw new ComposeInputError(`--without ${name}: no subgraph of that name (there are ${entries.map((entry) => entry.name).join(', ')})`);
  }
  return entries.filter((entry) => entry.name !== name);
}
