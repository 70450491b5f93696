import { and, asc, count, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { bars } from '../../db/schema';
import type { RawBar } from '../../providers/market-data-provider';
import type { BarSeriesKey } from './bar-writer';

// Writing lives in bar-writer.ts (routes, COPY, merge); callers keep importing the store.
export { openBarWriter, upsertBars } from './bar-writer';
export type { BarSeriesKey, BarWriter, BarWriteResult } from './bar-writer';

export interface BarRange extends BarSeriesKey {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive (as in providers' BarRequest). */
  to?: number;
}

function rangeFilter({ instrumentId, timeframe, from, to }: BarRange): SQL | undefined {
  return and(
    eq(bars.instrumentId, instrumentId),
    eq(bars.timeframe, timeframe),
    from === undefined ? undefined : gte(bars.ts, new Date(from)),
    to === undefined ? undefined : lt(bars.ts, new Date(to)),
  );
}

/**
 * Bars of the range in ascending time. When the range holds more than `limit` bars the most recent ones are
 * returned (a chart shows the latest data): the primary-key index is walked backwards and the page reversed.
 */
export async function readBars(orm: Orm, range: BarRange & { limit: number }): Promise<RawBar[]> {
  const rows = await latestBarsQuery(orm, range);
  return rows.reverse().map((row) => ({ ...row, ts: row.ts.getTime() }));
}

/** The query behind readBars, newest first; exported so tests can EXPLAIN exactly what readBars runs. */
export function latestBarsQuery(orm: Orm, range: BarRange & { limit: number }) {
  if (!Number.isInteger(range.limit) || range.limit <= 0) {
    throw new Error(`readBars: limit must be a positive integer, got ${range.limit}`);
  }
  return orm
    .select({ ts: bars.ts, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume })
    .from(bars)
    .where(rangeFilter(range))
    .orderBy(desc(bars.ts))
    .limit(range.limit);
}

export async function countBars(orm: Orm, range: BarRange): Promise<number> {
  const [row] = await orm.select({ n: count() }).from(bars).where(rangeFilter(range));
  return row?.n ?? 0;
}

/**
 * Bars of the range in ascending time, one page at a time (keyset on ts), so a long series is never held whole:
 * announcing an imported file's bars reads them back this way.
 */
export async function* iterateBars(orm: Orm, range: BarRange, pageSize = 5_000): AsyncGenerator<RawBar[]> {
  let after: Date | undefined;
  for (;;) {
    const rows = await orm
      .select({ ts: bars.ts, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume })
      .from(bars)
      .where(and(rangeFilter(range), after === undefined ? undefined : gt(bars.ts, after)))
      .orderBy(asc(bars.ts))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows.map((row) => ({ ...row, ts: row.ts.getTime() }));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.ts;
  }
}

/** A run of missing bars: [from, to) epoch ms, `missing` expected bar times inside it. */
export interface BarGap {
  from: number;
  to: number;
  missing: number;
}

/**
 * Runs of missing bars between stored bars of the range, for series where every bar should exist (24/7
 * markets): consecutive stored bars more than `stepMs` apart. One pass of lead() over the primary-key index;
 * only the gaps come back. Before the first and after the last stored bar nothing counts as missing.
 */
export async function findGaps(orm: Orm, range: BarRange, stepMs: number, limit: number): Promise<BarGap[]> {
  const pairs = orm
    .select({
      ts: sql<number>`extract(epoch from ${bars.ts}) * 1000`.mapWith(Number).as('gap_after'),
      next: sql<number>`extract(epoch from lead(${bars.ts}) over (order by ${bars.ts})) * 1000`
        .mapWith(Number)
        .as('gap_before'),
    })
    .from(bars)
    .where(rangeFilter(range))
    .as('pairs');
  const rows = await orm
    .select({ ts: pairs.ts, next: pairs.next })
    .from(pairs)
    .where(sql`${pairs.next} - ${pairs.ts} > ${stepMs}`)
    .orderBy(asc(pairs.ts))
    .limit(limit);
  return rows.map(({ ts, next }) => ({ from: ts + stepMs, to: next, missing: Math.round((next - ts) / stepMs) - 1 }));
}
