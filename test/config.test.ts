import { databaseConfig, gatewayConfig, minRespondents, operationLimits, subgraphConfig } from '../platform/config';
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
    expect(gatewayConfig({}).limits).toEqual(DEFAULT_OPERATION_LIMITS);
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
