import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { migrationsFolder } from './migrate';
import { openDatabase } from './open-database';
import { rawClientOf } from './raw-client';

/** Opens in-memory databases for the calling describe block, and closes them all after it. */
function inMemoryDatabases() {
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });
  return {
    opened,
    open: async (options: { migrate?: boolean } = {}) => {
      const db = await openDatabase({ dataDir: 'memory://', ...options });
      opened.push(db);
      return db;
    },
  };
}

async function query<T>(db: Database, text: string): Promise<T[]> {
  const raw = rawClientOf(db);
  if (raw.kind !== 'pglite') throw new Error('expected an embedded database');
  return (await raw.client.query<T>(text)).rows;
}

// In-memory PGlite databases after the first in a process start from a copy of the first one's fresh cluster
// (open-database.ts): each must still be a new, empty, writable database of its own.
describe('in-memory PGlite databases in one process', () => {
  const { opened, open } = inMemoryDatabases();

  const userTables = async (db: Database) =>
    (await query<{ n: number }>(db, `select count(*)::int as n from pg_tables where schemaname = 'public'`))[0]?.n;

  it('each start empty, and what one writes the others never see', async () => {
    const first = await open();
    await query(first, `create table notes (body text)`);
    await query(first, `insert into notes values ('first')`);

    const [second, third] = await Promise.all([open(), open()]);
    for (const db of [second, third]) {
      expect(await userTables(db), 'a later database holds no table of the first').toBe(0);
    }
    await query(second!, `create table notes (body text)`);
    await query(second!, `insert into notes values ('second')`);

    const bodies = async (db: Database) =>
      (await query<{ body: string }>(db, `select body from notes`)).map((r) => r.body);
    expect(await bodies(first)).toEqual(['first']);
    expect(await bodies(second!)).toEqual(['second']);
    expect(await userTables(third!)).toBe(0);
  });

  it('each are a working cluster (the catalogue and a transaction work)', async () => {
    const db = await open();
    const [version] = await query<{ v: string }>(db, `select current_setting('server_version') as v`);
    expect(version?.v).toMatch(/^\d+/);
    for (const statement of ['begin', 'create table t (x int primary key)', 'insert into t values (1)', 'commit']) {
      await query(db, statement);
    }
    expect(await query<{ x: number }>(db, `select x from t`)).toEqual([{ x: 1 }]);
  });

  it('each run with a 16 MB buffer pool (their files are in memory already); a folder 32 MB', async () => {
    const buffers = async (db: Database) =>
      (await query<{ s: string }>(db, `select current_setting('shared_buffers') as s`))[0]?.s;
    // The first database of the process (a fresh initdb) and one loaded from its copy both.
    expect(await buffers(opened[0] ?? (await open()))).toBe('16MB');
    expect(await buffers(await open())).toBe('16MB');
    const folder = await openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), 'ml-buffers-')), 'db') });
    opened.push(folder);
    expect(await buffers(folder)).toBe('32MB');
  });
});

// With `migrate`, in-memory databases after the first migrated one of a process load a copy of its cluster taken
// right after its migrations: each must hold every migration and nothing that another database wrote.
describe('migrated in-memory PGlite databases in one process', () => {
  const databases = inMemoryDatabases();
  const open = (migrate: boolean) => databases.open({ migrate });
  const appliedMigrations = async (db: Database) =>
    (await query<{ n: number }>(db, `select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n;
  const instrumentSymbols = async (db: Database) =>
    (await query<{ symbol: string }>(db, `select symbol from instruments order by symbol`)).map((r) => r.symbol);
  const migrationCount = (
    JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  ).entries.length;

  it('each hold every migration, and none sees what another wrote, before or after it opened', async () => {
    const first = await open(true);
    await query(first, `insert into instruments (symbol, name) values ('FIRST', 'first')`);
    const [second, third] = await Promise.all([open(true), open(true)]);
    for (const db of [first, second!, third!]) expect(await appliedMigrations(db)).toBe(migrationCount);
    expect(await instrumentSymbols(second!)).toEqual([]);
    await query(second!, `insert into instruments (symbol, name) values ('SECOND', 'second')`);
    expect(await instrumentSymbols(first)).toEqual(['FIRST']);
    expect(await instrumentSymbols(third!)).toEqual([]);
    expect(await instrumentSymbols(await open(true))).toEqual([]);
  });

  it('leave a database opened without `migrate` empty', async () => {
    await open(true);
    const plain = await open(false);
    expect(
      await query(
        plain,
        `select tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
      ),
    ).toEqual([]);
  });

  it('run with 1 MB WAL segments (a copy carries the first segment in full)', async () => {
    for (const db of [await open(true), await open(false)]) {
      expect((await query<{ s: string }>(db, `select current_setting('wal_segment_size') as s`))[0]?.s).toBe('1MB');
    }
  });
});
