// Every setting the services read from the environment, with its default, in one place:
// docs/configuration.md's table and docker-compose.yml are checked against this file.
import { resolve } from 'node:path';
import { DEFAULT_OPERATION_LIMITS, type OperationLimitOptions } from './operation-limits';

export const PARTIES = ['sites', 'sponsors', 'cros', 'insights'] as const;
export type Party = (typeof PARTIES)[number];

export const DEFAULT_PORTS: Record<Party | 'gateway', number> = {
  gateway: 4000,
  sites: 4001,
  sponsors: 4002,
  cros: 4003,
  insights: 4004,
};

/** How long the gateway waits for one subgraph fetch, in ms. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/** How often the gateway fetches SUPERGRAPH_URL for a new supergraph, in ms. */
export const DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS = 10_000;

/** Patient-experience aggregates over fewer respondents than this are suppressed. */
export const DEFAULT_MIN_RESPONDENTS = 11;
/** No configuration may lower k below this: smaller groups are identifiable. */
export const MIN_RESPONDENTS_FLOOR = 5;

const upper = (party: Party) => party.toUpperCase();

/**
 * The variable that says where a subgraph answers, for any subgraph in the supergraph, partners'
 * too: its name upper-cased, anything but letters and digits as `_`, then `_URL` (sites: SITES_URL,
 * ehr-vendor: EHR_VENDOR_URL).
 */
function subgraphUrlVariable(subgraph: string): string {
  return `${subgraph.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

export const ENV = {
  port: (service: Party | 'gateway') => `${service.toUpperCase()}_PORT`,
  databaseUrl: (party: Party) => `${upper(party)}_DATABASE_URL`,
  subgraphUrl: subgraphUrlVariable,
  sharedDatabaseUrl: 'DATABASE_URL',
  databaseNamePrefix: 'DATABASE_NAME_PREFIX',
  dataDir: 'DATA_DIR',
  minRespondents: 'PATIENT_EXPERIENCE_MIN_RESPONDENTS',
  logLevel: 'LOG_LEVEL',
  subgraphTimeoutMs: 'SUBGRAPH_TIMEOUT_MS',
  supergraphFile: 'SUPERGRAPH_FILE',
  supergraphUrl: 'SUPERGRAPH_URL',
  supergraphPollIntervalMs: 'SUPERGRAPH_POLL_INTERVAL_MS',
  authJwtSecret: 'AUTH_JWT_SECRET',
  authJwksUrl: 'AUTH_JWKS_URL',
  authIssuer: 'AUTH_ISSUER',
  authAudience: 'AUTH_AUDIENCE',
  nodeEnv: 'NODE_ENV',
  maxCost: 'OPERATION_MAX_COST',
  maxDepth: 'OPERATION_MAX_DEPTH',
  maxAliases: 'OPERATION_MAX_ALIASES',
  maxTokens: 'OPERATION_MAX_TOKENS',
  trustedDocumentsManifest: 'TRUSTED_DOCUMENTS_MANIFEST',
  trustedDocumentsOnly: 'TRUSTED_DOCUMENTS_ONLY',
} as const;

/**
 * The operation limits a deployment may tune, and the variable each is read from. The largest page
 * (`first` at most 100) is not among them: the SDL states it, so it is part of the contract.
 */
const LIMIT_VARIABLES = {
  maxCost: ENV.maxCost,
  maxDepth: ENV.maxDepth,
  maxAliases: ENV.maxAliases,
  maxTokens: ENV.maxTokens,
} as const satisfies Partial<Record<keyof OperationLimitOptions, string>>;

export type Env = Record<string, string | undefined>;

/** Where a subgraph's database lives: an embedded PGlite (on disk, or in memory) or a server. */
export type DatabaseConfig =
  | { engine: 'pglite'; dataDir: string | null; /** A PGlite dump to start from instead of an empty database. */ dump?: Blob }
  | { engine: 'postgres'; url: string; /** A database to copy when this one has to be created. */ template?: string };

export interface SubgraphConfig {
  party: Party;
  port: number;
  database: DatabaseConfig;
  /** Where the other subgraphs answer: a subgraph asks the owner of a relationship it must check. */
  peers: Record<Party, string>;
  /** What one operation sent straight to the subgraph may ask for. */
  limits: OperationLimitOptions;
}

export interface GatewayConfig {
  port: number;
  subgraphUrls: Record<Party, string>;
  /**
   * Where any other subgraph the supergraph names (a partner's) answers, if its `<NAME>_URL` is set;
   * asked each time a supergraph is loaded. Unset, the gateway calls its routing URL.
   */
  subgraphUrl: (subgraph: string) => string | undefined;
  /** Where the supergraph comes from: a file watched for changes, or a URL polled. */
  supergraph: { file?: string; url?: string; pollIntervalMs: number };
  /** How long one subgraph fetch may take, in ms. */
  subgraphTimeoutMs: number;
  /** What one operation may ask for. */
  limits: OperationLimitOptions;
  /** The trusted-documents manifest, and whether only its operations may run (gateway/trusted-documents.ts). */
  trustedDocuments: { manifest?: string; only: boolean };
}

function port(service: Party | 'gateway', env: Env): number {
  const raw = env[ENV.port(service)];
  if (raw === undefined || raw === '') return DEFAULT_PORTS[service];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${ENV.port(service)} must be a port number, got "${raw}"`);
  }
  return value;
}

/**
 * A subgraph's database: its own URL if set; else its own database on the DATABASE_URL server,
 * named `<prefix>_<party>` (prefix `partnership`); else embedded PGlite under DATA_DIR/<party>.
 */
export function databaseConfig(party: Party, env: Env = process.env): DatabaseConfig {
  const own = env[ENV.databaseUrl(party)];
  if (own) return { engine: 'postgres', url: own };
  const shared = env[ENV.sharedDatabaseUrl];
  if (shared) {
    const url = new URL(shared);
    url.pathname = `/${env[ENV.databaseNamePrefix] || 'partnership'}_${party}`;
    return { engine: 'postgres', url: url.toString() };
  }
  const dataDir = env[ENV.dataDir] ?? '.data';
  return { engine: 'pglite', dataDir: dataDir === ':memory:' ? null : resolve(dataDir, party) };
}

/** The databases of all four subgraphs. */
export function databaseConfigs(env: Env = process.env): Record<Party, DatabaseConfig> {
  return Object.fromEntries(PARTIES.map((party) => [party, databaseConfig(party, env)])) as Record<Party, DatabaseConfig>;
}

/** Each subgraph's GraphQL URL: its *_URL setting, else localhost on its port. */
export function subgraphUrls(env: Env = process.env): Record<Party, string> {
  return Object.fromEntries(
    PARTIES.map((party) => [party, env[ENV.subgraphUrl(party)] || `http://localhost:${port(party, env)}/graphql`]),
  ) as Record<Party, string>;
}

export function subgraphConfig(party: Party, env: Env = process.env): SubgraphConfig {
  return { party, port: port(party, env), database: databaseConfig(party, env), peers: subgraphUrls(env), limits: operationLimits(env) };
}

export function gatewayConfig(env: Env = process.env): GatewayConfig {
  const file = env[ENV.supergraphFile];
  return {
    port: port('gateway', env),
    subgraphUrls: subgraphUrls(env),
    subgraphUrl: (subgraph) => env[ENV.subgraphUrl(subgraph)] || undefined,
    supergraph: {
      file: file ? resolve(file) : undefined,
      url: env[ENV.supergraphUrl] || undefined,
      pollIntervalMs: wholeMilliseconds(ENV.supergraphPollIntervalMs, DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS, env),
    },
    subgraphTimeoutMs: wholeMilliseconds(ENV.subgraphTimeoutMs, DEFAULT_SUBGRAPH_TIMEOUT_MS, env),
    limits: operationLimits(env),
    trustedDocuments: trustedDocuments(env),
  };
}

/**
 * Trusted documents: the manifest TRUSTED_DOCUMENTS_MANIFEST names (else operations/manifest.json),
 * enforced when TRUSTED_DOCUMENTS_ONLY says so, and by default in production.
 */
export function trustedDocuments(env: Env = process.env): GatewayConfig['trustedDocuments'] {
  const manifest = env[ENV.trustedDocumentsManifest];
  const raw = env[ENV.trustedDocumentsOnly];
  if (raw !== undefined && raw !== '' && raw !== 'true' && raw !== 'false') {
    throw new Error(`${ENV.trustedDocumentsOnly} must be true or false, got "${raw}"`);
  }
  return { manifest: manifest ? resolve(manifest) : undefined, only: raw === undefined || raw === '' ? isProduction(env) : raw === 'true' };
}

/**
 * The operation limits, the same for the gateway and every subgraph: each OPERATION_MAX_* variable
 * set replaces its default (platform/operation-limits.ts), the rest stay as they are.
 */
export function operationLimits(env: Env = process.env): OperationLimitOptions {
  const limits: OperationLimitOptions = { ...DEFAULT_OPERATION_LIMITS };
  for (const [option, name] of Object.entries(LIMIT_VARIABLES) as [keyof typeof LIMIT_VARIABLES, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
    limits[option] = value;
  }
  return limits;
}

function wholeMilliseconds(name: string, fallback: number, env: Env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a whole number of milliseconds above 0, got "${raw}"`);
  }
  return value;
}

/** Throws unless k is a whole number at or above the floor no configuration may go under. */
export function checkMinimumRespondents(k: number, source = 'minRespondents'): number {
  if (!Number.isInteger(k) || k < MIN_RESPONDENTS_FLOOR) {
    throw new Error(`${source} must be a whole number of at least ${MIN_RESPONDENTS_FLOOR}, got ${k}`);
  }
  return k;
}

export function minRespondents(env: Env = process.env): number {
  const raw = env[ENV.minRespondents];
  if (raw === undefined || raw === '') return DEFAULT_MIN_RESPONDENTS;
  return checkMinimumRespondents(Number(raw), ENV.minRespondents);
}

/** Production mode (NODE_ENV=production, as in the Docker image): no development secret, no schema for the asking. */
export function isProduction(env: Env = process.env): boolean {
  return env[ENV.nodeEnv] === 'production';
}

export interface ConfigVariable {
  name: string;
  default: string;
  meaning: string;
}

/** Every variable the services read, for docs/configuration.md's table and the docker-compose check. */
export const CONFIG_VARIABLES: ConfigVariable[] = [
  { name: ENV.port('gateway'), default: String(DEFAULT_PORTS.gateway), meaning: 'Port the gateway listens on' },
  ...PARTIES.map((party) => ({
    name: ENV.port(party),
    default: String(DEFAULT_PORTS[party]),
    meaning: `Port the ${party} subgraph listens on`,
  })),
  ...PARTIES.map((party) => ({
    name: ENV.subgraphUrl(party),
    default: `http://localhost:${DEFAULT_PORTS[party]}/graphql`,
    meaning: `Where the gateway, and the subgraphs that check relationships with it, reach the ${party} subgraph`,
  })),
  {
    name: '<NAME>_URL',
    default: "(unset: the subgraph's routing URL in the supergraph)",
    meaning:
      'Where the gateway reaches any other subgraph of the supergraph, a partner\'s: its name upper-cased with anything but letters and digits as `_` (`ehr-vendor`: `EHR_VENDOR_URL`); read at each supergraph load',
  },
  {
    name: ENV.supergraphFile,
    default: 'schema/supergraph.graphql',
    meaning: 'The supergraph the gateway serves (a relative path is from the working directory); it watches the file and serves a new one without a restart (docs/partners.md)',
  },
  {
    name: ENV.supergraphUrl,
    default: '(unset)',
    meaning: 'A URL answering the supergraph SDL on GET; when set the gateway polls it instead of reading SUPERGRAPH_FILE',
  },
  {
    name: ENV.supergraphPollIntervalMs,
    default: String(DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS),
    meaning: 'How often the gateway fetches SUPERGRAPH_URL, in ms',
  },
  {
    name: ENV.sharedDatabaseUrl,
    default: '(unset: embedded PGlite)',
    meaning: 'A PostgreSQL server; each subgraph gets its own database on it, created if missing',
  },
  {
    name: ENV.databaseNamePrefix,
    default: 'partnership',
    meaning: 'With `DATABASE_URL`: databases are named `<prefix>_sites`, `<prefix>_sponsors`, …',
  },
  ...PARTIES.map((party) => ({
    name: ENV.databaseUrl(party),
    default: '(unset)',
    meaning: `The ${party} subgraph's own database URL; wins over DATABASE_URL`,
  })),
  {
    name: ENV.dataDir,
    default: '.data',
    meaning: 'Where the embedded databases live (one folder per subgraph); :memory: keeps them in memory',
  },
  {
    name: ENV.minRespondents,
    default: String(DEFAULT_MIN_RESPONDENTS),
    meaning: `k: patient-experience aggregates over fewer respondents are suppressed (at least ${MIN_RESPONDENTS_FLOOR})`,
  },
  {
    name: ENV.authJwtSecret,
    default: '(unset: a development secret kept in DATA_DIR/jwt-secret)',
    meaning: 'Shared HS256 secret, at least 32 bytes, that tokens are signed with (development)',
  },
  {
    name: ENV.authJwksUrl,
    default: '(unset)',
    meaning: 'Production: the identity provider\'s JWKS URL; tokens are then checked against its keys, never the secret',
  },
  {
    name: ENV.authIssuer,
    default: 'partnership-supergraph-dev',
    meaning: 'The `iss` tokens must carry; required with `AUTH_JWKS_URL`',
  },
  { name: ENV.authAudience, default: 'partnership-supergraph', meaning: 'The `aud` tokens must carry' },
  {
    name: ENV.nodeEnv,
    default: '(unset)',
    meaning:
      '`production` (as in the Docker image): no development secret; a service without `AUTH_JWT_SECRET` or `AUTH_JWKS_URL` refuses to start; the gateway runs only trusted documents unless `TRUSTED_DOCUMENTS_ONLY=false`',
  },
  {
    name: ENV.subgraphTimeoutMs,
    default: String(DEFAULT_SUBGRAPH_TIMEOUT_MS),
    meaning: 'How long the gateway waits for one subgraph fetch, in ms; then that part of the answer is a SUBGRAPH_TIMEOUT error naming the subgraph',
  },
  {
    name: ENV.maxCost,
    default: String(DEFAULT_OPERATION_LIMITS.maxCost),
    meaning: 'Highest estimated cost of one operation, at the gateway and at each subgraph (see docs/api.md); over it, HTTP 400 COST_LIMIT_EXCEEDED',
  },
  {
    name: ENV.maxDepth,
    default: String(DEFAULT_OPERATION_LIMITS.maxDepth),
    meaning: 'Deepest path of one operation, in fields with fragments flattened; over it, HTTP 400 DEPTH_LIMIT_EXCEEDED',
  },
  {
    name: ENV.maxAliases,
    default: String(DEFAULT_OPERATION_LIMITS.maxAliases),
    meaning: 'Most aliased fields in one operation; over it, HTTP 400 ALIAS_LIMIT_EXCEEDED',
  },
  {
    name: ENV.maxTokens,
    default: String(DEFAULT_OPERATION_LIMITS.maxTokens),
    meaning: 'Most lexical tokens in one document, counted before parsing; over it, HTTP 400 TOKEN_LIMIT_EXCEEDED',
  },
  {
    name: ENV.trustedDocumentsManifest,
    default: 'operations/manifest.json',
    meaning:
      'The trusted-documents manifest the gateway reads at start (Apollo\'s persisted query manifest format, built by `npm run operations`; a relative path is from the working directory): its operations may be sent by id (docs/frontend.md)',
  },
  {
    name: ENV.trustedDocumentsOnly,
    default: '`true` in production, else `false`',
    meaning:
      '`true`: only the manifest\'s operations run, any other is HTTP 400 OPERATION_NOT_IN_MANIFEST and the gateway refuses to start without the manifest; `false`: any operation, with automatic persisted queries',
  },
  { name: ENV.logLevel, default: 'info (warn for npm start)', meaning: 'pino log level: fatal, error, warn, info, debug, trace' },
];
