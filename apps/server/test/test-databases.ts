import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Database } from '../src/db/database';
import { migrateDatabase } from '../src/db/migrate';
import { openDatabase } from '../src/db/open-database';

// Shared by every server test that needs storage. Each test file gets its own database (a PGlite instance in
// memory, or a freshly created PostgreSQL database), because test files run in parallel.

export type DatabaseKind = Database['kind'];
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

export interface PgTestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty, uniquely named database on the TEST_DATABASE_URL server. */
export async function createPgTestDatabase(): Promise<PgTestDatabase> {
  if (!testDatabaseUrl) throw new Error('createPgTestDatabase needs TEST_DATABASE_URL (a postgres:// URL)');
  const name = `marketlens_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE ends connections a failed test left behind (needs PostgreSQL 13+).
    drop: () =>
      withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface MigratedTestDatabase {
  db: Database;
  cleanup(): Promise<void>;
}

/** A migrated database of the given kind; PGlite lives in memory. Start-up costs seconds: one per test file. */
export async function openMigratedTestDatabase(kind: DatabaseKind): Promise<MigratedTestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(db);
    return { db, cleanup: () => db.close() };
  }
  const pgDatabase = await createPgTestDatabase();
  try {
    const db = await openDatabase({ url: pgDatabase.url, poolMax: 5 });
    await migrateDatabase(db);
    return {
      db,
      cleanup: async () => {
        await db.close();
        await pgDatabase.drop();
      },
    };
  } catch (error) {
    await pgDatabase.drop();
    throw error;
  }
}

/**
 * Runs the same suite on PGlite and on PostgreSQL, each with its own migrated database. The PostgreSQL run is
 * skipped, with the reason in its name, when TEST_DATABASE_URL is unset. `getDb()` is valid inside tests/hooks.
 */
export function describeEachDatabase(title: string, body: (kind: DatabaseKind, getDb: () => Database) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const skip = kind === 'postgres' && !testDatabaseUrl;
    const name = `${title} on ${kind}${skip ? ' (skipped: needs TEST_DATABASE_URL)' : ''}`;
    describe.skipIf(skip)(name, () => {
      let handle: MigratedTestDatabase | undefined;
      beforeAll(async () => {
        handle = await openMigratedTestDatabase(kind);
      });
      afterAll(async () => {
        await handle?.cleanup();
      });
      body(kind, () => {
        if (!handle) throw new Error(`the ${kind} test database is not open (beforeAll failed?)`);
        return handle.db;
      });
    });
  }
}
