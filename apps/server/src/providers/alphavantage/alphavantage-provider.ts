import type { AppConfig } from '../../config/config.schema';
import type { Metrics } from '../../observability/metrics';
import { createHttpFetcher, type HttpFetcher } from '../http/http-fetcher';
import type { Sleep } from '../http/token-bucket';
import type { BarRequest, MarketDataProvider, RawBar } from '../market-data-provider';
import type { RequestBudget } from '../request-budget';
import { refusalIn } from './alphavantage-answer';
import { dailyAnswerToBars, isDailyAnswer } from './alphavantage-daily';
import { normaliseEarnings, normaliseOverview, type Fundamentals } from './alphavantage-fundamentals';
import { AlphaVantageRefusalError, QuotaSpentError, REFUSAL_KINDS } from './alphavantage.error';

/** What one request fetches: the names of the freshness record (provider_fetches.dataset). */
export const ALPHAVANTAGE_DATASETS = ['daily', 'overview', 'earnings'] as const;
export type AlphaVantageDataset = (typeof ALPHAVANTAGE_DATASETS)[number];

const SYMBOL = /^[A-Za-z0-9.-]{1,12}$/;
/** A compact answer holds the last 100 sessions: about 140 calendar days. */
const COMPACT_DAYS = 140;
const DAY_MS = 86_400_000;

export interface AlphaVantageOptions {
  apiKey: string;
  baseUrl: string;
  /** Ask for the split/dividend-adjusted series first. */
  adjusted: boolean;
  /** Every request takes one unit from it first and is not sent when it refuses. */
  budget?: RequestBudget;
  clock?: () => number;
}

/**
 * Alpha Vantage: daily bars, company overview and quarterly earnings, one request each, under a small daily
 * quota. A request is paid for before it is sent (the budget refuses once the day's quota is used), and a
 * limit answer (`Note` / `Information`, HTTP 200) marks the day exhausted instead of being retried: retrying
 * would only spend more of a quota that is already gone.
 */
export class AlphaVantageProvider implements MarketDataProvider {
  readonly id = 'alphavantage';
  readonly timeframes = ['1d'] as const;
  readonly datasets = ['bars', 'fundamentals', 'earnings'] as const;
  readonly testSymbol = 'IBM';
  /** Variants given up this process because the key is not premium, for the job's summary. */
  readonly notices: string[] = [];
  private adjusted: boolean;
  private fullAllowed = true;
  private readonly clock: () => number;

  constructor(
    private readonly options: AlphaVantageOptions,
    private readonly fetcher: HttpFetcher,
  ) {
    this.adjusted = options.adjusted;
    this.clock = options.clock ?? Date.now;
  }

  canHandle(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  async fetchBars(request: BarRequest, signal?: AbortSignal): Promise<RawBar[]> {
    if (request.timeframe !== '1d')
      throw new RangeError(`alphavantage has no ${request.timeframe} bars (it offers 1d)`);
    const full = request.from < this.clock() - COMPACT_DAYS * DAY_MS;
    const bars = (await this.fetchDaily(request.symbol, { full }, signal)) ?? [];
    return bars.filter((bar) => bar.ts >= request.from && bar.ts < request.to);
  }

  /**
   * The daily series (the last 100 sessions, or all with `full`), ascending; null when Alpha Vantage does not
   * know the symbol. A premium refusal of the adjusted series or of the full history switches to the free
   * variant for the rest of this process and asks again.
   */
  async fetchDaily(symbol: string, { full = false } = {}, signal?: AbortSignal): Promise<RawBar[] | null> {
    for (;;) {
      const adjusted = this.adjusted;
      const params = {
        function: adjusted ? 'TIME_SERIES_DAILY_ADJUSTED' : 'TIME_SERIES_DAILY',
        outputsize: full && this.fullAllowed ? 'full' : 'compact',
      };
      try {
        const answer = await this.query(params, symbol, 'daily', signal);
        if (!isDailyAnswer(answer)) {
          throw new AlphaVantageRefusalError(
            REFUSAL_KINDS.invalidCall,
            'no daily series in the answer',
            symbol,
            'daily',
          );
        }
        return dailyAnswerToBars(answer, adjusted);
      } catch (error) {
        if (!(error instanceof AlphaVantageRefusalError)) throw error;
        if (error.kind === REFUSAL_KINDS.invalidCall) return null;
        if (error.kind !== REFUSAL_KINDS.premium) throw error;
        if (adjusted) {
          this.adjusted = false;
          this.notices.push('the adjusted daily series needs a premium key: using TIME_SERIES_DAILY');
        } else if (params.outputsize === 'full') {
          this.fullAllowed = false;
          this.notices.push('the full daily history needs a premium key: using the last 100 sessions');
        } else {
          throw error;
        }
      }
    }
  }

  /** Company overview, normalised; null when Alpha Vantage does not know the symbol. */
  async fetchOverview(symbol: string, signal?: AbortSignal): Promise<Fundamentals | null> {
    return normaliseOverview(await this.query({ function: 'OVERVIEW' }, symbol, 'overview', signal));
  }

  /** Last reported quarter's EPS and its growth (QoQ, YoY); null when Alpha Vantage does not know the symbol. */
  async fetchEarnings(symbol: string, signal?: AbortSignal): Promise<Fundamentals | null> {
    return normaliseEarnings(await this.query({ function: 'EARNINGS' }, symbol, 'earnings', signal));
  }

  /** One paid request: budget first, then the call, then the refusal check. */
  private async query(
    params: Record<string, string>,
    symbol: string,
    dataset: AlphaVantageDataset,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    if (!this.canHandle(symbol)) throw new RangeError(`"${symbol}" is not an Alpha Vantage symbol`);
    const { budget } = this.options;
    if (budget) {
      const spent = await budget.trySpend();
      if (!spent.ok) {
        const { day, used, quota, exhaustedReason } = spent.status;
        throw new QuotaSpentError(this.id, day, used, quota, exhaustedReason);
      }
    }
    const query = new URLSearchParams({ ...params, symbol, apikey: this.options.apiKey });
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/query?${query.toString()}`;
    const answer = await this.fetcher.getJson<unknown>(url, signal);
    const refusal = refusalIn(answer);
    if (!refusal) return answer as Record<string, unknown>;
    if (refusal.kind === REFUSAL_KINDS.limit) await budget?.markExhausted(refusal.answer);
    throw new AlphaVantageRefusalError(refusal.kind, refusal.answer, symbol, dataset);
  }
}

export interface AlphaVantageDeps {
  budget?: RequestBudget;
  metrics?: Metrics;
  timeoutMs?: number;
  /** Injectable for tests: time, waiting and jitter. */
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export function createAlphaVantageProvider(
  config: AppConfig['providers']['alphavantage'],
  deps: AlphaVantageDeps = {},
): AlphaVantageProvider {
  const { budget, timeoutMs, ...time } = deps;
  const fetcher = createHttpFetcher({
    provider: 'alphavantage',
    // Evenly spaced (burst 1): the free key also refuses more than about one request a second.
    requestsPerMinute: config.perMinute,
    burst: 1,
    timeoutMs: timeoutMs ?? 15_000,
    // Every attempt costs a request of the day's quota: a failure waits for the next run instead.
    retries: 0,
    baseBackoffMs: 1_000,
    // The freshness record in the database is the cache: shared by replicas, and it survives restarts.
    cacheTtlSeconds: 0,
    ...time,
  });
  return new AlphaVantageProvider(
    { apiKey: config.apiKey, baseUrl: config.baseUrl, adjusted: config.adjusted, budget, clock: deps.clock },
    fetcher,
  );
}
