import type { Timeframe } from '@marketlens/contracts';
import { BAR_TIMEFRAMES, bucketStart, timeframeMs } from '@marketlens/quant';
import type { Metrics } from '../../observability/metrics';
import { ProviderError } from '../http/provider.error';
import { backoffDelay, parseRetryAfter } from '../http/retry-policy';
import { realSleep, type Sleep } from '../http/token-bucket';
import type { BarRequest, MarketDataProvider, RawBar } from '../market-data-provider';
import type { OhlcvClient, OhlcvRow } from './ccxt-client';

const MARKET = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._:-]+$/;

export interface ExchangeProviderOptions {
  /** Candles asked per request. */
  pageLimit: number;
  /** Extra attempts after a transient failure. */
  retries: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  metrics?: Metrics;
  /** Injectable for tests: the time that decides which candle is still forming, waiting and jitter. */
  clock?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

/** [ts, o, h, l, c, v] to a bar; null for a row without prices (some venues send empty candles). */
function toBar(row: OhlcvRow): RawBar | null {
  const [ts, open, high, low, close, volume] = row;
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts)) return null;
  const prices = [open, high, low, close];
  if (!prices.every((p) => typeof p === 'number' && Number.isFinite(p))) return null;
  return {
    ts,
    open: open as number,
    high: high as number,
    low: low as number,
    close: close as number,
    volume: typeof volume === 'number' && Number.isFinite(volume) ? volume : 0,
  };
}

/**
 * A crypto exchange through ccxt, as a market-data provider whose symbols are ccxt markets (BTC/USDT). Pages
 * through `fetchOHLCV` with `since`/`limit` until the request's end or the last closed candle, retries
 * transient failures with backoff (honouring Retry-After), and never returns the still-forming candle: a bar
 * is stored once, closed.
 */
export class ExchangeProvider implements MarketDataProvider {
  readonly timeframes: readonly Timeframe[] = BAR_TIMEFRAMES;
  readonly datasets = ['bars'] as const;
  readonly testSymbol = 'BTC/USDT';
  private readonly clock: () => number;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(
    private readonly client: () => Promise<OhlcvClient>,
    readonly id: string,
    private readonly options: ExchangeProviderOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  canHandle(symbol: string): boolean {
    return MARKET.test(symbol);
  }

  async fetchBars(request: BarRequest, signal?: AbortSignal): Promise<RawBar[]> {
    const bars: RawBar[] = [];
    for await (const page of this.streamBars(request, signal)) bars.push(...page);
    return bars;
  }

  /** The closed bars of [from, to), one page per request, ascending; stops early when the exchange has no more. */
  async *streamBars(request: BarRequest, signal?: AbortSignal): AsyncGenerator<RawBar[]> {
    if (!this.canHandle(request.symbol)) throw new RangeError(`"${request.symbol}" is not a market such as BTC/USDT`);
    const client = await this.client();
    if (!client.supports(request.timeframe)) {
      throw new RangeError(`${this.id} has no ${request.timeframe} candles`);
    }
    const step = timeframeMs(request.timeframe);
    // The candle holding "now" is still forming: stop before it.
    const end = Math.min(request.to, bucketStart(this.clock(), request.timeframe));
    let since = request.from;
    while (since < end) {
      signal?.throwIfAborted();
      const limit = Math.min(this.options.pageLimit, Math.ceil((end - since) / step));
      const from = since;
      const rows = await this.attempt(client, signal, () =>
        client.fetchOHLCV(request.symbol, request.timeframe, from, limit),
      );
      const page = rows.map(toBar).filter((b): b is RawBar => b !== null && b.ts >= from && b.ts < end);
      if (page.length > 0) yield page;
      const lastTs = rows.at(-1)?.[0];
      // An empty page means nothing more; a page that does not move forward would loop forever.
      if (typeof lastTs !== 'number' || lastTs + step <= since) return;
      since = lastTs + step;
    }
  }

  private async attempt<T>(client: OhlcvClient, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    const count = (outcome: 'ok' | 'retry' | 'error') =>
      this.options.metrics?.providerRequests.inc({ provider: this.id, outcome });
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await call();
        count('ok');
        return result;
      } catch (error) {
        if (signal?.aborted) throw error;
        const url = client.lastRequestUrl() ?? `${this.id} (no request sent)`;
        if (!client.isTransient(error) || attempt > this.options.retries) {
          count('error');
          const tail = client.isTransient(error) ? ` (gave up after ${attempt} attempts)` : '';
          throw new ProviderError(
            `${(error as Error).message}${tail}`,
            { provider: this.id, url, attempts: attempt, status: client.lastStatus() },
            {
              cause: error,
            },
          );
        }
        count('retry');
        const wait =
          client.retryAfterMs(error, this.clock(), parseRetryAfter) ??
          backoffDelay(attempt, this.options.baseBackoffMs ?? 1000, this.options.maxBackoffMs ?? 60_000, this.random);
        await this.sleep(wait, signal);
      }
    }
  }
}
