import type * as CcxtModule from 'ccxt';
import type { Exchange } from 'ccxt';

/** How to reach one exchange through ccxt (see config `providers.exchange`). */
export interface ExchangeSettings {
  /** ccxt exchange id: binance, kraken, okx ... */
  id: string;
  /** Replaces scheme and host of every API URL of the exchange, paths kept; empty = the exchange's own. */
  baseUrl: string;
  timeoutMs: number;
  /** ccxt's limiter: ms per unit of request weight, evenly spaced; 0 = the exchange's published limits. */
  rateLimitMs: number;
  /** ccxt options of this exchange (e.g. binance's fetchMarkets types). */
  options: Record<string, unknown>;
}

/** ccxt's raw OHLCV row: [open time ms, open, high, low, close, volume]. Values may be missing on some venues. */
export type OhlcvRow = (number | undefined | null)[];

/** The part of a ccxt exchange the adapter uses; small so the adapter reads without ccxt's 200-method class. */
export interface OhlcvClient {
  readonly id: string;
  /** Our timeframe names the exchange offers (ccxt's `timeframes` keys). */
  supports(timeframe: string): boolean;
  fetchOHLCV(market: string, timeframe: string, since: number, limit: number): Promise<OhlcvRow[]>;
  /**
   * Worth another attempt: ccxt's OperationFailed family (network errors, timeouts, busy) or an HTTP 418, 429
   * or 5xx answer, whatever class the exchange's error-code table gave it (Binance maps a 503 "-1008 server
   * busy" to ExchangeError).
   */
  isTransient(error: unknown): boolean;
  /** HTTP status of the response the last call ended with; undefined when none arrived. */
  lastStatus(): number | undefined;
  /** The last response's Retry-After as a delay, for rate-limit answers; null when absent. */
  retryAfterMs(
    error: unknown,
    nowMs: number,
    parse: (header: string | null, now: number) => number | null,
  ): number | null;
  /** The last request URL (for error messages). */
  lastRequestUrl(): string | undefined;
}

/** An exchange id ccxt does not know. */
export class UnknownExchangeError extends Error {
  override readonly name = 'UnknownExchangeError';
  constructor(readonly exchange: string) {
    super(`ccxt has no exchange "${exchange}"`);
  }
}

/** Every string in ccxt's `urls.api` (a string or nested map) with its origin replaced by `baseUrl`. */
export function rebaseApiUrls(api: unknown, baseUrl: string): unknown {
  const origin = baseUrl.replace(/\/+$/, '');
  if (typeof api === 'string') return api.replace(/^[a-z]+:\/\/[^/]+/i, origin);
  if (api && typeof api === 'object') {
    return Object.fromEntries(Object.entries(api).map(([key, value]) => [key, rebaseApiUrls(value, origin)]));
  }
  return api;
}

/**
 * Builds the ccxt exchange. ccxt is imported here, on first use, because loading its 200 exchanges costs 1-2 s
 * of start-up that roles without intraday ingestion should not pay. The exchange's own rate limiter stays on
 * (`enableRateLimit`): it spaces requests by the exchange's published weights.
 */
export async function createCcxtClient(settings: ExchangeSettings): Promise<OhlcvClient> {
  const ccxt: typeof CcxtModule = await import('ccxt');
  const classes = ccxt.exchanges as unknown as Record<string, new (config: object) => Exchange>;
  const ExchangeClass = Object.hasOwn(classes, settings.id) ? classes[settings.id] : undefined;
  if (!ExchangeClass) throw new UnknownExchangeError(settings.id);
  const exchange = new ExchangeClass({
    enableRateLimit: true,
    timeout: settings.timeoutMs,
    options: settings.options,
    // A configured rate spaces requests evenly (leaky bucket, rate x request weight); otherwise ccxt's default,
    // a rolling one-minute weight budget from the exchange's published limits, allows short bursts.
    ...(settings.rateLimitMs > 0 ? { rateLimit: settings.rateLimitMs, rollingWindowSize: 0 } : {}),
  });
  if (settings.baseUrl) exchange.urls['api'] = rebaseApiUrls(exchange.urls['api'], settings.baseUrl) as never;

  // ccxt classifies errors by the body's error code before the status; this hook keeps the status itself.
  let status: number | undefined;
  const onRestResponse = exchange.onRestResponse.bind(exchange) as (code: number, ...rest: unknown[]) => string;
  exchange.onRestResponse = (code: number, ...rest: unknown[]) => {
    status = code;
    return onRestResponse(code, ...rest);
  };
  const transientStatus = () => status !== undefined && (status === 418 || status === 429 || status >= 500);
  // Binance answers 418/429 as DDoSProtection, other venues as RateLimitExceeded: siblings in ccxt's tree.
  const isRateLimit = (error: unknown) =>
    error instanceof ccxt.DDoSProtection || error instanceof ccxt.RateLimitExceeded || status === 429 || status === 418;
  return {
    id: settings.id,
    supports: (timeframe) => Object.hasOwn(exchange.timeframes ?? {}, timeframe),
    fetchOHLCV: (market, timeframe, since, limit) => {
      status = undefined;
      return exchange.fetchOHLCV(market, timeframe, since, limit) as Promise<OhlcvRow[]>;
    },
    isTransient: (error) =>
      (error instanceof ccxt.OperationFailed && !(error instanceof ccxt.InvalidNonce)) || transientStatus(),
    lastStatus: () => status,
    retryAfterMs: (error, nowMs, parse) => {
      if (!isRateLimit(error)) return null;
      const headers = (exchange.last_response_headers ?? {}) as Record<string, string>;
      const name = Object.keys(headers).find((key) => key.toLowerCase() === 'retry-after');
      return parse(name ? (headers[name] ?? null) : null, nowMs);
    },
    lastRequestUrl: () => (exchange.last_request_url as string | undefined) ?? undefined,
  };
}
