import { DEMO_INSTRUMENTS, generateDemoBars, type DemoInstrument } from '@marketlens/quant';
import { count, inArray } from 'drizzle-orm';
import type { Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { beginBulkTransaction } from '../../db/bulk-transaction';
import { instruments } from '../../db/schema';
import type { RawBar } from '../../providers/market-data-provider';
import { announceWrite } from './bar-events';
import { upsertBars } from './bars.store';
import { ensureInstrument } from './instruments.store';

/**
 * Fixed start dates keep the demo identical on every install (same seed, same bars), so screenshots, docs
 * and tests agree. Daily series start on a Monday; the intraday one covers 60 sessions.
 */
const DEMO_START: Record<DemoInstrument['timeframe'], number> = {
  '1d': Date.UTC(2016, 0, 4),
  '5m': Date.UTC(2025, 8, 1),
};

export interface DemoLoadResult {
  symbol: string;
  timeframe: string;
  bars: number;
  inserted: number;
}

/** Writes the synthetic demo instruments (flagged `synthetic`, named "Synthetic ..."). Idempotent. */
export async function loadDemoData(ctx: AppContext): Promise<DemoLoadResult[]> {
  const results: DemoLoadResult[] = [];
  for (const demo of DEMO_INSTRUMENTS) {
    const instrument = await ensureInstrument(ctx.db.orm, {
      symbol: demo.symbol,
      name: demo.name,
      kind: demo.kind,
      source: 'synthetic',
      synthetic: true,
    });
    const { bars } = generateDemoBars(demo, ctx.config.demo.seed, DEMO_START[demo.timeframe]);
    const written = await upsertBars(ctx.db, { instrumentId: instrument.id, timeframe: demo.timeframe }, bars);
    ctx.metrics.barsIngested.inc({ source: 'synthetic', result: 'inserted' }, written.inserted);
    const series = { instrumentId: instrument.id, symbol: instrument.symbol, timeframe: demo.timeframe };
    await announceWrite(ctx, series, bars, written, Date.now());
    results.push({ symbol: demo.symbol, timeframe: demo.timeframe, bars: bars.length, inserted: written.inserted });
  }
  return results;
}

/** First start: an empty database gets the demo instruments; a database with any instrument is left alone. */
export async function loadDemoDataIfEmpty(ctx: AppContext): Promise<DemoLoadResult[] | undefined> {
  const [row] = await ctx.db.orm.select({ n: count() }).from(instruments);
  if ((row?.n ?? 0) > 0) return undefined;
  const results = await loadDemoData(ctx);
  ctx.log.info({ instruments: results }, 'loaded synthetic demo data (first start)');
  return results;
}

/** A synthetic daily series to seed (the screener's demo universe). */
export interface SyntheticDailySeries {
  symbol: string;
  name: string;
  kind: 'equity' | 'index' | 'etf' | 'token';
  sector?: string | null;
  marketCap?: number | null;
  bars: readonly RawBar[];
}

/** Bars per INSERT ... SELECT FROM unnest(...): seven array parameters whatever the size. */
const SEED_CHUNK = 20_000;

/**
 * Seeds many synthetic series of one timeframe (default daily) at once (instruments flagged `synthetic`, source "synthetic"): one bulk
 * transaction with array inserts, since hundreds of series one upsert each would slow the first start down.
 * Bars already stored are left alone; nothing is announced (no rule, fit or deployment watches new demo
 * symbols). Returns the bars inserted.
 */
export async function loadSyntheticDailySeries(
  ctx: AppContext,
  series: readonly SyntheticDailySeries[],
  timeframe: Timeframe = '1d',
): Promise<number> {
  if (series.length === 0) return 0;
  await ctx.db.orm
    .insert(instruments)
    .values(
      series.map((s) => ({
        symbol: s.symbol,
        name: s.name,
        kind: s.kind,
        sector: s.sector ?? null,
        marketCap: s.marketCap ?? null,
        source: 'synthetic',
        synthetic: true,
      })),
    )
    .onConflictDoNothing({ target: instruments.symbol });
  const rows = await ctx.db.orm
    .select({ id: instruments.id, symbol: instruments.symbol })
    .from(instruments)
    .where(
      inArray(
        instruments.symbol,
        series.map((s) => s.symbol),
      ),
    );
  const ids = new Map(rows.map((r) => [r.symbol, r.id]));
  const tx = await beginBulkTransaction(ctx.db);
  let inserted = 0;
  try {
    const columns: [number[], number[], number[], number[], number[], number[], string[]] = [
      [],
      [],
      [],
      [],
      [],
      [],
      [],
    ];
    const flush = async () => {
      if (columns[0].length === 0) return;
      const [id, open, high, low, close, volume, ts] = columns;
      const result = await tx.query<{ n: number }>(
        `with rows as (
           insert into bars (instrument_id, timeframe, ts, open, high, low, close, volume)
           select i, $8, t, o, h, l, c, v
           from unnest($1::int[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])
             as u(i, t, o, h, l, c, v)
           on conflict do nothing
           returning 1)
         select count(*)::int as n from rows`,
        [id, ts, open, high, low, close, volume, timeframe],
      );
      inserted += result[0]?.n ?? 0;
      for (const column of columns) column.length = 0;
    };
    for (const s of series) {
      const id = ids.get(s.symbol);
      if (id === undefined) throw new Error(`loadSyntheticDailySeries: instrument ${s.symbol} was not created`);
      for (const bar of s.bars) {
        columns[0].push(id);
        columns[1].push(bar.open);
        columns[2].push(bar.high);
        columns[3].push(bar.low);
        columns[4].push(bar.close);
        columns[5].push(bar.volume);
        columns[6].push(new Date(bar.ts).toISOString());
        if (columns[0].length >= SEED_CHUNK) await flush();
      }
    }
    await flush();
    await tx.commit();
  } catch (err) {
    await tx.rollback().catch(() => undefined);
    throw err;
  }
  ctx.metrics.barsIngested.inc({ source: 'synthetic', result: 'inserted' }, inserted);
  return inserted;
}
