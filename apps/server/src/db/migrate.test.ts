import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDatabase, describeEachDatabase, testDatabaseUrl } from '../../test/test-databases';
import type { PgTestDatabase } from '../../test/test-databases';
import type { Database } from './database';
import { migrateDatabase, migrationsFolder } from './migrate';
import { openDatabase } from './open-database';
import { instruments } from './schema';

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};

async function appliedMigrations(db: Database): Promise<number> {
  const [row] = await db.orm.select({ n: sql<number>`count(*)::int` }).from(sql`drizzle.__drizzle_migrations`);
  return row?.n ?? -1;
}

async function tableNames(db: Database): Promise<string[]> {
  const rows = await db.orm
    .select({ name: sql<string>`table_name` })
    .from(sql`information_schema.tables`)
    .where(sql`table_schema = 'public'`);
  return rows.map((r) => r.name).sort();
}

describeEachDatabase('migrateDatabase', (_kind, getDb) => {
  it('creates every table of the schema and records each migration once', async () => {
    expect(await tableNames(getDb())).toEqual(expect.arrayContaining(['bars', 'instruments', 'users', 'job_runs']));
    expect(await appliedMigrations(getDb())).toBe(journal.entries.length);
  });

  it('is a no-op when run again', async () => {
    const [before] = await getDb().orm.insert(instruments).values({ symbol: 'KEEP' }).returning();
    await migrateDatabase(getDb());
    await migrateDatabase(getDb());
    expect(await appliedMigrations(getDb()), 'no migration is applied twice').toBe(journal.entries.length);
    const rows = await getDb().orm.select().from(instruments);
    expect(
      rows.map((r) => r.id),
      'existing data survives',
    ).toContain(before?.id);
  });

  it('leaves bars a plain table where TimescaleDB is not installed (the hypertable migration is a no-op)', async () => {
    const orm = getDb().orm;
    const [ext] = await orm
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`pg_extension`)
      .where(sql`extname = 'timescaledb'`);
    expect(ext?.n, 'this test database has no TimescaleDB').toBe(0);
    const [bars] = await orm
      .select({ relkind: sql<string>`relkind::text` })
      .from(sql`pg_class`)
      .where(sql`relname = 'bars'`);
    expect(bars?.relkind, 'bars is an ordinary table').toBe('r');
    expect(journal.entries.map((e) => e.tag)).toContain('0003_timescale_bars');
  });

  it('answers ping()', async () => {
    await expect(getDb().ping()).resolves.toBeUndefined();
  });
});

describe.skipIf(!testDatabaseUrl)('migrateDatabase on postgres with concurrent starters', () => {
  let target: PgTestDatabase;
  const opened: Database[] = [];
  beforeAll(async () => {
    target = await createPgTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await target.drop();
  });

  it('lets several processes migrate one empty database at once without colliding', async () => {
    for (let i = 0; i < 4; i++) opened.push(await openDatabase({ url: target.url, poolMax: 2 }));
    await Promise.all(opened.map((db) => migrateDatabase(db)));
    expect(await appliedMigrations(opened[0] as Database)).toBe(journal.entries.length);
  });
});

describe('openDatabase on a PGlite data dir', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'marketlens-pglite-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the folder and keeps data across a close and reopen', async () => {
    const dataDir = join(root, 'nested', 'db');
    const first = await openDatabase({ dataDir });
    await migrateDatabase(first);
    await first.orm.insert(instruments).values({ symbol: 'PERSIST' });
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      const rows = await second.orm.select({ symbol: instruments.symbol }).from(instruments);
      expect(rows).toEqual([{ symbol: 'PERSIST' }]);
    } finally {
      await second.close();
    }
  });
});
