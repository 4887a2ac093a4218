// The test databases themselves: migrated once per run (test/support/global-setup.ts), each test
// file starting from its own copy.
import { logger } from '../platform/logger';
import type { SiteRecord } from '../seed/model';
import { openSitesDatabase } from '../subgraphs/sites/database';
import { sitesMigrations } from '../subgraphs/sites/migrations';
import { seedSites } from '../subgraphs/sites/seed';
import { testDatabaseConfigs } from './support/databases';

const SITE: SiteRecord = {
  id: 'site-copy',
  name: 'Hospital Clínic de Barcelona',
  kind: 'HOSPITAL',
  city: 'Barcelona',
  region: 'Catalonia',
  postalCode: '08036',
  countryCode: 'ES',
  lat: 41.39,
  lon: 2.15,
  timezone: 'Europe/Madrid',
  languages: ['es'],
  therapeuticAreas: ['ONCOLOGY'],
  communitiesServed: [],
  capacity: { maxConcurrentTrials: 4, coordinatorFte: 2, weeklyVisitSlots: 30, blackoutPeriods: [] },
  staff: [],
  assets: [],
  sharingPolicy: { capacity: 'PARTNERS', staff: 'SITE_ONLY', assets: 'PARTNERS' },
};

afterEach(() => jest.restoreAllMocks());

test('a test database opens already migrated: every migration is recorded and opening it runs none', async () => {
  const sent: string[] = [];
  // Every statement a data source sends passes through logger.trace (SqlStatementCounter).
  jest.spyOn(logger, 'trace').mockImplementation((fields: unknown) => {
    sent.push(String((fields as { sql?: string }).sql));
  });
  const { configs, drop } = testDatabaseConfigs();
  const database = await openSitesDatabase(configs.sites);
  try {
    expect(sent.some((sql) => /FROM "migrations"/.test(sql))).toBe(true);
    expect(sent.filter((sql) => /INSERT INTO "migrations"/i.test(sql))).toEqual([]);
    const recorded = await database.dataSource.query('SELECT name FROM migrations ORDER BY timestamp');
    expect(recorded.map((row: { name: string }) => row.name)).toEqual(sitesMigrations.map((migration) => migration.name));
  } finally {
    await database.close();
    await drop();
  }
});

test('two test databases are independent copies: a site stored in one is not in the other', async () => {
  const first = testDatabaseConfigs();
  const second = testDatabaseConfigs();
  const [one, other] = await Promise.all([openSitesDatabase(first.configs.sites), openSitesDatabase(second.configs.sites)]);
  try {
    await seedSites(one.dataSource, { sites: [SITE] });
    expect(await one.dataSource.query('SELECT id FROM sites')).toEqual([{ id: 'site-copy' }]);
    expect(await other.dataSource.query('SELECT id FROM sites')).toEqual([]);
  } finally {
    await Promise.all([one.close(), other.close()]);
    await Promise.all([first.drop(), second.drop()]);
  }
});
