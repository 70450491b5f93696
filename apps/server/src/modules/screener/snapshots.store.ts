import { and, asc, desc, eq, gte, inArray, lt, lte } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { bars, fundamentals, instruments, universeSnapshotRows, universeSnapshots } from '../../db/schema';
import type { SnapshotRowData } from './snapshot-compute';

export type SnapshotRow = typeof universeSnapshots.$inferSelect;

/** Rows per INSERT: 8 columns, far below PostgreSQL's parameter limit. */
const INSERT_BATCH = 1000;

/**
 * Stores a snapshot: header and every row in one transaction, so a reader sees all of it or none. An existing
 * snapshot of that date is replaced when `replace`, else kept (and null is returned).
 */
export async function insertSnapshot(
  orm: Orm,
  header: { universeId: string; asOf: string; benchmark: string | null },
  rows: readonly SnapshotRowData[],
  replace: boolean,
): Promise<SnapshotRow | null> {
  return orm.transaction(async (tx) => {
    const where = and(eq(universeSnapshots.universeId, header.universeId), eq(universeSnapshots.asOf, header.asOf));
    if (replace) await tx.delete(universeSnapshots).where(where);
    const [created] = await tx
      .insert(universeSnapshots)
      .values({ ...header, memberCount: rows.length })
      .onConflictDoNothing()
      .returning();
    if (!created) return null;
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await tx.insert(universeSnapshotRows).values(
        rows.slice(i, i + INSERT_BATCH).map((r) => ({
          snapshotId: created.id,
          symbol: r.symbol,
          name: r.name,
          sector: r.sector,
          industry: r.industry,
          exchange: r.exchange,
          marketCap: r.marketCap,
          metrics: r.metrics,
        })),
      );
    }
    return created;
  });
}

export async function findSnapshot(orm: Orm, universeId: string, asOf: string): Promise<SnapshotRow | undefined> {
  const [row] = await orm
    .select()
    .from(universeSnapshots)
    .where(and(eq(universeSnapshots.universeId, universeId), eq(universeSnapshots.asOf, asOf)));
  return row;
}

/** The newest snapshot of a universe (dated on or before `onOrBefore` when given; strictly before with `before`). */
export async function latestSnapshot(
  orm: Orm,
  universeId: string,
  bound: { onOrBefore?: string; before?: string } = {},
): Promise<SnapshotRow | undefined> {
  const [row] = await orm
    .select()
    .from(universeSnapshots)
    .where(
      and(
        eq(universeSnapshots.universeId, universeId),
        bound.onOrBefore === undefined ? undefined : lte(universeSnapshots.asOf, bound.onOrBefore),
        bound.before === undefined ? undefined : lt(universeSnapshots.asOf, bound.before),
      ),
    )
    .orderBy(desc(universeSnapshots.asOf))
    .limit(1);
  return row;
}

/** Snapshots of a universe, newest first. */
export async function listSnapshots(orm: Orm, universeId: string, limit = 5000): Promise<SnapshotRow[]> {
  return orm
    .select()
    .from(universeSnapshots)
    .where(eq(universeSnapshots.universeId, universeId))
    .orderBy(desc(universeSnapshots.asOf))
    .limit(limit);
}

/** The newest snapshot of each universe. */
export async function latestSnapshots(orm: Orm): Promise<Map<string, SnapshotRow>> {
  const rows = await orm
    .selectDistinctOn([universeSnapshots.universeId])
    .from(universeSnapshots)
    .orderBy(universeSnapshots.universeId, desc(universeSnapshots.asOf));
  return new Map(rows.map((r) => [r.universeId, r]));
}

export async function snapshotRows(orm: Orm, snapshotId: number): Promise<SnapshotRowData[]> {
  const rows = await orm
    .select({
      symbol: universeSnapshotRows.symbol,
      name: universeSnapshotRows.name,
      sector: universeSnapshotRows.sector,
      industry: universeSnapshotRows.industry,
      exchange: universeSnapshotRows.exchange,
      marketCap: universeSnapshotRows.marketCap,
      metrics: universeSnapshotRows.metrics,
    })
    .from(universeSnapshotRows)
    .where(eq(universeSnapshotRows.snapshotId, snapshotId))
    .orderBy(asc(universeSnapshotRows.symbol));
  return rows;
}

/** One symbol's rows across a universe's snapshots, newest first (the stock drawer). */
export async function symbolHistory(orm: Orm, universeId: string, symbol: string, limit: number) {
  return orm
    .select({ asOf: universeSnapshots.asOf, row: universeSnapshotRows })
    .from(universeSnapshotRows)
    .innerJoin(universeSnapshots, eq(universeSnapshots.id, universeSnapshotRows.snapshotId))
    .where(and(eq(universeSnapshots.universeId, universeId), eq(universeSnapshotRows.symbol, symbol)))
    .orderBy(desc(universeSnapshots.asOf))
    .limit(limit);
}

export interface StoredDailyBars {
  symbol: string;
  ts: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Daily bars of many symbols in one query, ascending per symbol, `from` inclusive and `to` exclusive (epoch
 * ms). Read here rather than through the instruments service, which reads one series at a time: a snapshot of
 * 3,000 members would be 3,000 round trips.
 */
export async function readDailyBars(
  orm: Orm,
  symbols: readonly string[],
  range: { from: number; to: number },
): Promise<StoredDailyBars[]> {
  if (symbols.length === 0) return [];
  const rows = await orm
    .select({
      symbol: instruments.symbol,
      ts: bars.ts,
      high: bars.high,
      low: bars.low,
      close: bars.close,
      volume: bars.volume,
    })
    .from(bars)
    .innerJoin(instruments, eq(instruments.id, bars.instrumentId))
    .where(
      and(
        inArray(instruments.symbol, [...symbols]),
        eq(bars.timeframe, '1d'),
        gte(bars.ts, new Date(range.from)),
        lt(bars.ts, new Date(range.to)),
      ),
    )
    .orderBy(asc(instruments.symbol), asc(bars.ts));
  return rows.map((r) => ({ ...r, ts: r.ts.getTime() }));
}

/** The newest daily bar time among these symbols (epoch ms), or null when none has daily bars. */
export async function newestDailyBar(orm: Orm, symbols: readonly string[]): Promise<number | null> {
  if (symbols.length === 0) return null;
  const [row] = await orm
    .select({ ts: bars.ts })
    .from(bars)
    .innerJoin(instruments, eq(instruments.id, bars.instrumentId))
    .where(and(inArray(instruments.symbol, [...symbols]), eq(bars.timeframe, '1d')))
    .orderBy(desc(bars.ts))
    .limit(1);
  return row ? row.ts.getTime() : null;
}

/** Trading dates (epoch ms of the bars) among these symbols within [from, to), ascending. */
export async function dailyBarTimes(
  orm: Orm,
  symbols: readonly string[],
  range: { from: number; to: number },
): Promise<number[]> {
  if (symbols.length === 0) return [];
  const rows = await orm
    .selectDistinct({ ts: bars.ts })
    .from(bars)
    .innerJoin(instruments, eq(instruments.id, bars.instrumentId))
    .where(
      and(
        inArray(instruments.symbol, [...symbols]),
        eq(bars.timeframe, '1d'),
        gte(bars.ts, new Date(range.from)),
        lt(bars.ts, new Date(range.to)),
      ),
    )
    .orderBy(asc(bars.ts));
  return rows.map((r) => r.ts.getTime());
}

/** Symbols (of these) that have an instrument, i.e. whose bars the instruments API serves. */
export async function knownInstruments(orm: Orm, symbols: readonly string[]): Promise<Set<string>> {
  if (symbols.length === 0) return new Set();
  const rows = await orm
    .select({ symbol: instruments.symbol })
    .from(instruments)
    .where(inArray(instruments.symbol, [...symbols]));
  return new Set(rows.map((r) => r.symbol));
}

/** The newest fundamentals of each symbol (any provider), as stored by the provider jobs. */
export async function readFundamentals(
  orm: Orm,
  symbols: readonly string[],
): Promise<Map<string, Record<string, number | string | null>>> {
  if (symbols.length === 0) return new Map();
  const rows = await orm
    .select({ symbol: fundamentals.symbol, data: fundamentals.data })
    .from(fundamentals)
    .where(inArray(fundamentals.symbol, [...symbols]))
    .orderBy(asc(fundamentals.symbol), desc(fundamentals.fetchedAt));
  const out = new Map<string, Record<string, number | string | null>>();
  for (const r of rows) if (!out.has(r.symbol)) out.set(r.symbol, r.data);
  return out;
}
