import type pg from 'pg';
import { createScratchDatabase, withClient, type ScratchDatabase } from '../../scripts/drill/drill-databases';

// Scratch databases on the PostgreSQL server of TEST_DATABASE_URL (.ci/run sets it; tests that need it are
// skipped, by name, without it). The restore drill's own helper creates and drops them, so the tests and
// `npm run drill:restore` share one implementation (tests may import scripts, never the other way round).

export type { ScratchDatabase };

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

/** An empty database named marketlens_<tag>_<random> on the test server; drop() removes it. */
export function scratchDatabase(tag: string): Promise<ScratchDatabase> {
  if (!testDatabaseUrl) throw new Error('a scratch database needs TEST_DATABASE_URL (PostgreSQL; .ci/run sets it)');
  return createScratchDatabase(testDatabaseUrl, tag);
}

/** The rows of one SQL statement (or the last of several) run on its own connection. */
export function query<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  return withClient(url, (c) => c.query<T>(sql)).then((r) => r.rows);
}
