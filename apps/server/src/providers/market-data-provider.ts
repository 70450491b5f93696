import type { Timeframe } from '@marketlens/contracts';
import type { OhlcvBar } from '@marketlens/quant';

/** A bar as providers and importers produce it: ts in epoch milliseconds (UTC, bar open time). */
export type RawBar = OhlcvBar;

export interface BarRequest {
  symbol: string;
  timeframe: Timeframe;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

/**
 * What a provider can serve: bars (prices), fundamentals (company overview: valuation, margins, growth) and
 * earnings (quarterly EPS). A job that needs a dataset picks the providers that list it.
 */
export const PROVIDER_DATASETS = ['bars', 'fundamentals', 'earnings'] as const;
export type ProviderDataset = (typeof PROVIDER_DATASETS)[number];

/**
 * An HTTP market-data source. Adapters honour rate limits, retry with backoff and cache responses
 * (see http-client.ts); they are tested against recorded responses served on loopback.
 */
export interface MarketDataProvider {
  readonly id: string;
  readonly timeframes: readonly Timeframe[];
  /** The datasets it serves; every provider serves bars through fetchBars. */
  readonly datasets: readonly ProviderDataset[];
  /** A symbol the provider always knows, used by health checks and tests. */
  readonly testSymbol: string;
  canHandle(symbol: string): boolean;
  fetchBars(request: BarRequest, signal?: AbortSignal): Promise<RawBar[]>;
}
