import type { Timeframe } from '@marketlens/contracts';
import { timeframeMs } from '@marketlens/quant';
import type { AppContext } from '../../context';
import type { RawBar } from '../../providers/market-data-provider';
import { iterateBars, type BarWriteResult } from './bars.store';

/** Bars per `bars.closed` event: a backfill or an import reaches subscribers in bounded pieces. */
export const CLOSED_BARS_PER_EVENT = 5_000;

/** The stored series an event is about. */
export interface SeriesRef {
  instrumentId: number;
  symbol: string;
  timeframe: Timeframe;
}

/** A bar is closed once its whole period has passed: open time + timeframe <= now. */
export const isClosed = (bar: RawBar, timeframe: Timeframe, now: number): boolean =>
  bar.ts + timeframeMs(timeframe) <= now;

/** Emits `bars.closed` for the closed ones among `bars` (ascending), in pieces; nothing when nobody listens. */
export async function emitClosedBars(
  ctx: AppContext,
  series: SeriesRef,
  bars: readonly RawBar[],
  now: number,
): Promise<void> {
  if (ctx.events.listenerCount('bars.closed') === 0) return;
  const sorted = bars.every((b, i) => i === 0 || (bars[i - 1] as RawBar).ts < b.ts)
    ? bars
    : [...bars].sort((a, b) => a.ts - b.ts);
  const closed = sorted.filter((b) => isClosed(b, series.timeframe, now));
  for (let start = 0; start < closed.length; start += CLOSED_BARS_PER_EVENT) {
    await ctx.events.emit('bars.closed', { ...series, bars: closed.slice(start, start + CLOSED_BARS_PER_EVENT) });
  }
}

/**
 * After a bulk write (ingestion, demo data): when it changed the store, `bars.ingested` once for its range,
 * then `bars.closed` with its closed bars. A write that changed nothing announces nothing.
 */
export async function announceWrite(
  ctx: AppContext,
  series: SeriesRef,
  bars: readonly RawBar[],
  written: BarWriteResult,
  now: number,
): Promise<void> {
  if (bars.length === 0 || written.inserted + written.updated === 0) return;
  let firstTs = Infinity;
  let lastTs = -Infinity;
  for (const b of bars) {
    firstTs = Math.min(firstTs, b.ts);
    lastTs = Math.max(lastTs, b.ts);
  }
  await ctx.events.emit('bars.ingested', { ...series, firstTs, lastTs });
  await emitClosedBars(ctx, series, bars, now);
}

/**
 * `bars.closed` for a range that was just written without keeping its bars in memory (a CSV import): the stored
 * bars are read back page by page, only when someone listens.
 */
export async function emitStoredClosedBars(
  ctx: AppContext,
  series: SeriesRef,
  range: { from: number; to: number },
  now: number,
): Promise<void> {
  if (ctx.events.listenerCount('bars.closed') === 0) return;
  const key = { instrumentId: series.instrumentId, timeframe: series.timeframe, from: range.from, to: range.to };
  for await (const page of iterateBars(ctx.db.orm, key, CLOSED_BARS_PER_EVENT)) {
    await emitClosedBars(ctx, series, page, now);
  }
}
