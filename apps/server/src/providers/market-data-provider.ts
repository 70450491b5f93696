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
 * An HTTP market-data source. Adapters honour rate limits, retry with backoff and cache responses
 * (see http-client.ts); they are tested against recorded responses served on loopback.
 */
export interface MarketDataProvider {
  readonly id: string;
  readonly timeframes: readonly Timeframe[];
  /** A symbol the provider always knows, used by health checks and tests. */
  readonly testSymbol: string;
  canHandle(symbol: string): boolean;
  fetchBars(request: BarRequest, signal?: AbortSignal): Promise<RawBar[]>;
}
