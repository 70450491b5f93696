import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { openDatabase } from './open-database';
import { rawClientOf } from './raw-client';

// In-memory PGlite databases after the first in a process start from a copy of the first one's fresh cluster
// (open-database.ts): each must still be a new, empty, writable database of its own.
describe('in-memory PGlite databases in one process', () => {
  const opened: Database[] = [];
  const open = async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    opened.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  const query = async <T>(db: Database, text: string): Promise<T[]> => {
    const raw = rawClientOf(db);
    if (raw.kind !== 'pglite') throw new Error('expected an embedded database');
    return (await raw.client.query<T>(text)).rows;
  };
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
