// The ClinicalTrials.gov importer on the 625 real records in ../shared/data/ctgov: what each record
// maps to, sites matched across studies, a re-import that changes nothing, newer and older copies
// of a record, bad files, progress, the CLI, and the imported data through the gateway.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { importStudies, type ImportSummary } from '../import/ctgov/import-studies';
import { parseStudy, type RegistryStudy } from '../import/ctgov/study';
import { closeDatabases, type Databases, openDatabases, startLocalStack, type LocalStack } from '../scripts/local-stack';
import { importProgress, summaryLines } from '../scripts/import-ctgov';
import { knownCro } from '../subgraphs/cros/known-cros';
import { PARTIES } from '../platform/config';
import { siteMatchKey } from '../subgraphs/sites/registry-import';
import { sponsorKind } from '../subgraphs/sponsors/registry-import';
import { testDatabaseConfigs } from './support/databases';
import { postGraphQL } from './support/subgraph-harness';
import { as, asAdmin, TEST_ENV } from './support/tokens';

const ROOT = resolve(__dirname, '..');
const DATA = resolve(ROOT, '..', 'shared', 'data', 'ctgov');
const QUERIES = resolve(ROOT, '..', 'shared', 'queries');
const FILES = readdirSync(DATA).filter((name) => name.endsWith('.json')).sort();
const rawRecord = (file: string) => JSON.parse(readFileSync(join(DATA, file), 'utf8'));
const record = (file: string): RegistryStudy => {
  const parsed = parseStudy(rawRecord(file));
  if (!('study' in parsed)) throw new Error(`${file}: ${parsed.problem}`);
  return parsed.study;
};

const scratch = mkdtempSync(join(tmpdir(), 'import-ctgov-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('one registry record as the plain record we keep', () => {
  test('NCT00000410 keeps its partial dates, counts its criteria and outcomes, maps its phase and status', () => {
    const study = record('NCT00000410.json');
    expect(study).toMatchObject({
      nctId: 'NCT00000410',
      phase: 'PHASE_4',
      overallStatus: 'COMPLETED',
      conditions: ['Herniated Disc', 'Low Back Pain'],
      enrollment: { count: 501, type: 'ACTUAL' },
      startDate: { date: '2000-03', type: null },
      completionDate: { date: '2015-04', type: 'ACTUAL' },
      firstSubmittedOn: '1999-11-03',
      lastUpdatePostedOn: '2015-08-04',
      inclusionCriteria: 4,
      exclusionCriteria: 10,
      outcomes: { primary: 1, secondary: 4, other: 0 },
      leadSponsor: { name: 'Dartmouth-Hitchcock Medical Center', registryClass: 'OTHER' },
    });
    expect(study.locations[0]).toEqual({
      facility: 'Kaiser Permanente Spine Care Program',
      city: 'Oakland',
      region: 'California',
      postalCode: '94612',
      countryCode: 'US',
      lat: 37.80437,
      lon: -122.2708,
      recruitmentStatus: null,
    });
  });

  test('every one of the 625 records parses, with phases and statuses from the registry lists', () => {
    const studies = FILES.map(record);
    expect(studies).toHaveLength(625);
    expect(new Set(studies.map((study) => study.phase))).toEqual(
      new Set(['NOT_APPLICABLE', 'EARLY_PHASE_1', 'PHASE_1', 'PHASE_1_2', 'PHASE_2', 'PHASE_2_3', 'PHASE_3', 'PHASE_4']),
    );
    // 133 start dates are given to the month only, and stay so.
    expect(studies.filter((study) => study.startDate?.date.length === 7)).toHaveLength(133);
    expect(studies.filter((study) => study.startDate?.date.length === 10)).toHaveLength(492);
  });

  test('the record is built from the fields we keep only: no contact or official appears in it', () => {
    const raw = rawRecord('NCT00000410.json');
    const official = raw.protocolSection.contactsLocationsModule.overallOfficials[0].name;
    expect(official).toBe('James N. Weinstein, DO, MS');
    expect(JSON.stringify(record('NCT00000410.json'))).not.toContain('Weinstein');
  });

  test('sponsor kind follows the registry class, OTHER split by name', () => {
    expect(sponsorKind({ name: 'Novo Nordisk A/S', registryClass: 'INDUSTRY' })).toBe('INDUSTRY');
    expect(sponsorKind({ name: 'National Cancer Institute (NCI)', registryClass: 'NIH' })).toBe('GOVERNMENT');
    expect(sponsorKind({ name: 'Children\'s Oncology Group', registryClass: 'NETWORK' })).toBe('NONPROFIT');
    expect(sponsorKind({ name: 'Dartmouth-Hitchcock Medical Center', registryClass: 'OTHER' })).toBe('ACADEMIC');
    expect(sponsorKind({ name: 'Fight Kids Cancer', registryClass: 'OTHER' })).toBe('OTHER');
    expect(sponsorKind({ name: 'Jane Doe', registryClass: 'INDIV' })).toBe('OTHER');
  });

  test('CROs are recognised through the one table, whatever the case, punctuation or legal form', () => {
    expect(record('NCT05551195.json').collaborators.map((c) => knownCro(c.name)?.name ?? null)).toEqual(['IQVIA']);
    expect(record('NCT01252810.json').collaborators.map((c) => knownCro(c.name)?.name ?? null)).toEqual([
      'i3 Statprobe',
      'Medpace',
      null,
      null,
    ]);
    expect(knownCro('QUINTILES, INC.')?.id).toBe('cro-iqvia');
    expect(knownCro('Covance Inc')?.id).toBe('cro-labcorp-drug-development');
    expect(knownCro('INC Research, LLC')?.id).toBe('cro-syneos-health');
    expect(knownCro('Pfizer')).toBeNull();
  });
});

describe('site matching keys', () => {
  test('the same facility spelled differently across records is one key', () => {
    // Real spellings: NCT01949129 and NCT02724163; NCT02168764, NCT04066023 and NCT04688775.
    expect(siteMatchKey('Hôpital Robert Debré', 'Paris', 'FR')).toBe(siteMatchKey('Hopital Robert Debre', 'Paris', 'FR'));
    const dartmouth = ['Dartmouth Hitchcock-Medical Center', 'Dartmouth Hitchcock Medical Center', 'Dartmouth-Hitchcock Medical Center'];
    expect(new Set(dartmouth.map((name) => siteMatchKey(name, 'Lebanon', 'US'))).size).toBe(1);
    expect(siteMatchKey('CHU de Bordeaux', 'Bordeaux', 'FR')).toBe(siteMatchKey('CHU Bordeaux', 'Bordeaux', 'FR'));
  });

  test('different facilities in one city, or one name in two cities, are different keys', () => {
    expect(siteMatchKey('Hôpital Robert Debré', 'Paris', 'FR')).not.toBe(siteMatchKey('Hôpital Lariboisière', 'Paris', 'FR'));
    expect(siteMatchKey('Mayo Clinic', 'Rochester', 'US')).not.toBe(siteMatchKey('Mayo Clinic', 'Jacksonville', 'US'));
  });
});

/** Row count and an md5 of every row of every table of a database, for "nothing changed". */
async function digest(databases: Databases): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const party of PARTIES) {
    const { dataSource } = databases[party];
    for (const { tableName } of dataSource.entityMetadatas) {
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS md5 FROM "${tableName}" t`,
      );
      digests[`${party}.${tableName}`] = `${row.rows}:${row.md5}`;
    }
  }
  return digests;
}

const count = async (databases: Databases, party: keyof Databases, sql: string, params: unknown[] = []) =>
  Number((await databases[party].dataSource.query(sql, params))[0].count);

describe('the 625 records imported', () => {
  let databases: Databases;
  let drop: () => Promise<void>;
  let first: ImportSummary;
  let stack: LocalStack;

  beforeAll(async () => {
    const test = testDatabaseConfigs();
    drop = test.drop;
    databases = await openDatabases(test.configs);
    first = await importStudies(databases, [DATA]);
  });

  afterAll(async () => {
    await stack?.stop();
    await closeDatabases(databases);
    await drop();
  });

  test('every study, sponsor, site, CRO and engagement is stored, and each party only in its own database', async () => {
    expect(first.skipped).toEqual([]);
    expect(first.studies).toEqual({ created: 625, updated: 0, unchanged: 0, superseded: 0 });
    // 42 locations name no facility: left out and counted, the rest of the record imported.
    expect(first.skippedLocations).toHaveLength(42);
    expect(first.skippedLocations.every((location) => location.reason === 'no facility name')).toBe(true);
    expect(await count(databases, 'sponsors', 'SELECT count(*) FROM trials')).toBe(625);
    expect(await count(databases, 'sponsors', 'SELECT count(*) FROM sponsors')).toBe(first.sponsorsCreated);
    expect(await count(databases, 'sites', 'SELECT count(*) FROM sites')).toBe(first.sitesCreated);
    expect(await count(databases, 'sponsors', 'SELECT count(*) FROM trial_sites')).toBe(first.trialSitesCreated);
    expect(await count(databases, 'cros', 'SELECT count(*) FROM engagements')).toBe(first.engagementsCreated);
    expect(first.sitesCreated).toBe(4844);
    expect(first.engagementsCreated).toBe(12);
    expect(await count(databases, 'insights', 'SELECT count(*) FROM survey_responses')).toBe(0);
    // Every trial site names a site the sites database holds.
    const siteIds = new Set((await databases.sites.dataSource.query('SELECT id FROM sites')).map((row: { id: string }) => row.id));
    const referenced: { siteId: string }[] = await databases.sponsors.dataSource.query('SELECT DISTINCT site_id AS "siteId" FROM trial_sites');
    expect(referenced.filter((row) => !siteIds.has(row.siteId))).toEqual([]);
  });

  test('a trial keeps what the registry says and leaves unknown what it does not', async () => {
    const [trial] = await databases.sponsors.dataSource.query(
      `SELECT t.*, s.name AS sponsor_name, s.kind AS sponsor_kind FROM trials t JOIN sponsors s ON s.id = t.sponsor_id WHERE nct_id = 'NCT00000410'`,
    );
    expect(trial).toMatchObject({
      phase: 'PHASE_4',
      status: 'COMPLETED',
      registry_status: 'COMPLETED',
      therapeutic_area: null,
      enrollment_target: null,
      enrollment_actual: 501,
      start_date: '2000-03',
      start_date_type: null,
      completion_date: '2015-04',
      completion_date_type: 'ACTUAL',
      sponsor_name: 'Dartmouth-Hitchcock Medical Center',
      sponsor_kind: 'ACADEMIC',
    });
    expect(trial.collaborators.map((c: { name: string }) => c.name)).toContain('National Institute of Arthritis and Musculoskeletal and Skin Diseases (NIAMS)');
    const [site] = await databases.sites.dataSource.query(`SELECT * FROM sites WHERE name = 'Kaiser Permanente Spine Care Program'`);
    expect(site).toMatchObject({ kind: null, timezone: null, city: 'Oakland', region: 'California', country_code: 'US', lat: 37.80437, languages: [] });
  });

  test('one site for the same facility across studies, two for two facilities in the same city', async () => {
    // Compared by key: the records write some accents composed, some decomposed.
    const paris: { id: string; name: string }[] = await databases.sites.dataSource.query(`SELECT id, name FROM sites WHERE city = 'Paris'`);
    const sitesNamed = async (names: string[]) => {
      const keys = new Set(names.map((name) => siteMatchKey(name, 'Paris', 'FR')));
      return paris.filter((site) => keys.has(siteMatchKey(site.name, 'Paris', 'FR')));
    };
    const debre = await sitesNamed(['Hopital Robert Debre']);
    expect(debre).toHaveLength(1);
    const trialsAtDebre = await count(databases, 'sponsors', 'SELECT count(DISTINCT trial_id) FROM trial_sites WHERE site_id = $1', [debre[0].id]);
    expect(trialsAtDebre).toBe(3);
    const lariboisiere = await sitesNamed(['Hopital Lariboisiere']);
    expect(lariboisiere).toHaveLength(1);
    expect(lariboisiere[0].id).not.toBe(debre[0].id);
    // "Research Site" hides different facilities: never merged across studies (three here).
    expect(await sitesNamed(['Research Site'])).toHaveLength(
      // NCT00831909, NCT03798535 and NCT05925803 list Paris research sites, NCT03798535 several.
      FILES.map(record).flatMap((study) => study.locations).filter((l) => l.facility === 'Research Site' && l.city === 'Paris').length,
    );
  });

  test('CROs in the table become CROs engaged on the trial for its sponsor; other collaborators stay collaborators', async () => {
    const engagements: { trialId: string; croId: string; sponsorId: string; startsOn: string | null }[] = await databases.cros.dataSource.query(
      'SELECT trial_id AS "trialId", cro_id AS "croId", sponsor_id AS "sponsorId", starts_on AS "startsOn" FROM engagements ORDER BY id',
    );
    expect(engagements.filter((e) => e.trialId === 'trial-nct01252810').map((e) => e.croId).sort()).toEqual(['cro-i3-statprobe', 'cro-medpace']);
    expect(engagements.every((e) => e.startsOn === null)).toBe(true);
    const [trial] = await databases.sponsors.dataSource.query(`SELECT sponsor_id, collaborators FROM trials WHERE id = 'trial-nct01252810'`);
    expect(engagements.find((e) => e.trialId === 'trial-nct01252810')?.sponsorId).toBe(trial.sponsor_id);
    expect(trial.collaborators).toEqual([
      { name: 'Biomedical Systems', registryClass: 'INDUSTRY' },
      { name: 'Rules-Based Medicine, Inc.', registryClass: 'INDUSTRY' },
    ]);
  });

  test('no name of a contact or official from the records appears anywhere in the databases', async () => {
    const people = new Set<string>();
    const organisations = new Set<string>();
    for (const file of FILES) {
      const protocol = rawRecord(file).protocolSection;
      const module = protocol.contactsLocationsModule ?? {};
      const named = [
        ...(module.centralContacts ?? []),
        ...(module.overallOfficials ?? []),
        ...(module.locations ?? []).flatMap((location: { contacts?: unknown[] }) => location.contacts ?? []),
      ];
      for (const person of named) if (person.name) people.add(person.name);
      organisations.add(protocol.sponsorCollaboratorsModule?.leadSponsor?.name);
      for (const c of protocol.sponsorCollaboratorsModule?.collaborators ?? []) organisations.add(c.name);
      for (const l of module.locations ?? []) organisations.add(l.facility);
    }
    // Some "officials" are organisations ("Novo Nordisk A/S", "Clinical Trials"): those may appear as such.
    const persons = [...people].filter((name) => ![...organisations].some((org) => org?.includes(name)) && name.length >= 6);
    expect(persons.length).toBeGreaterThan(500);
    let stored = '';
    for (const party of PARTIES) {
      for (const { tableName } of databases[party].dataSource.entityMetadatas) {
        const [row] = await databases[party].dataSource.query(`SELECT coalesce(string_agg(t::text, '\n'), '') AS text FROM "${tableName}" t`);
        stored += row.text;
      }
    }
    expect(stored.length).toBeGreaterThan(100_000);
    expect(persons.filter((name) => stored.includes(name))).toEqual([]);
  });

  test('importing the same records again changes nothing', async () => {
    const before = await digest(databases);
    const again = await importStudies(databases, [DATA]);
    expect(again.studies).toEqual({ created: 0, updated: 0, unchanged: 625, superseded: 0 });
    expect([again.sponsorsCreated, again.sitesCreated, again.trialSitesCreated, again.crosCreated, again.engagementsCreated]).toEqual([0, 0, 0, 0, 0]);
    expect(await digest(databases)).toEqual(before);
    expect(summaryLines(again)).toContain('Studies:      625 (0 new, 0 updated, 625 unchanged)');
  });

  test('a newer record of a study updates it; an older one changes nothing', async () => {
    const folder = join(scratch, 'newer');
    mkdirSync(folder);
    const newer = rawRecord('NCT05551195.json');
    newer.protocolSection.identificationModule.briefTitle = 'A newer title';
    newer.protocolSection.statusModule.lastUpdatePostDateStruct.date = '2030-01-15';
    newer.protocolSection.outcomesModule.secondaryOutcomes = [];
    writeFileSync(join(folder, 'newer.json'), JSON.stringify(newer));
    const [{ version }] = await databases.sponsors.dataSource.query(`SELECT version FROM trials WHERE nct_id = 'NCT05551195'`);

    expect((await importStudies(databases, [folder])).studies).toMatchObject({ updated: 1, created: 0 });
    const [updated] = await databases.sponsors.dataSource.query(
      `SELECT t.title, t.version, t.registry_updated_on AS "updatedOn", p.secondary_endpoints AS secondary, (SELECT count(*)::int FROM protocol_versions WHERE trial_id = t.id) AS versions
         FROM trials t JOIN protocol_versions p ON p.trial_id = t.id WHERE t.nct_id = 'NCT05551195'`,
    );
    expect(updated).toEqual({ title: 'A newer title', version: version + 1, updatedOn: '2030-01-15', secondary: 0, versions: 1 });

    const before = await digest(databases);
    const older = join(scratch, 'older');
    mkdirSync(older);
    writeFileSync(join(older, 'older.json'), JSON.stringify(rawRecord('NCT05551195.json')));
    expect((await importStudies(databases, [older])).studies).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await digest(databases)).toEqual(before);
  });

  test('bad files are reported by name with the reason and skipped; the rest imports', async () => {
    const folder = join(scratch, 'bad');
    mkdirSync(folder);
    writeFileSync(join(folder, 'broken.json'), '{"protocolSection": ');
    writeFileSync(join(folder, 'not-a-study.json'), JSON.stringify({ hello: 'world' }));
    const untitled = rawRecord('NCT00007696.json');
    delete untitled.protocolSection.identificationModule.briefTitle;
    delete untitled.protocolSection.identificationModule.officialTitle;
    writeFileSync(join(folder, 'untitled.json'), JSON.stringify(untitled));
    const unsponsored = rawRecord('NCT00069082.json');
    delete unsponsored.protocolSection.sponsorCollaboratorsModule;
    writeFileSync(join(folder, 'unsponsored.json'), JSON.stringify(unsponsored));
    writeFileSync(join(folder, 'README.md'), '# not a record');
    const good = rawRecord('NCT00000410.json');
    good.protocolSection.identificationModule.nctId = 'NCT99999901';
    writeFileSync(join(folder, 'good.json'), JSON.stringify(good));

    const summary = await importStudies(databases, [folder, join(scratch, 'missing.json')]);
    expect(summary.files).toBe(5);
    expect(summary.studies.created).toBe(1);
    const reasons = Object.fromEntries(summary.skipped.map(({ file, reason }) => [file.replace(`${folder}/`, ''), reason]));
    expect(reasons['broken.json']).toMatch(/^not valid JSON/);
    expect(reasons['not-a-study.json']).toMatch(/not a ClinicalTrials\.gov study record/);
    expect(reasons['untitled.json']).toMatch(/^no title/);
    expect(reasons['unsponsored.json']).toMatch(/^no lead sponsor/);
    expect(reasons[join(scratch, 'missing.json')]).toBe('no such file or folder');
    expect(Object.keys(reasons)).toHaveLength(5);
    expect(await count(databases, 'sponsors', `SELECT count(*) FROM trials WHERE nct_id = 'NCT99999901'`)).toBe(1);
  });

  describe('through the gateway', () => {
    const operation = (name: string) => readFileSync(join(QUERIES, name), 'utf8');

    beforeAll(async () => {
      stack = await startLocalStack({ databases, ports: { gateway: 0, sites: 0, sponsors: 0, cros: 0, insights: 0 }, env: TEST_ENV });
    });

    test('TrialOverview by NCT id answers for an admin and for the trial\'s sponsor, complexity out of the known factors only', async () => {
      const [{ sponsorId }] = await databases.sponsors.dataSource.query(`SELECT sponsor_id AS "sponsorId" FROM trials WHERE nct_id = 'NCT01252810'`);
      for (const headers of [await asAdmin(), await as('SPONSOR', sponsorId)]) {
        const body = await postGraphQL(stack.gatewayUrl, operation('trial-overview.graphql'), { nctId: 'NCT01252810' }, headers);
        expect(body.errors).toBeUndefined();
        const trial = body.data.trial;
        expect(trial).toMatchObject({ nctId: 'NCT01252810', phase: 'PHASE_2', status: 'COMPLETED', therapeuticArea: null, sponsor: { id: sponsorId, name: 'GE Healthcare', kind: 'INDUSTRY' } });
        expect(trial.engagements.map((e: { cro: { name: string } }) => e.cro.name).sort()).toEqual(['Medpace', 'i3 Statprobe']);
        expect(trial.sites.length).toBeGreaterThan(0);
        expect(trial.sites.every((s: { enrolled: number | null }) => s.enrolled === null)).toBe(true);
        expect(trial.patientBurden).toBeNull();
        const unknown = trial.complexity.breakdown.filter((f: { value: number | null }) => f.value === null).map((f: { factor: string }) => f.factor);
        expect(unknown).toEqual(['DISTINCT_PROCEDURES', 'TOTAL_PROCEDURES', 'PLANNED_VISITS']);
      }
      const body = await postGraphQL(
        stack.gatewayUrl,
        `query ($nctId: String!) { trial(nctId: $nctId) { startDate { date type } enrollmentActual complexity { score maxScore } } }`,
        { nctId: 'NCT01252810' },
        await asAdmin(),
      );
      expect(body.data.trial).toMatchObject({ startDate: { date: '2010-11', type: null }, complexity: { maxScore: 6 } });
    });

    test('SitesInCountry lists imported sites for an admin, and a sponsor sees only its own trials there', async () => {
      const [{ sponsorId }] = await databases.sponsors.dataSource.query(`SELECT sponsor_id AS "sponsorId" FROM trials WHERE nct_id = 'NCT05814159'`);
      const admin = await postGraphQL(stack.gatewayUrl, operation('sites-in-country.graphql'), { countryCode: 'JP', first: 50 }, await asAdmin());
      expect(admin.errors).toBeUndefined();
      const jp = await count(databases, 'sites', `SELECT count(*) FROM sites WHERE country_code = 'JP'`);
      expect(admin.data.sites.totalCount).toBe(jp);
      expect(admin.data.sites.edges[0].node).toMatchObject({ kind: null, languages: [], capacity: null });

      const sponsor = await postGraphQL(stack.gatewayUrl, operation('sites-in-country.graphql'), { countryCode: 'JP', first: 100 }, await as('SPONSOR', sponsorId));
      // The registry records no partnerships: a site's capacity is refused to the sponsor, as its policy says, and nothing else.
      expect(new Set(sponsor.errors?.map((error) => `${error.extensions?.rule} ${error.path?.at(-1)}`))).toEqual(new Set(['site-sharing-policy capacity']));
      const trials = sponsor.data.sites.edges.flatMap((edge: { node: { trials: { trial: { sponsor: { id: string } } }[] } }) => edge.node.trials);
      expect(trials.length).toBeGreaterThan(0);
      expect(trials.every((t: { trial: { sponsor: { id: string } } }) => t.trial.sponsor.id === sponsorId)).toBe(true);
    });
  });
});

describe('the command line', () => {
  test('progress is a plain line per batch when the output is not a terminal', () => {
    const lines: string[] = [];
    const progress = importProgress({ isTTY: false } as NodeJS.WriteStream, (line) => lines.push(line));
    progress.start(250);
    progress.advance(100);
    progress.advance(200);
    progress.advance(250);
    progress.stop();
    expect(lines).toEqual(['  stored 100/250 studies', '  stored 200/250 studies', '  stored 250/250 studies']);
  });

  test('npm run import:ctgov imports into DATA_DIR (or DATABASE_URL), prints the counts, and fails when nothing could be read', async () => {
    const folder = join(scratch, 'cli');
    mkdirSync(folder);
    for (const file of FILES.slice(0, 5)) writeFileSync(join(folder, file), readFileSync(join(DATA, file)));
    writeFileSync(join(folder, 'broken.json'), 'not json');
    const prefix = `pstest_cli_${randomBytes(3).toString('hex')}`;
    const env = { ...process.env, DATA_DIR: join(scratch, 'cli-data'), DATABASE_NAME_PREFIX: prefix, LOG_LEVEL: 'warn' };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/import-ctgov.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    try {
      const first = run(folder);
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('  stored 5/5 studies');
      expect(first.stdout).toContain(`${join(folder, 'broken.json')}: not valid JSON`);
      expect(first.stdout).toContain('Studies:      5 (5 new, 0 updated, 0 unchanged)');
      expect(first.stdout).toContain('Skipped:      1 file(s)');
      const second = run(folder);
      expect(second.stdout).toContain('Studies:      5 (0 new, 0 updated, 5 unchanged)');
      expect(second.stdout).toMatch(/Sites: +0 new/);
      expect(run(join(folder, 'broken.json')).status).toBe(1);
    } finally {
      if (process.env.DATABASE_URL) {
        const maintenance = new URL(process.env.DATABASE_URL);
        maintenance.pathname = '/postgres';
        const client = new Client({ connectionString: maintenance.toString() });
        await client.connect();
        for (const party of PARTIES) await client.query(`DROP DATABASE IF EXISTS "${prefix}_${party}" WITH (FORCE)`);
        await client.end();
      }
    }
  });
});
