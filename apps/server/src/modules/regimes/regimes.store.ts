import { and, count, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { regimeFits } from '../../db/schema';

export type RegimeFitRow = typeof regimeFits.$inferSelect;
export type NewRegimeFitRow = typeof regimeFits.$inferInsert;

// The heavy columns (series, input, model) are read only by the endpoints that serve them: a list of 50
// fits must not drag 50 series of 15k rows x K probabilities out of the database.
const { series: _series, input: _input, model: _model, ...light } = getTableColumns(regimeFits);
export type RegimeFitHead = Omit<RegimeFitRow, 'series' | 'input' | 'model'>;

export async function insertRegimeFit(orm: Orm, row: NewRegimeFitRow): Promise<RegimeFitHead> {
  const [created] = await orm.insert(regimeFits).values(row).returning(light);
  if (!created) throw new Error('insertRegimeFit: the insert returned no row');
  return created;
}

export async function updateRegimeFit(
  orm: Orm,
  id: string,
  patch: Partial<NewRegimeFitRow>,
  where?: SQL,
): Promise<RegimeFitHead | undefined> {
  const [row] = await orm
    .update(regimeFits)
    .set(patch)
    .where(and(eq(regimeFits.id, id), where))
    .returning(light);
  return row;
}

/** Only while it is unfinished: marking a fit failed never overwrites one that finished. */
export const fitUnfinished = inArray(regimeFits.status, ['queued', 'running']);

export async function findRegimeFit(orm: Orm, id: string): Promise<RegimeFitHead | undefined> {
  const [row] = await orm.select(light).from(regimeFits).where(eq(regimeFits.id, id)).limit(1);
  return row;
}

/** One heavy column of a fit (the row's existence is checked by the caller through findRegimeFit). */
export async function readRegimeFitColumn<C extends 'series' | 'input' | 'model'>(
  orm: Orm,
  id: string,
  column: C,
): Promise<RegimeFitRow[C] | undefined> {
  const [row] = await orm.select({ value: regimeFits[column] }).from(regimeFits).where(eq(regimeFits.id, id)).limit(1);
  return row?.value as RegimeFitRow[C] | undefined;
}

export async function listRegimeFits(orm: Orm, query: { symbol?: string; limit: number }): Promise<RegimeFitHead[]> {
  return orm
    .select(light)
    .from(regimeFits)
    .where(query.symbol ? eq(regimeFits.symbol, query.symbol.toUpperCase()) : undefined)
    .orderBy(desc(regimeFits.createdAt))
    .limit(query.limit);
}

export async function deleteRegimeFit(orm: Orm, id: string): Promise<boolean> {
  const deleted = await orm.delete(regimeFits).where(eq(regimeFits.id, id)).returning({ id: regimeFits.id });
  return deleted.length > 0;
}

export async function countRegimeFits(orm: Orm): Promise<number> {
  const [row] = await orm.select({ n: count() }).from(regimeFits);
  return row?.n ?? 0;
}

/** Succeeded tracked fits of one series (online filtering keeps their `current` moving). */
export async function listTrackedFits(
  orm: Orm,
  series?: { instrumentId: number; timeframe: string },
): Promise<RegimeFitHead[]> {
  return orm
    .select(light)
    .from(regimeFits)
    .where(
      and(
        eq(regimeFits.tracked, true),
        eq(regimeFits.status, 'succeeded'),
        series ? eq(regimeFits.instrumentId, series.instrumentId) : undefined,
        series ? eq(regimeFits.timeframe, series.timeframe) : undefined,
      ),
    )
    .orderBy(desc(regimeFits.createdAt));
}

/** The fit behind GET /regimes/:symbol/current: the newest tracked succeeded fit, else the newest succeeded one. */
export async function findCurrentFit(orm: Orm, symbol: string): Promise<RegimeFitHead | undefined> {
  const [row] = await orm
    .select(light)
    .from(regimeFits)
    .where(and(eq(regimeFits.symbol, symbol.toUpperCase()), eq(regimeFits.status, 'succeeded')))
    .orderBy(desc(regimeFits.tracked), desc(regimeFits.createdAt))
    .limit(1);
  return row;
}

/** Untracks the given fits (a refit hands tracking over to its new fit). */
export async function untrackFits(orm: Orm, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await orm.update(regimeFits).set({ tracked: false }).where(inArray(regimeFits.id, ids));
}

/** Moves `current` forward only: a late, slower update never overwrites a newer one. */
export async function advanceCurrent(
  orm: Orm,
  id: string,
  current: NonNullable<RegimeFitRow['current']>,
): Promise<void> {
  await orm
    .update(regimeFits)
    .set({ current })
    .where(
      and(
        eq(regimeFits.id, id),
        sql`(${regimeFits.current} is null or (${regimeFits.current}->>'ts')::bigint < ${current.ts})`,
      ),
    );
}
