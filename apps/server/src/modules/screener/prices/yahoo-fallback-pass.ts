import type { AppContext } from '../../../context';
import type { JobContext } from '../../../jobs/job-queue';
import { claimFetch, recordFetch } from '../../../providers/dataset-freshness';
import { ProviderError } from '../../../providers/http/provider.error';
import type { MarketDataProvider } from '../../../providers/market-data-provider';
import { storeClosedBars } from '../../instruments/instruments.service';
import type { PriceCandidate } from './price-candidates';

const DAY_MS = 86_400_000;
/** History asked for a symbol never fetched before: enough for every screen metric (12-month returns and more). */
const FIRST_FETCH_DAYS = 2 * 365;
/** Overlap with the last fetch, so a late correction of the last bars is picked up. */
const OVERLAP_DAYS = 5;

export interface YahooPassResult {
  fetched: number;
  empty: number;
  errors: number;
  symbols: Set<string>;
}

/**
 * Daily bars from Yahoo for the candidates whose prices Alpha Vantage did not deliver today (no key, or its
 * budget ended). Yahoo has no daily quota, only its per-minute rate (the provider waits for it); its fetches are
 * claimed and recorded like Alpha Vantage's, so a second run the same day asks nothing again.
 */
export async function yahooFallbackPass(
  pass: { ctx: AppContext; yahoo: MarketDataProvider; today: string; now: () => number; job: JobContext },
  candidates: readonly PriceCandidate[],
): Promise<YahooPassResult> {
  const { ctx, yahoo, job } = pass;
  const result: YahooPassResult = { fetched: 0, empty: 0, errors: 0, symbols: new Set() };
  for (const candidate of candidates) {
    job.signal.throwIfAborted();
    const key = { provider: yahoo.id, dataset: 'daily', symbol: candidate.symbol };
    if (!yahoo.canHandle(candidate.symbol)) continue;
    const claim = { ...key, today: pass.today, freshDays: 1, now: new Date(pass.now()) };
    if (!(await claimFetch(ctx.db.orm, claim))) continue;
    const to = pass.now();
    const from = candidate.lastDaily
      ? candidate.lastDaily.getTime() - OVERLAP_DAYS * DAY_MS
      : to - FIRST_FETCH_DAYS * DAY_MS;
    const record = (status: 'ok' | 'empty' | 'error', error: string | null = null) =>
      recordFetch(ctx.db.orm, { ...key, fetchedAt: new Date(pass.now()), fetchedDay: pass.today, status, error });
    try {
      const bars = await yahoo.fetchBars({ symbol: candidate.symbol, timeframe: '1d', from, to }, job.signal);
      if (bars.length > 0) {
        const target = {
          symbol: candidate.symbol,
          timeframe: '1d' as const,
          kind: 'equity' as const,
          source: yahoo.id,
        };
        const written = await storeClosedBars(ctx, target, bars, pass.now());
        ctx.metrics.barsIngested.inc({ source: yahoo.id, result: 'inserted' }, written.inserted);
        ctx.metrics.barsIngested.inc({ source: yahoo.id, result: 'updated' }, written.updated);
      }
      await record(bars.length > 0 ? 'ok' : 'empty');
      result[bars.length > 0 ? 'fetched' : 'empty']++;
      result.symbols.add(candidate.symbol);
    } catch (error) {
      // Aborted: the claim stays as today's attempt, so the symbol is asked again tomorrow, not twice today.
      if (job.signal.aborted) throw error;
      const unknown = error instanceof ProviderError && error.status === 404;
      await record(unknown ? 'empty' : 'error', (error as Error).message);
      result[unknown ? 'empty' : 'errors']++;
      if (!unknown) job.log('yahoo fetch failed', { symbol: candidate.symbol, error: (error as Error).message });
    }
  }
  return result;
}
