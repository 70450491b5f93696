import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './database';
import { rawClientOf } from './raw-client';

/** apps/server/drizzle, found from this file so the server, CLI and tests work from any cwd. */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Any fixed bigint works as long as nothing else in the database uses it; this one spells "mlensmig".
 * Several processes (api, worker, scheduler) start at once in the distributed setup and each migrates:
 * without the lock two of them race on CREATE TABLE and one fails.
 */
const MIGRATION_LOCK_KEY = 0x6d6c656e736d6967n;

/** Applies pending migrations from ./drizzle; already applied ones are skipped, so it is safe on every start. */
export async function migrateDatabase(db: Database): Promise<void> {
  const raw = rawClientOf(db);
  if (raw.kind === 'pglite') {
    // One process owns a PGlite data dir (data-dir-lock.ts), so there is nobody to race with.
    await migratePglite(drizzlePglite({ client: raw.client }), { migrationsFolder });
    return;
  }
  // The advisory lock belongs to a session, so lock, migrate and unlock on one dedicated connection.
  // On failure the connection is destroyed rather than returned, which ends the session and frees the lock.
  const client = await raw.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    client.release();
  } catch (error) {
    client.release(true);
    throw error;
  }
}
