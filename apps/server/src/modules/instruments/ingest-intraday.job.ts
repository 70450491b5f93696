import type { Timeframe } from '@marketlens/contracts';
import { bucketStart, timeframeMs } from '@marketlens/quant';
import type { AppConfig } from '../../config/config.schema';
import type { AppContext } from '../../context';
import type { JobContext, JobDefinition } from '../../jobs/job-queue';
import type { BarRequest, RawBar } from '../../providers/market-data-provider';
import { emitClosedBars, type SeriesRef } from './bar-events';
import { findGaps, readBars, upsertBars } from './bars.store';
import { ensureInstrument } from './instruments.store';

export interface IngestIntradayPayload {
  /** Limit the run to these symbols; default: every entry of config `ingest.intradaySymbols`. */
  symbols?: string[];
}

export interface GapReport {
  /** Runs of missing bars found in the lookback window (at most MAX_GAPS_PER_RUN). */
  found: number;
  /** Runs the exchange had every missing bar for. */
  filled: number;
  missingBars: number;
  backfilledBars: number;
  /** Up to 10 runs still missing after the refetch (the exchange has nothing there): ISO [from, to). */
  unfilled: { from: string; to: string }[];
}

export interface IntradaySeriesResult {
  symbol: string;
  exchange: string;
  market: string;
  timeframe: Timeframe;
  /** Where this run started asking (ISO), the bar after the last stored one or the configured start. */
  from: string;
  fetched: number;
  inserted: number;
  updated: number;
  /** null when the entry does not opt in to gap filling. */
  gaps: GapReport | null;
}

export interface IngestIntradayResult {
  series: IntradaySeriesResult[];
}

/** The part of an exchange provider the job uses (see providers/exchange). */
export interface PagedBarSource {
  streamBars(request: BarRequest, signal?: AbortSignal): AsyncIterable<RawBar[]>;
}

type Entry = AppConfig['ingest']['intradaySymbols'][number];

const DAY_MS = 86_400_000;
/** How far back the first fetch of an empty series reaches when the entry names no start. */
const FIRST_FETCH_DAYS: Record<Timeframe, number> = {
  '1m': 2,
  '5m': 7,
  '15m': 14,
  '30m': 30,
  '1h': 60,
  '4h': 180,
  '1d': 730,
  '1w': 1825,
};
const MAX_GAPS_PER_RUN = 100;
/** Bars per write: a long first fetch is stored (and survives an interruption) as it arrives. */
const WRITE_EVERY = 5_000;

interface StoreCounts {
  fetched: number;
  inserted: number;
  updated: number;
  firstTs: number;
  lastTs: number;
}

/** Upserts pages as they arrive, announcing each changed write's closed bars (`bars.closed`). */
async function storePages(
  ctx: AppContext,
  series: SeriesRef,
  pages: AsyncIterable<RawBar[]>,
  now: number,
): Promise<StoreCounts> {
  const counts: StoreCounts = { fetched: 0, inserted: 0, updated: 0, firstTs: Infinity, lastTs: -Infinity };
  let buffer: RawBar[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const written = await upsertBars(ctx.db, series, batch);
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    if (written.inserted + written.updated === 0) return;
    counts.firstTs = Math.min(counts.firstTs, batch[0]?.ts ?? Infinity);
    counts.lastTs = Math.max(counts.lastTs, batch.at(-1)?.ts ?? -Infinity);
    await emitClosedBars(ctx, series, batch, now);
  };
  for await (const page of pages) {
    counts.fetched += page.length;
    buffer.push(...page);
    if (buffer.length >= WRITE_EVERY) await flush();
  }
  await flush();
  return counts;
}

/**
 * `ingest.intraday`: keeps the configured exchange series current through ccxt. Each entry fetches from the bar
 * after its last stored one (or its configured start) to the last closed candle, and, when it opts in with
 * `fillGaps`, refetches runs of missing bars inside its lookback window. Idempotent: upserts of bars already
 * stored change nothing, and a rerun asks only for what is still missing. A failing entry does not stop the
 * others; the run then fails naming it, so the queue retries.
 */
export function ingestIntradayJob(
  ctx: AppContext,
  exchanges: (exchangeId: string) => PagedBarSource,
  clock: () => number = Date.now,
): JobDefinition<IngestIntradayPayload, IngestIntradayResult> {
  const ingestEntry = async (entry: Entry, job: JobContext): Promise<IntradaySeriesResult> => {
    const exchangeId = entry.exchange ?? ctx.config.providers.exchange.id;
    const source = exchanges(exchangeId);
    const instrument = await ensureInstrument(ctx.db.orm, { symbol: entry.symbol, kind: 'crypto', source: exchangeId });
    const series: SeriesRef = { instrumentId: instrument.id, symbol: instrument.symbol, timeframe: entry.timeframe };
    const step = timeframeMs(entry.timeframe);
    const now = clock();
    const start = entry.start ? Date.parse(entry.start) : now - FIRST_FETCH_DAYS[entry.timeframe] * DAY_MS;
    const [last] = await readBars(ctx.db.orm, { ...series, limit: 1 });
    const from = last ? last.ts + step : bucketStart(start, entry.timeframe);
    // Up to the candle holding `now`, which is still forming: only closed bars are stored.
    const request = { symbol: entry.market, timeframe: entry.timeframe, to: bucketStart(now, entry.timeframe) };

    const forward = await storePages(ctx, series, source.streamBars({ ...request, from }, job.signal), now);
    const totals = { ...forward };
    let gaps: GapReport | null = null;
    if (entry.fillGaps) {
      gaps = { found: 0, filled: 0, missingBars: 0, backfilledBars: 0, unfilled: [] };
      const windowStart = Math.max(start, now - entry.gapLookbackDays * DAY_MS);
      const found = await findGaps(ctx.db.orm, { ...series, from: windowStart }, step, MAX_GAPS_PER_RUN);
      for (const gap of found) {
        const filled = await storePages(
          ctx,
          series,
          source.streamBars({ ...request, from: gap.from, to: gap.to }, job.signal),
          now,
        );
        gaps.found++;
        gaps.missingBars += gap.missing;
        gaps.backfilledBars += filled.inserted;
        if (filled.inserted >= gap.missing) gaps.filled++;
        else if (gaps.unfilled.length < 10) {
          gaps.unfilled.push({ from: new Date(gap.from).toISOString(), to: new Date(gap.to).toISOString() });
        }
        totals.fetched += filled.fetched;
        totals.inserted += filled.inserted;
        totals.updated += filled.updated;
        totals.firstTs = Math.min(totals.firstTs, filled.firstTs);
        totals.lastTs = Math.max(totals.lastTs, filled.lastTs);
      }
    }
    ctx.metrics.barsIngested.inc({ source: exchangeId, result: 'inserted' }, totals.inserted);
    ctx.metrics.barsIngested.inc({ source: exchangeId, result: 'updated' }, totals.updated);
    if (totals.inserted + totals.updated > 0) {
      await ctx.events.emit('bars.ingested', { ...series, firstTs: totals.firstTs, lastTs: totals.lastTs });
    }
    const result: IntradaySeriesResult = {
      symbol: instrument.symbol,
      exchange: exchangeId,
      market: entry.market,
      timeframe: entry.timeframe,
      from: new Date(from).toISOString(),
      fetched: totals.fetched,
      inserted: totals.inserted,
      updated: totals.updated,
      gaps,
    };
    job.log('ingested', { ...result, gaps: gaps && { found: gaps.found, filled: gaps.filled } });
    return result;
  };

  return {
    name: 'ingest.intraday',
    handler: async (payload, job) => {
      const wanted = payload?.symbols?.map((s) => s.toUpperCase());
      const entries = ctx.config.ingest.intradaySymbols.filter(
        (e) => !wanted || wanted.includes(e.symbol.toUpperCase()),
      );
      const result: IngestIntradayResult = { series: [] };
      const failed: string[] = [];
      for (const entry of entries) {
        try {
          result.series.push(await ingestEntry(entry, job));
        } catch (error) {
          if (job.signal.aborted) throw error;
          failed.push(`${entry.symbol}: ${(error as Error).message}`);
          job.log('failed', { symbol: entry.symbol, error: (error as Error).message });
        }
      }
      if (failed.length > 0) throw new Error(`ingest.intraday failed for ${failed.join('; ')}`);
      return result;
    },
  };
}
