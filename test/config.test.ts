import { databaseConfig, explorerConfig, gatewayConfig, minRespondents, operationLimits, subgraphConfig } from '../platform/config';
import { DEFAULT_OPERATION_LIMITS } from '../platform/operation-limits';

describe('where a subgraph keeps its data', () => {
  test('with nothing set, embedded PGlite in .data/<party>', () => {
    expect(databaseConfig('sites', {})).toEqual({ engine: 'pglite', dataDir: expect.stringMatching(/\/\.data\/sites$/) });
  });

  test('DATA_DIR moves the embedded databases, and :memory: keeps them in memory', () => {
    expect(databaseConfig('cros', { DATA_DIR: '/var/lib/partnership' })).toEqual({ engine: 'pglite', dataDir: '/var/lib/partnership/cros' });
    expect(databaseConfig('cros', { DATA_DIR: ':memory:' })).toEqual({ engine: 'pglite', dataDir: null });
  });

  test('DATABASE_URL gives each subgraph its own database on that server', () => {
    const env = { DATABASE_URL: 'postgres://app:secret@db.internal:5433/postgres?sslmode=require' };
    expect(databaseConfig('sponsors', env)).toEqual({
      engine: 'postgres',
      url: 'postgres://app:secret@db.internal:5433/partnership_sponsors?sslmode=require',
    });
    expect(databaseConfig('insights', { ...env, DATABASE_NAME_PREFIX: 'staging' })).toMatchObject({
      url: expect.stringContaining('/staging_insights?'),
    });
  });

  test("a subgraph's own URL wins over DATABASE_URL and DATA_DIR", () => {
    const env = { DATABASE_URL: 'postgres://shared/postgres', SITES_DATABASE_URL: 'postgres://sites-db/sites', DATA_DIR: '/tmp/x' };
    expect(databaseConfig('sites', env)).toEqual({ engine: 'postgres', url: 'postgres://sites-db/sites' });
    expect(databaseConfig('cros', env)).toEqual({ engine: 'postgres', url: 'postgres://shared/partnership_cros' });
  });
});

describe('ports and addresses', () => {
  test('each service has its default port, overridable one by one', () => {
    expect(subgraphConfig('insights', {}).port).toBe(4004);
    expect(subgraphConfig('insights', { INSIGHTS_PORT: '5004' }).port).toBe(5004);
    expect(gatewayConfig({ GATEWAY_PORT: '8080' }).port).toBe(8080);
  });

  test('a port that is not a port number is refused at start, naming the variable', () => {
    expect(() => subgraphConfig('sites', { SITES_PORT: 'eighty' })).toThrow(/SITES_PORT must be a port number/);
    expect(() => gatewayConfig({ GATEWAY_PORT: '70000' })).toThrow(/GATEWAY_PORT/);
  });

  test('the gateway finds subgraphs on their ports on this machine unless told where they are', () => {
    expect(gatewayConfig({ SPONSORS_PORT: '5002', CROS_URL: 'http://cros.internal/graphql' }).subgraphUrls).toEqual({
      sites: 'http://localhost:4001/graphql',
      sponsors: 'http://localhost:5002/graphql',
      cros: 'http://cros.internal/graphql',
      insights: 'http://localhost:4004/graphql',
    });
  });
});

describe('who may reach the services', () => {
  test('every service listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(gatewayConfig({}).host).toBe('127.0.0.1');
    expect(subgraphConfig('sites', {}).host).toBe('127.0.0.1');
    expect(gatewayConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(subgraphConfig('insights', { HOST: '::' }).host).toBe('::');
  });

  test('CORS: pages on this machine in development, none in production, exactly the origins listed when set', () => {
    expect(gatewayConfig({}).cors).toEqual({ origins: [], localPages: true });
    expect(gatewayConfig({ NODE_ENV: 'production' }).cors).toEqual({ origins: [], localPages: false });
    expect(gatewayConfig({ CORS_ORIGINS: 'none' }).cors).toEqual({ origins: [], localPages: false });
    expect(gatewayConfig({ NODE_ENV: 'production', CORS_ORIGINS: ' https://app.example.org, http://localhost:5173 ' }).cors).toEqual({
      origins: ['https://app.example.org', 'http://localhost:5173'],
      localPages: false,
    });
  });

  test.each(['*', 'https://app.example.org/', 'app.example.org', 'https://app.example.org/path', 'file:///tmp/page.html'])(
    'CORS_ORIGINS=%s is refused at start, naming the variable',
    (origin) => {
      expect(() => gatewayConfig({ CORS_ORIGINS: origin })).toThrow(/CORS_ORIGINS lists exact origins/);
    },
  );
});

describe('where the gateway finds its supergraph and the partners in it', () => {
  test("any subgraph's URL is <NAME>_URL, its name upper-cased with anything but letters and digits as _", () => {
    const config = gatewayConfig({ EHR_VENDOR_URL: 'http://ehr.partner.example/graphql', SITES_URL: 'http://sites.internal/graphql' });
    expect(config.subgraphUrl('ehr-vendor')).toBe('http://ehr.partner.example/graphql');
    expect(config.subgraphUrl('sites')).toBe('http://sites.internal/graphql');
    expect(config.subgraphUrl('lab.vendor')).toBeUndefined();
  });

  test('the committed supergraph file unless SUPERGRAPH_FILE or SUPERGRAPH_URL says otherwise, a URL polled every 10 s', () => {
    expect(gatewayConfig({}).supergraph).toEqual({ file: undefined, url: undefined, pollIntervalMs: 10_000 });
    expect(gatewayConfig({ SUPERGRAPH_FILE: '/etc/partnership/supergraph.graphql' }).supergraph.file).toBe('/etc/partnership/supergraph.graphql');
    expect(gatewayConfig({ SUPERGRAPH_URL: 'https://registry.example/supergraph', SUPERGRAPH_POLL_INTERVAL_MS: '30000' }).supergraph).toEqual({
      file: undefined,
      url: 'https://registry.example/supergraph',
      pollIntervalMs: 30_000,
    });
  });

  test('a poll interval that is not a whole number of ms is refused at start, naming the variable', () => {
    expect(() => gatewayConfig({ SUPERGRAPH_POLL_INTERVAL_MS: 'often' })).toThrow(/SUPERGRAPH_POLL_INTERVAL_MS must be a whole number/);
  });
});

describe('small-cell suppression threshold k', () => {
  test('is 11 unless set', () => {
    expect(minRespondents({})).toBe(11);
    expect(minRespondents({ PATIENT_EXPERIENCE_MIN_RESPONDENTS: '20' })).toBe(20);
  });

  test('can never be set below 5, nor to a fraction', () => {
    expect(minRespondents({ PATIENT_EXPERIENCE_MIN_RESPONDENTS: '5' })).toBe(5);
    expect(() => minRespondents({ PATIENT_EXPERIENCE_MIN_RESPONDENTS: '4' })).toThrow(/at least 5/);
    expect(() => minRespondents({ PATIENT_EXPERIENCE_MIN_RESPONDENTS: '7.5' })).toThrow(/whole number/);
  });
});

describe('operation limits', () => {
  test('are the defaults of platform/operation-limits.ts unless set, for the gateway and every subgraph', () => {
    expect(operationLimits({})).toEqual(DEFAULT_OPERATION_LIMITS);
    // The gateway reports each operation's estimated cost in development, never in production.
    expect(gatewayConfig({}).limits).toEqual({ ...DEFAULT_OPERATION_LIMITS, reportCost: true });
    expect(gatewayConfig({ NODE_ENV: 'production' }).limits).toEqual({ ...DEFAULT_OPERATION_LIMITS, reportCost: false });
    expect(subgraphConfig('cros', {}).limits).toEqual(DEFAULT_OPERATION_LIMITS);
  });

  test('OPERATION_MAX_COST, _DEPTH, _ALIASES and _TOKENS each replace one, the rest stay', () => {
    const env = { OPERATION_MAX_COST: '9000', OPERATION_MAX_DEPTH: '8', OPERATION_MAX_ALIASES: '4', OPERATION_MAX_TOKENS: '1500' };
    expect(operationLimits(env)).toEqual({ ...DEFAULT_OPERATION_LIMITS, maxCost: 9000, maxDepth: 8, maxAliases: 4, maxTokens: 1500 });
    expect(subgraphConfig('sites', { OPERATION_MAX_DEPTH: '12' }).limits).toEqual({ ...DEFAULT_OPERATION_LIMITS, maxDepth: 12 });
  });

  test('a limit that is not a whole number above 0 is refused at start, naming the variable', () => {
    expect(() => operationLimits({ OPERATION_MAX_COST: 'lots' })).toThrow(/OPERATION_MAX_COST must be a whole number above 0/);
    expect(() => gatewayConfig({ OPERATION_MAX_DEPTH: '0' })).toThrow(/OPERATION_MAX_DEPTH/);
    expect(() => operationLimits({ OPERATION_MAX_ALIASES: '2.5' })).toThrow(/OPERATION_MAX_ALIASES/);
  });
});

describe('the explorer', () => {
  const demo = JSON.stringify([{ party: 'SITE', orgId: 'site-0110', token: 'a.b.c', variables: { siteId: 'site-0110' } }]);

  test('is on in development and off in production unless EXPLORER says otherwise', () => {
    expect(gatewayConfig({}).explorer).toEqual({ demoCallers: [] });
    expect(explorerConfig({ NODE_ENV: 'production' })).toBeNull();
    expect(explorerConfig({ EXPLORER: 'off' })).toBeNull();
    expect(explorerConfig({ NODE_ENV: 'production', EXPLORER: 'on' })).toEqual({ demoCallers: [] });
  });

  test("offers npm start's demo callers in development, never in production", () => {
    expect(explorerConfig({ EXPLORER_DEMO_CALLERS: demo })!.demoCallers).toEqual(JSON.parse(demo));
    expect(explorerConfig({ NODE_ENV: 'production', EXPLORER: 'on', EXPLORER_DEMO_CALLERS: demo })).toEqual({ demoCallers: [] });
  });

  test('a value that is not on or off, or demo callers that are not a list of callers, are refused at start, naming the variable', () => {
    expect(() => explorerConfig({ EXPLORER: 'yes' })).toThrow(/EXPLORER must be on or off/);
    expect(() => explorerConfig({ EXPLORER_DEMO_CALLERS: '{"party":"SITE"}' })).toThrow(/EXPLORER_DEMO_CALLERS must be a list/);
    expect(() => explorerConfig({ EXPLORER_DEMO_CALLERS: 'not json' })).toThrow(/EXPLORER_DEMO_CALLERS must be JSON/);
  });
});
