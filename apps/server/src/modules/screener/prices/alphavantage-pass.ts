import type { AppContext } from '../../../context';
import type { JobContext } from '../../../jobs/job-queue';
import {
  AlphaVantageRefusalError,
  QuotaSpentError,
  REFUSAL_KINDS,
} from '../../../providers/alphavantage/alphavantage.error';
import type { AlphaVantageDataset, AlphaVantageProvider } from '../../../providers/alphavantage/alphavantage-provider';
import { claimFetch, recordFetch, restoreFetch, type FetchStatus } from '../../../providers/dataset-freshness';
import { storeClosedBars } from '../../instruments/instruments.service';
import { FRESH_DAYS, type PriceCandidate } from './price-candidates';
import { mergeFundamentals } from './price-candidates.store';

const PROVIDER = 'alphavantage';
const DAY_MS = 86_400_000;
/** A symbol without a successful daily fetch this recently asks for the full history (a compact answer has 100 sessions). */
const COMPACT_COVERS_DAYS = 140;

/** Why the pass ended before its list: the count reached the quota, the limit answer came, the key is unusable. */
export type StopReason = 'budget' | 'limit' | 'invalid-key';

export interface AlphaVantagePassResult {
  fetched: Record<AlphaVantageDataset, number>;
  /** Datasets Alpha Vantage does not know the symbol for. */
  empty: number;
  errors: number;
  /** Claimed by a concurrent run: it fetches them. */
  claimedElsewhere: number;
  stoppedBy: StopReason | null;
  /** Alpha Vantage's words when it stopped the pass. */
  stopMessage: string | null;
  /** Datasets done (fetched, unknown, failed or claimed elsewhere), keyed symbol/dataset. */
  done: Set<string>;
}

export const datasetKey = (symbol: string, dataset: string) => `${symbol}/${dataset}`;

interface PassContext {
  ctx: AppContext;
  provider: AlphaVantageProvider;
  today: string;
  now: () => number;
  job: JobContext;
}

/** Fetches and stores one dataset; 'empty' when Alpha Vantage does not know the symbol. */
async function fetchDataset(
  pass: PassContext,
  candidate: PriceCandidate,
  dataset: AlphaVantageDataset,
): Promise<FetchStatus> {
  const { ctx, provider, job } = pass;
  const { symbol } = candidate;
  if (dataset === 'daily') {
    const full = !candidate.lastDaily || candidate.lastDaily.getTime() < pass.now() - COMPACT_COVERS_DAYS * DAY_MS;
    const bars = await provider.fetchDaily(symbol, { full }, job.signal);
    if (!bars || bars.length === 0) return 'empty';
    const target = { symbol, timeframe: '1d' as const, kind: 'equity' as const, source: PROVIDER };
    const written = await storeClosedBars(ctx, target, bars, pass.now());
    ctx.metrics.barsIngested.inc({ source: PROVIDER, result: 'inserted' }, written.inserted);
    ctx.metrics.barsIngested.inc({ source: PROVIDER, result: 'updated' }, written.updated);
    return 'ok';
  }
  const data =
    dataset === 'overview'
      ? await provider.fetchOverview(symbol, job.signal)
      : await provider.fetchEarnings(symbol, job.signal);
  if (!data) return 'empty';
  await mergeFundamentals(ctx.db.orm, { symbol, provider: PROVIDER, data, fetchedAt: new Date(pass.now()) });
  return 'ok';
}

/**
 * Walks the plan in priority order, one paid request at a time. Each dataset is claimed first (so concurrent runs
 * split the list instead of repeating it) and recorded after. The pass ends at once, without retrying, when the
 * budget refuses or Alpha Vantage answers with its limit message or rejects the key; the dataset it was on is
 * given back, left for tomorrow.
 */
export async function alphaVantagePass(
  pass: PassContext,
  candidates: readonly PriceCandidate[],
): Promise<AlphaVantagePassResult> {
  const { ctx, job } = pass;
  const result: AlphaVantagePassResult = {
    fetched: { daily: 0, overview: 0, earnings: 0 },
    empty: 0,
    errors: 0,
    claimedElsewhere: 0,
    stoppedBy: null,
    stopMessage: null,
    done: new Set(),
  };
  for (const candidate of candidates) {
    for (const dataset of candidate.stale) {
      job.signal.throwIfAborted();
      const key = { provider: PROVIDER, dataset, symbol: candidate.symbol };
      const now = new Date(pass.now());
      const claim = { ...key, today: pass.today, freshDays: FRESH_DAYS[dataset], now };
      if (!(await claimFetch(ctx.db.orm, claim))) {
        result.claimedElsewhere++;
        result.done.add(datasetKey(candidate.symbol, dataset));
        continue;
      }
      const record = (status: FetchStatus, error: string | null = null) =>
        recordFetch(ctx.db.orm, { ...key, fetchedAt: new Date(pass.now()), fetchedDay: pass.today, status, error });
      try {
        const status = await fetchDataset(pass, candidate, dataset);
        await record(status);
        if (status === 'ok') result.fetched[dataset]++;
        else result.empty++;
        result.done.add(datasetKey(candidate.symbol, dataset));
        // An unknown symbol is unknown to every dataset: do not pay to hear it twice more (asked again tomorrow).
        if (status === 'empty' && dataset === 'daily') {
          for (const other of candidate.stale) result.done.add(datasetKey(candidate.symbol, other));
          break;
        }
      } catch (error) {
        const stop = stopReason(error);
        if (stop || job.signal.aborted) {
          await restoreFetch(ctx.db.orm, key, candidate.previous[dataset]);
          if (!stop) throw error;
          result.stoppedBy = stop.reason;
          result.stopMessage = stop.message;
          job.log('alphavantage stopped', { reason: stop.reason, message: stop.message, symbol: candidate.symbol });
          return result;
        }
        if (error instanceof AlphaVantageRefusalError && error.kind === REFUSAL_KINDS.invalidCall) {
          await record('empty', error.answer);
          result.empty++;
        } else {
          await record('error', (error as Error).message);
          result.errors++;
          job.log('alphavantage fetch failed', { symbol: candidate.symbol, dataset, error: (error as Error).message });
        }
        result.done.add(datasetKey(candidate.symbol, dataset));
      }
    }
  }
  return result;
}

function stopReason(error: unknown): { reason: StopReason; message: string } | null {
  if (error instanceof QuotaSpentError) {
    return error.exhaustedReason
      ? { reason: 'limit', message: error.exhaustedReason }
      : { reason: 'budget', message: error.message };
  }
  if (error instanceof AlphaVantageRefusalError && error.kind === REFUSAL_KINDS.limit) {
    return { reason: 'limit', message: error.answer };
  }
  if (error instanceof AlphaVantageRefusalError && error.kind === REFUSAL_KINDS.invalidKey) {
    return { reason: 'invalid-key', message: error.answer };
  }
  return null;
}
