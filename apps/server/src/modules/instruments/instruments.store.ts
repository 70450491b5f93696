import type { Timeframe } from '@marketlens/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { bars, instruments } from '../../db/schema';

export type InstrumentRow = typeof instruments.$inferSelect;
export type InstrumentKind = InstrumentRow['kind'];

export interface NewInstrument {
  symbol: string;
  name?: string | null;
  kind?: InstrumentKind;
  source?: string;
  synthetic?: boolean;
}

/** What is stored for one timeframe of an instrument. */
export interface TimeframeCoverage {
  timeframe: Timeframe;
  bars: number;
  first: Date;
  last: Date;
}

export type InstrumentWithCoverage = InstrumentRow & { timeframes: TimeframeCoverage[] };

// Symbols are case-insensitive to users ("btc-usd" is BTC-USD), so the store keeps one spelling.
const normalizeSymbol = (symbol: string) => symbol.trim().toUpperCase();

/**
 * Returns the instrument with this symbol, creating it when missing. Concurrent callers (two imports of the
 * same new symbol) both get the one row: the insert yields to the unique index instead of failing.
 */
export async function ensureInstrument(orm: Orm, input: NewInstrument): Promise<InstrumentRow> {
  const symbol = normalizeSymbol(input.symbol);
  if (!symbol) throw new Error('ensureInstrument: symbol is empty');
  const [created] = await orm
    .insert(instruments)
    .values({
      symbol,
      name: input.name ?? null,
      kind: input.kind ?? 'other',
      source: input.source ?? 'csv',
      synthetic: input.synthetic ?? false,
    })
    .onConflictDoNothing({ target: instruments.symbol })
    .returning();
  if (created) return created;
  // The conflicting row was committed before our insert gave up, so this read (a new snapshot) sees it.
  const existing = await findInstrument(orm, symbol);
  if (!existing) throw new Error(`ensureInstrument: ${symbol} conflicted but could not be read back`);
  return existing;
}

export async function findInstrument(orm: Orm, symbol: string): Promise<InstrumentRow | undefined> {
  const [row] = await orm
    .select()
    .from(instruments)
    .where(eq(instruments.symbol, normalizeSymbol(symbol)))
    .limit(1);
  return row;
}

/** Every instrument with its stored timeframes, in one grouped query ordered by symbol. */
export async function listInstruments(orm: Orm): Promise<InstrumentWithCoverage[]> {
  const coverage = orm
    .select({
      instrumentId: bars.instrumentId,
      timeframe: bars.timeframe,
      bars: sql<number>`count(*)::int`.as('bars'),
      first: sql<Date>`min(${bars.ts})`.as('first'),
      last: sql<Date>`max(${bars.ts})`.as('last'),
    })
    .from(bars)
    .groupBy(bars.instrumentId, bars.timeframe)
    .as('coverage');
  const rows = await orm
    .select({
      instrument: instruments,
      timeframe: coverage.timeframe,
      bars: coverage.bars,
      first: sql<Date>`${coverage.first}`.mapWith(bars.ts),
      last: sql<Date>`${coverage.last}`.mapWith(bars.ts),
    })
    .from(instruments)
    .leftJoin(coverage, eq(coverage.instrumentId, instruments.id))
    .orderBy(asc(instruments.symbol), asc(coverage.timeframe));

  const byId = new Map<number, InstrumentWithCoverage>();
  for (const row of rows) {
    let entry = byId.get(row.instrument.id);
    if (!entry) byId.set(row.instrument.id, (entry = { ...row.instrument, timeframes: [] }));
    if (row.timeframe !== null && row.bars !== null) {
      entry.timeframes.push({
        timeframe: row.timeframe as Timeframe,
        bars: row.bars,
        first: row.first,
        last: row.last,
      });
    }
  }
  return [...byId.values()];
}

/** Deletes the instrument and, by cascade, its bars. Returns false when no such instrument existed. */
export async function deleteInstrument(orm: Orm, id: number): Promise<boolean> {
  const deleted = await orm.delete(instruments).where(eq(instruments.id, id)).returning({ id: instruments.id });
  return deleted.length > 0;
}
