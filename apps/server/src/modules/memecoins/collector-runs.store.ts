import { desc, eq } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { collectorRuns } from '../../db/schema';

export type CollectorRunRow = typeof collectorRuns.$inferSelect;
export type NewCollectorRunRow = typeof collectorRuns.$inferInsert;

export async function insertCollectorRun(orm: Orm, row: NewCollectorRunRow): Promise<void> {
  await orm.insert(collectorRuns).values(row);
}

/** The newest run of a collector (any token). */
export async function lastCollectorRun(orm: Orm, collector: string): Promise<CollectorRunRow | undefined> {
  const [row] = await orm
    .select()
    .from(collectorRuns)
    .where(eq(collectorRuns.collector, collector))
    .orderBy(desc(collectorRuns.finishedAt))
    .limit(1);
  return row;
}
