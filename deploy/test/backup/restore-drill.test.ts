import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFingerprints, formatComparison } from '../../scripts/drill/drill-report';
import { fingerprintsOf, requirePostgresClient, SAMPLE_SCHEMA, SKIP_REASON } from '../support/backup-postgres';
import { query, scratchDatabase, testDatabaseUrl, type ScratchDatabase } from '../support/scratch-postgres';
import { runToExit } from '../support/process';
import { repoPath } from '../support/repo';

const npmRun = (script: string, env: Record<string, string | undefined>) =>
  runToExit('npm', ['run', '--silent', script], { cwd: repoPath(), env: { ...process.env, ...env } });

const drillDatabases = async () =>
  (
    await query<{ datname: string }>(
      testDatabaseUrl ?? '',
      "select datname from pg_database where datname like 'marketlens_drill_%'",
    )
  ).map((r) => r.datname);

describe.skipIf(!testDatabaseUrl)(`npm run drill:restore${testDatabaseUrl ? '' : SKIP_REASON}`, () => {
  beforeAll(() => requirePostgresClient());

  it('backs up real MarketLens data, restores it into a fresh database, proves it identical and cleans up', async () => {
    const before = await drillDatabases();
    const { code, output } = await npmRun('drill:restore', {
      TEST_DATABASE_URL: testDatabaseUrl,
      DRILL_DATABASE_URL: '',
    });
    expect(code, output).toBe(0);
    expect(output).toMatch(/holds no MarketLens schema: created marketlens_drill_source_\w+ \(migrate \+ demo-data/);
    expect(output).toMatch(/^public\.bars +table +(\d+) +\1 +(\w+) +\2 +ok$/m);
    expect(output).toMatch(/^public\.users +table +1 +1 .* ok$/m);
    expect(output).toMatch(/^drizzle\.__drizzle_migrations +table +(\d+) +\1 .* ok$/m);
    expect(output).toMatch(/restore drill: PASSED: \d+ tables \(\d+ rows\) and \d+ sequences identical/);
    expect(output).not.toContain('MISMATCH');
    expect(await drillDatabases(), 'the drill drops the databases it created').toEqual(before);
  });

  it('exits 2 with a clear message when no database is configured', async () => {
    const { code, output } = await npmRun('drill:restore', { TEST_DATABASE_URL: '', DRILL_DATABASE_URL: '' });
    expect(code).toBe(2);
    expect(output).toContain('set DRILL_DATABASE_URL (or TEST_DATABASE_URL)');
  });
});

describe.skipIf(!testDatabaseUrl)(`the drill's comparison${testDatabaseUrl ? '' : SKIP_REASON}`, () => {
  let a: ScratchDatabase;
  let b: ScratchDatabase;
  beforeAll(async () => {
    a = await scratchDatabase('compare');
    b = await scratchDatabase('compare');
    await query(a.url, SAMPLE_SCHEMA);
    await query(b.url, SAMPLE_SCHEMA);
  });
  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it('finds equal databases equal', async () => {
    expect(compareFingerprints(await fingerprintsOf(a.url), await fingerprintsOf(b.url)).every((c) => c.ok)).toBe(true);
  });

  it('reports one changed value, a missing table and a moved sequence', async () => {
    await query(b.url, "update bars set note = 'changed' where ts = (select min(ts) from bars)");
    await query(b.url, "select setval('instruments_id_seq', 99)");
    await query(b.url, 'create table extra (x int)');
    const result = compareFingerprints(await fingerprintsOf(a.url), await fingerprintsOf(b.url));
    const bad = result.filter((c) => !c.ok).map((c) => c.name);
    expect(bad).toEqual(['public.bars', 'public.extra', 'public.instruments_id_seq']);
    const bars = result.find((c) => c.name === 'public.bars');
    expect(bars?.source?.rows, 'same count, different content').toBe(bars?.restored?.rows);
    expect(formatComparison(result)).toMatch(/^public\.extra +table +- +0 .*MISMATCH$/m);
  });
});
