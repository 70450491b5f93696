import { and, eq, max } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { jobRuns, uploads } from '../../db/schema';

export interface LastIngests {
  /** Last successful CSV import (API, web or CLI through the server). */
  csv?: Date;
  /** Last successful ingest.prices run (market-data providers). */
  provider?: Date;
}

/**
 * When each ingestion path last succeeded, from the database rather than process memory: every role and
 * replica reports the same answer, and a restart does not reset the freshness the alerts watch.
 */
export async function lastSuccessfulIngests(orm: Orm): Promise<LastIngests> {
  const [csvRows, providerRows] = await Promise.all([
    orm
      .select({ at: max(uploads.createdAt) })
      .from(uploads)
      .where(eq(uploads.status, 'succeeded')),
    orm
      .select({ at: max(jobRuns.finishedAt) })
      .from(jobRuns)
      .where(and(eq(jobRuns.name, 'ingest.prices'), eq(jobRuns.status, 'succeeded'))),
  ]);
  const result: LastIngests = {};
  const csv = csvRows[0]?.at;
  const provider = providerRows[0]?.at;
  if (csv) result.csv = new Date(csv);
  if (provider) result.provider = new Date(provider);
  return result;
}
