import type { Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import type { MarketDataProvider } from '../../providers/market-data-provider';
import { announceWrite } from './bar-events';
import { readBars, upsertBars } from './bars.store';
import { ensureInstrument } from './instruments.store';

export interface IngestPricesPayload {
  /** Limit the run to these symbols; default: every symbol in config `ingest.symbols`. */
  symbols?: string[];
}

export interface IngestPricesResult {
  symbols: { symbol: string; timeframe: Timeframe; fetched: number; inserted: number; updated: number }[];
}

const DAY_MS = 86_400_000;
/** How far back the first fetch of a symbol reaches. */
const FIRST_FETCH_DAYS: Partial<Record<Timeframe, number>> = { '1d': 5 * 365, '1h': 60, '5m': 7, '1m': 5 };

/**
 * `ingest.prices`: fetches new bars for the configured symbols from their provider and upserts them.
 * Idempotent by construction: it refetches from the last stored bar (inclusive), and upserts change nothing
 * for bars already stored. The current, still-forming bar is rewritten on the next run.
 */
export function ingestPricesJob(
  ctx: AppContext,
  providers: Record<string, MarketDataProvider>,
  now: () => number = Date.now,
): JobDefinition<IngestPricesPayload, IngestPricesResult> {
  return {
    name: 'ingest.prices',
    handler: async (payload, job) => {
      const wanted = payload?.symbols?.map((s) => s.toUpperCase());
      const targets = ctx.config.ingest.symbols.filter((s) => !wanted || wanted.includes(s.symbol.toUpperCase()));
      const result: IngestPricesResult = { symbols: [] };
      for (const target of targets) {
        const provider = providers[target.provider];
        if (!provider) throw new Error(`ingest.prices: no provider "${target.provider}" for ${target.symbol}`);
        const instrument = await ensureInstrument(ctx.db.orm, { symbol: target.symbol, source: target.provider });
        const [last] = await readBars(ctx.db.orm, {
          instrumentId: instrument.id,
          timeframe: target.timeframe,
          limit: 1,
        });
        const to = now();
        const from = last?.ts ?? to - (FIRST_FETCH_DAYS[target.timeframe] ?? 30) * DAY_MS;
        const bars = await provider.fetchBars(
          { symbol: target.providerSymbol ?? target.symbol, timeframe: target.timeframe, from, to },
          job.signal,
        );
        const written = await upsertBars(ctx.db, { instrumentId: instrument.id, timeframe: target.timeframe }, bars);
        ctx.metrics.barsIngested.inc({ source: target.provider, result: 'inserted' }, written.inserted);
        ctx.metrics.barsIngested.inc({ source: target.provider, result: 'updated' }, written.updated);
        job.log('ingested', { symbol: target.symbol, fetched: bars.length, ...written });
        // The provider's still-forming bar is stored (and rewritten next run) but not announced as closed.
        const series = { instrumentId: instrument.id, symbol: instrument.symbol, timeframe: target.timeframe };
        await announceWrite(ctx, series, bars, written, to);
        result.symbols.push({
          symbol: instrument.symbol,
          timeframe: target.timeframe,
          fetched: bars.length,
          inserted: written.inserted,
          updated: written.updated,
        });
      }
      return result;
    },
  };
}
