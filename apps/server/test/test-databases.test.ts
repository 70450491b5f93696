import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../src/db/migrate';
import { createPgTestDatabase, testDatabaseUrl } from './test-databases';

// Migrated PostgreSQL test databases are copies of one template (test-databases.ts): each must hold every
// migration and nothing another test database wrote; an unmigrated one stays empty.
describe.skipIf(!testDatabaseUrl)('PostgreSQL test databases (needs TEST_DATABASE_URL)', () => {
  const migrationCount = (
    JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  ).entries.length;

  async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('copies of the migrated template hold every migration and only their own rows', async () => {
    const [a, b] = await Promise.all([
      createPgTestDatabase({ migrated: true }),
      createPgTestDatabase({ migrated: true }),
    ]);
    try {
      for (const db of [a, b]) {
        const [row] = await query<{ n: number }>(db.url, 'select count(*)::int as n from drizzle.__drizzle_migrations');
        expect(row?.n).toBe(migrationCount);
      }
      await query(a.url, `insert into instruments (symbol, name) values ('ONLY_A', 'a')`);
      expect(await query(b.url, 'select symbol from instruments')).toEqual([]);
      expect(await query(a.url, 'select symbol from instruments')).toEqual([{ symbol: 'ONLY_A' }]);
      const c = await createPgTestDatabase({ migrated: true });
      try {
        expect(await query(c.url, 'select symbol from instruments'), 'a later copy is not a copy of A').toEqual([]);
      } finally {
        await c.drop();
      }
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('an unmigrated one is empty', async () => {
    const db = await createPgTestDatabase();
    try {
      expect(await query(db.url, `select tablename from pg_tables where schemaname = 'public'`)).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
