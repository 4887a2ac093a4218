// Two projects: the tests that run against a database (every subgraph, the gateway, npm start, the
// importer), and those that touch none (the generator, codegen, composition, configuration, docs).
// `npm test` runs both; CI runs it once per engine, and on its second engine (a PostgreSQL server)
// only the database project, since the others cannot answer differently there.

/** Test files that open no database, by name under test/. */
const ENGINE_FREE = [
  'bench-query-plan',
  'check',
  'codegen',
  'composition',
  'config',
  'docker-compose',
  'docs',
  'generate',
  'layers',
  'logger',
  'operations',
  'partner-tokens',
  'request-context-expiry',
  'rule-names',
  'seed-digest',
];
const engineFreeFiles = ENGINE_FREE.map((name) => `<rootDir>/test/${name}.test.ts`);

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    // Type checking is `npm run typecheck`; tests only transpile, which keeps them quick.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  setupFiles: ['<rootDir>/test/support/setup.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'engine-free', testMatch: engineFreeFiles },
    { ...common, displayName: 'database', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: engineFreeFiles },
  ],
  // Each engine's databases are migrated once per run; every test file starts from a copy.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
