import type { Timeframe } from '@marketlens/contracts';
import type { Cache } from '../../cache/cache';
import type { AppConfig } from '../../config/config.schema';
import type { Metrics } from '../../observability/metrics';
import { createHttpFetcher, type HttpFetcher } from '../http/http-fetcher';
import { ProviderError } from '../http/provider.error';
import type { Sleep } from '../http/token-bucket';
import type { BarRequest, MarketDataProvider, RawBar } from '../market-data-provider';
import { chartResultToBars, type YahooChartResponse } from './yahoo-chart';

const INTERVALS: Partial<Record<Timeframe, string>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '1d': '1d',
  '1w': '1wk',
};

const SYMBOL = /^[A-Za-z0-9^.=-]{1,24}$/;

function chartError(body: unknown): { code: string; description: string } | null {
  const error = (body as Partial<YahooChartResponse> | null)?.chart?.error;
  return error && typeof error.description === 'string' ? error : null;
}

/** Yahoo Finance over its public v8 chart endpoint (no key). */
export class YahooProvider implements MarketDataProvider {
  readonly id = 'yahoo';
  readonly timeframes = Object.keys(INTERVALS) as Timeframe[];
  readonly datasets = ['bars'] as const;
  readonly testSymbol = 'SPY';

  constructor(
    private readonly baseUrl: string,
    private readonly fetcher: HttpFetcher,
  ) {}

  canHandle(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  async fetchBars(request: BarRequest, signal?: AbortSignal): Promise<RawBar[]> {
    const interval = INTERVALS[request.timeframe];
    if (!interval)
      throw new RangeError(`yahoo has no ${request.timeframe} bars (it offers ${this.timeframes.join(', ')})`);
    if (!this.canHandle(request.symbol)) throw new RangeError(`"${request.symbol}" is not a Yahoo symbol`);
    const url =
      `${this.baseUrl.replace(/\/$/, '')}/v8/finance/chart/${encodeURIComponent(request.symbol)}` +
      `?period1=${Math.floor(request.from / 1000)}&period2=${Math.ceil(request.to / 1000)}&interval=${interval}&events=div,split`;

    let response: YahooChartResponse;
    try {
      response = await this.fetcher.getJson<YahooChartResponse>(url, signal);
    } catch (error) {
      const detail = error instanceof ProviderError ? chartError(error.body) : null;
      if (!detail || !(error instanceof ProviderError)) throw error;
      throw new ProviderError(
        `${detail.description} (symbol ${request.symbol}, ${detail.code})`,
        { provider: this.id, status: error.status, url, attempts: error.attempts, body: error.body },
        { cause: error },
      );
    }
    const detail = chartError(response);
    const result = response.chart?.result?.[0];
    if (detail || !result) {
      throw new ProviderError(
        detail
          ? `${detail.description} (symbol ${request.symbol}, ${detail.code})`
          : `empty chart response for ${request.symbol}`,
        { provider: this.id, status: 200, url, attempts: 1, body: response },
      );
    }
    const daily = request.timeframe === '1d' || request.timeframe === '1w';
    return chartResultToBars(result, daily).filter((bar) => bar.ts >= request.from && bar.ts < request.to);
  }
}

export interface YahooProviderDeps {
  cache?: Cache;
  metrics?: Metrics;
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export function createYahooProvider(
  config: AppConfig['providers']['yahoo'],
  deps: YahooProviderDeps = {},
): YahooProvider {
  const fetcher = createHttpFetcher({
    provider: 'yahoo',
    requestsPerMinute: config.requestsPerMinute,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    baseBackoffMs: 500,
    cacheTtlSeconds: config.cacheTtlSeconds,
    // Yahoo answers scripted clients without a browser-like agent with 429s.
    headers: { 'user-agent': 'Mozilla/5.0 (compatible; MarketLens)' },
    ...deps,
  });
  return new YahooProvider(config.baseUrl, fetcher);
}
