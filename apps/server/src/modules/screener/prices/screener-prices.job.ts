import type { AppContext } from '../../../context';
import type { JobDefinition } from '../../../jobs/job-queue';
import { createAlphaVantageProvider } from '../../../providers/alphavantage/alphavantage-provider';
import type { Sleep } from '../../../providers/http/token-bucket';
import type { MarketDataProvider } from '../../../providers/market-data-provider';
import { alphaVantagePass, datasetKey, type AlphaVantagePassResult, type StopReason } from './alphavantage-pass';
import { loadCandidatePlan } from './price-candidates';
import { alphaVantageBudget } from './quota.service';
import { yahooFallbackPass, type YahooPassResult } from './yahoo-fallback-pass';

export interface ScreenerPricesPayload {
  /** Limit the run to these symbols (they must be on a watchlist or in a universe); default: all. */
  symbols?: string[];
}

export type FallbackReason = 'no-api-key' | StopReason;

export interface ScreenerPricesSummary {
  /** The budget day the run counted in. */
  day: string;
  /** Symbols with at least one stale dataset when the run started. */
  candidates: number;
  fetched: { daily: number; overview: number; earnings: number; yahooDaily: number };
  /** Datasets not asked because they are fresh (fetched today; overview and earnings this week) or claimed by a concurrent run. */
  skippedFresh: number;
  /** Stale datasets still not fetched when the run ended: the next budget day's work. */
  leftForTomorrow: number;
  /** Datasets the providers do not know the symbol for, and failures (retried on the next budget day). */
  unknown: number;
  failed: number;
  alphavantage: {
    configured: boolean;
    stoppedBy: StopReason | null;
    stopMessage: string | null;
    used: number;
    quota: number;
    remaining: number;
    notices: string[];
  };
  /** Why prices came from Yahoo; null when they did not. */
  yahooFallback: FallbackReason | null;
  message: string;
}

export interface ScreenerPricesDeps {
  yahoo: MarketDataProvider;
  /** Injectable for tests: the clock of the budget day and of every record, waiting and jitter. */
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

const EMPTY_PASS: AlphaVantagePassResult = {
  fetched: { daily: 0, overview: 0, earnings: 0 },
  empty: 0,
  errors: 0,
  claimedElsewhere: 0,
  stoppedBy: null,
  stopMessage: null,
  done: new Set(),
};

/**
 * `screener.prices`: keeps watchlist and universe symbols' daily bars and fundamentals current from Alpha Vantage
 * within its daily quota, and falls back to Yahoo for prices when there is no key or the quota is gone. Idempotent
 * per budget day: what was fetched today is not asked again, so running it twice costs nothing the second time.
 * It succeeds when the quota runs out: what is left waits for the next budget day.
 */
export function screenerPricesJob(
  ctx: AppContext,
  deps: ScreenerPricesDeps,
): JobDefinition<ScreenerPricesPayload | undefined, ScreenerPricesSummary> {
  const now = deps.clock ?? Date.now;
  const config = ctx.config.providers.alphavantage;
  return {
    name: 'screener.prices',
    handler: async (payload, job) => {
      const budget = alphaVantageBudget(ctx, now);
      const today = budget.today();
      const plan = await loadCandidatePlan(ctx, today, payload?.symbols);
      const configured = config.apiKey !== '';
      const provider = configured
        ? createAlphaVantageProvider(config, {
            budget,
            metrics: ctx.metrics,
            clock: now,
            ...(deps.sleep ? { sleep: deps.sleep } : {}),
            ...(deps.random ? { random: deps.random } : {}),
          })
        : undefined;
      const av = provider ? await alphaVantagePass({ ctx, provider, today, now, job }, plan.candidates) : EMPTY_PASS;

      const fallback: FallbackReason | null = !configured ? 'no-api-key' : av.stoppedBy;
      const needPrices = plan.candidates.filter(
        (c) => c.stale.includes('daily') && !av.done.has(datasetKey(c.symbol, 'daily')),
      );
      const yahoo: YahooPassResult | null =
        fallback && needPrices.length > 0
          ? await yahooFallbackPass({ ctx, yahoo: deps.yahoo, today, now, job }, needPrices)
          : null;

      const status = await budget.status(today);
      let left = 0;
      for (const c of plan.candidates) {
        for (const dataset of c.stale) {
          const covered = dataset === 'daily' && yahoo?.symbols.has(c.symbol);
          if (!av.done.has(datasetKey(c.symbol, dataset)) && !covered) left++;
        }
      }
      const summary: ScreenerPricesSummary = {
        day: today,
        candidates: plan.candidates.length,
        fetched: { ...av.fetched, yahooDaily: yahoo?.fetched ?? 0 },
        skippedFresh: plan.skippedFresh + av.claimedElsewhere,
        leftForTomorrow: left,
        unknown: av.empty + (yahoo?.empty ?? 0),
        failed: av.errors + (yahoo?.errors ?? 0),
        alphavantage: {
          configured,
          stoppedBy: av.stoppedBy,
          stopMessage: av.stopMessage,
          used: status.used,
          quota: status.quota,
          remaining: status.remaining,
          notices: provider?.notices ?? [],
        },
        yahooFallback: yahoo ? fallback : null,
        message: '',
      };
      summary.message = describe(summary);
      job.log('screener prices', { ...summary });
      return summary;
    },
  };
}

const FALLBACK_WORDS: Record<FallbackReason, string> = {
  'no-api-key': 'no Alpha Vantage key is configured',
  budget: "Alpha Vantage's daily quota is used",
  limit: 'Alpha Vantage answered with its limit message',
  'invalid-key': 'Alpha Vantage rejected the API key',
};

/** One line for the Ops page and the log. */
function describe(s: ScreenerPricesSummary): string {
  const av = s.fetched.daily + s.fetched.overview + s.fetched.earnings;
  const parts = [
    `${s.day}: fetched ${av} dataset(s) from Alpha Vantage (${s.alphavantage.used}/${s.alphavantage.quota} requests used today)`,
    `skipped ${s.skippedFresh} fresh`,
    `${s.leftForTomorrow} left for tomorrow`,
  ];
  if (s.yahooFallback) {
    parts.push(`prices of ${s.fetched.yahooDaily} symbol(s) from Yahoo because ${FALLBACK_WORDS[s.yahooFallback]}`);
  }
  return parts.join('; ');
}
