// Every setting the services read from the environment, with its default, in one place:
// docs/configuration.md's table and docker-compose.yml are checked against this file.
import { resolve } from 'node:path';
import { DEFAULT_OPERATION_LIMITS, type OperationLimitOptions } from './operation-limits';
import type { TracingConfig } from './tracing';

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
  corsOrigins: 'CORS_ORIGINS',
  host: 'HOST',
  otlpEndpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  serviceName: 'OTEL_SERVICE_NAME',
  metricsToken: 'METRICS_TOKEN',
  explorer: 'EXPLORER',
  explorerDemoCallers: 'EXPLORER_DEMO_CALLERS',
  trustedDocumentsManifest: 'TRUSTED_DOCUMENTS_MANIFEST',
  trustedDocumentsOnly: 'TRUSTED_DOCUMENTS_ONLY',
} as const;

/** Where every service listens unless HOST says otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

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

/** Which pages, by origin, may call the gateway from a browser (gateway/cors.ts). */
export interface CorsPolicy {
  /** Exact origins (`scheme://host[:port]`), as CORS_ORIGINS lists them. */
  origins: string[];
  /** Any page served from this machine over http (localhost, 127.0.0.1, [::1], any port): development's default. */
  localPages: boolean;
}

export interface SubgraphConfig {
  party: Party;
  /** The address it listens on (HOST). */
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Where the other subgraphs answer: a subgraph asks the owner of a relationship it must check. */
  peers: Record<Party, string>;
  /** What one operation sent straight to the subgraph may ask for. */
  limits: OperationLimitOptions;
  /** Where its spans go, and who may read its /metrics. */
  telemetry: TelemetryConfig;
}

/** A service's traces and metrics settings. */
export interface TelemetryConfig {
  tracing: TracingConfig;
  /** When set, GET /metrics answers only a request bearing it (`Authorization: Bearer <token>`). */
  metricsToken?: string;
}

export interface GatewayConfig {
  /** The address it listens on (HOST). */
  host: string;
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
  /** What one operation may ask for; in development every answer reports its estimated cost. */
  limits: OperationLimitOptions;
  /** Which pages may call it from a browser. */
  cors: CorsPolicy;
  /** Where its spans go, and who may read its /metrics. */
  telemetry: TelemetryConfig;
  /** The explorer page at / and for browsers at /graphql (gateway/explorer.ts); null when it is off. */
  explorer: ExplorerConfig | null;
  /** The trusted-documents manifest, and whether only its operations may run (gateway/trusted-documents.ts). */
  trustedDocuments: { manifest?: string; only: boolean };
}

/** A caller the explorer offers in one click: npm start's demo tokens, never in production. */
export interface ExplorerCaller {
  /** The party kind (SITE, SPONSOR, CRO, PATIENT_ADVOCATE, PLATFORM_ADMIN). */
  party: string;
  orgId: string;
  token: string;
  /** Variables of the flagship operations that this caller may see, by variable name. */
  variables: Record<string, unknown>;
  /** The operations written for this kind of caller, opened first. */
  operations?: string[];
}

export interface ExplorerConfig {
  demoCallers: ExplorerCaller[];
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
  return {
    party,
    host: host(env),
    port: port(party, env),
    database: databaseConfig(party, env),
    peers: subgraphUrls(env),
    limits: operationLimits(env),
    telemetry: telemetryConfig(party, env),
  };
}

/**
 * A service's telemetry settings: spans to OTEL_EXPORTER_OTLP_ENDPOINT (none when unset) under
 * OTEL_SERVICE_NAME, else the service's role; /metrics behind METRICS_TOKEN when it is set.
 */
export function telemetryConfig(service: Party | 'gateway', env: Env = process.env): TelemetryConfig {
  return {
    tracing: { endpoint: env[ENV.otlpEndpoint] || undefined, serviceName: env[ENV.serviceName] || service },
    metricsToken: env[ENV.metricsToken] || undefined,
  };
}

export function gatewayConfig(env: Env = process.env): GatewayConfig {
  const file = env[ENV.supergraphFile];
  return {
    host: host(env),
    port: port('gateway', env),
    subgraphUrls: subgraphUrls(env),
    subgraphUrl: (subgraph) => env[ENV.subgraphUrl(subgraph)] || undefined,
    supergraph: {
      file: file ? resolve(file) : undefined,
      url: env[ENV.supergraphUrl] || undefined,
      pollIntervalMs: wholeMilliseconds(ENV.supergraphPollIntervalMs, DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS, env),
    },
    subgraphTimeoutMs: wholeMilliseconds(ENV.subgraphTimeoutMs, DEFAULT_SUBGRAPH_TIMEOUT_MS, env),
    // The estimate is the client's to plan with; production answers carry none (docs/frontend.md).
    limits: { ...operationLimits(env), reportCost: !isProduction(env) },
    cors: corsPolicy(env),
    telemetry: telemetryConfig('gateway', env),
    explorer: explorerConfig(env),
    trustedDocuments: trustedDocuments(env),
  };
}

/** The address every service listens on: HOST, else 127.0.0.1 (reachable from this machine only). */
export function host(env: Env = process.env): string {
  return env[ENV.host] || DEFAULT_HOST;
}

/**
 * CORS_ORIGINS: exact origins, comma-separated, or `none`. Unset, development lets pages on this
 * machine call (a frontend's dev server on localhost:5173) and production lets none. A wildcard is
 * refused: the gateway answers with credentials allowed, and `*` would hand any site's page the
 * answers a signed-in user's browser fetches.
 */
export function corsPolicy(env: Env = process.env): CorsPolicy {
  const raw = env[ENV.corsOrigins]?.trim();
  if (!raw) return { origins: [], localPages: !isProduction(env) };
  if (raw === 'none') return { origins: [], localPages: false };
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin || !['http:', 'https:'].includes(parsed.protocol)) {
      throw new Error(
        `${ENV.corsOrigins} lists exact origins, scheme://host[:port] without a path or a trailing slash (https://app.example.org); got "${origin}"`,
      );
    }
  }
  return { origins, localPages: false };
}

/**
 * The explorer: on unless EXPLORER says off, except in production, where it is off unless EXPLORER
 * says on. Demo callers (EXPLORER_DEMO_CALLERS, set by npm start for its own gateway) are never
 * offered in production: a token one click away is for a developer's machine.
 */
export function explorerConfig(env: Env = process.env): ExplorerConfig | null {
  const raw = env[ENV.explorer];
  const switches: Record<string, boolean> = { on: true, off: false };
  if (raw !== undefined && raw !== '' && !(raw in switches)) throw new Error(`${ENV.explorer} must be on or off, got "${raw}"`);
  const enabled = raw === undefined || raw === '' ? !isProduction(env) : switches[raw];
  if (!enabled) return null;
  const demo = env[ENV.explorerDemoCallers];
  if (isProduction(env) || !demo) return { demoCallers: [] };
  let demoCallers: unknown;
  try {
    demoCallers = JSON.parse(demo);
  } catch {
    throw new Error(`${ENV.explorerDemoCallers} must be JSON (npm start sets it), got "${demo.slice(0, 40)}…"`);
  }
  const isCaller = (caller: any): caller is ExplorerCaller =>
    typeof caller?.party === 'string' && typeof caller.orgId === 'string' && typeof caller.token === 'string' && typeof caller.variables === 'object';
  if (!Array.isArray(demoCallers) || !demoCallers.every(isCaller)) {
    throw new Error(`${ENV.explorerDemoCallers} must be a list of {party, orgId, token, variables} (npm start sets it)`);
  }
  return { demoCallers };
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
  {
    name: ENV.host,
    default: DEFAULT_HOST,
    meaning: 'The address every service (gateway and subgraphs) listens on: 127.0.0.1 is this machine only; `0.0.0.0` every interface, as containers need',
  },
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
    name: ENV.corsOrigins,
    default: '(unset: in development any http page on localhost, 127.0.0.1 or [::1]; in production none)',
    meaning:
      'The page origins a browser may call the gateway from, exact and comma-separated (`https://app.example.org,https://admin.example.org`), or `none`; `*` is refused (docs/frontend.md)',
  },
  {
    name: ENV.explorer,
    default: 'on (off with NODE_ENV=production)',
    meaning: 'The GraphiQL explorer at `/` and, for a browser, at `/graphql`, served from the gateway itself (docs/frontend.md); `on` or `off`',
  },
  {
    name: ENV.explorerDemoCallers,
    default: '(set by npm start)',
    meaning: "The demo tokens the explorer offers in one click, and each one's example variables, as JSON; `npm start` sets it for its gateway; ignored with NODE_ENV=production",
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
  {
    name: ENV.otlpEndpoint,
    default: '(unset: no tracing)',
    meaning: 'An OpenTelemetry collector\'s OTLP/HTTP base URL (e.g. http://collector:4318): each service sends its spans to `<url>/v1/traces`',
  },
  {
    name: ENV.serviceName,
    default: "(unset: the service's role, gateway, sites, …)",
    meaning: 'The name a service reports its spans under; set it per service, or leave it unset where one environment starts several (npm start)',
  },
  {
    name: ENV.metricsToken,
    default: '(unset: /metrics open)',
    meaning: 'When set, GET /metrics of every service answers only `Authorization: Bearer <token>`',
  },
];
