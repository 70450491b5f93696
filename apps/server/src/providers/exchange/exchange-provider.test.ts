import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/config.schema';
import { createMetrics } from '../../observability/metrics';
import { ProviderError } from '../http/provider.error';
import {
  BTCUSDT_1M_KLINES,
  FIRST_KLINE_TS,
  SERVER_BUSY,
  startBinanceRecordedServer,
  TOO_MANY_REQUESTS,
  type BinanceRecordedServer,
} from './binance-recorded-server';
import { rebaseApiUrls, UnknownExchangeError } from './ccxt-client';
import { createExchangeProvider, type ExchangeProviderDeps } from './create-exchange-provider';

const MIN = 60_000;
// 05:30:30 UTC: the 05:30 candle is still forming, 05:29 is the last closed one.
let now = FIRST_KLINE_TS + 330 * MIN + 30_000;
let server: BinanceRecordedServer;
const sleeps: number[] = [];

beforeAll(async () => {
  server = await startBinanceRecordedServer(() => now);
});
afterAll(() => server.close());
beforeEach(() => {
  now = FIRST_KLINE_TS + 330 * MIN + 30_000;
  sleeps.length = 0;
  server.hidden.length = 0;
});

function provider(overrides: Partial<AppConfig['providers']['exchange']> = {}, deps: ExchangeProviderDeps = {}) {
  const metrics = createMetrics();
  const config: AppConfig['providers']['exchange'] = {
    id: 'binance',
    baseUrl: server.url,
    timeoutMs: 5000,
    retries: 2,
    pageLimit: 100,
    rateLimitMs: 0,
    options: { binance: { fetchMarkets: { types: ['spot'] } } },
    ...overrides,
  };
  const exchange = createExchangeProvider(config, config.id, {
    metrics,
    clock: () => now,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...deps,
  });
  return { exchange, metrics };
}

const klineQueries = (from: number) =>
  server.requests
    .slice(from)
    .filter((r) => r.startsWith('/api/v3/klines'))
    .map((r) => Object.fromEntries(new URL(r, 'http://x').searchParams));

describe('ExchangeProvider over ccxt (Binance recorded responses on loopback)', () => {
  it('loads markets, then pages with since/limit to the last closed candle and maps rows to bars', async () => {
    const before = server.requests.length;
    const bars = await provider().exchange.fetchBars({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      from: FIRST_KLINE_TS,
      to: FIRST_KLINE_TS + 24 * 60 * MIN,
    });
    expect(server.requests[before]).toBe('/api/v3/exchangeInfo');
    expect(klineQueries(before).map((q) => [Number(q.startTime) - FIRST_KLINE_TS, q.limit])).toEqual([
      [0, '100'],
      [100 * MIN, '100'],
      [200 * MIN, '100'],
      [300 * MIN, '30'],
    ]);
    expect(bars, 'the forming 05:30 candle is dropped').toHaveLength(330);
    expect(bars.at(-1)?.ts).toBe(FIRST_KLINE_TS + 329 * MIN);
    const [ts, open, high, low, close, volume] = BTCUSDT_1M_KLINES[1]!;
    expect(bars[1]).toEqual({
      ts,
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    });
  });

  it('asks only for the bars a range needs and stops at its end', async () => {
    const before = server.requests.length;
    const bars = await provider().exchange.fetchBars({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      from: FIRST_KLINE_TS + 10 * MIN,
      to: FIRST_KLINE_TS + 15 * MIN,
    });
    expect(bars.map((b) => (b.ts - FIRST_KLINE_TS) / MIN)).toEqual([10, 11, 12, 13, 14]);
    expect(klineQueries(before)).toMatchObject([{ limit: '5' }]);
  });

  it('stops at an empty page, and skips a range the exchange has no candles for', async () => {
    server.hidden.push({ from: FIRST_KLINE_TS + 20 * MIN, to: FIRST_KLINE_TS + 30 * MIN });
    const { exchange } = provider();
    const hole = await exchange.fetchBars({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      from: FIRST_KLINE_TS + 20 * MIN,
      to: FIRST_KLINE_TS + 30 * MIN,
    });
    expect(hole, 'Binance answers with later candles, which lie outside the range').toEqual([]);
    now = FIRST_KLINE_TS + 400 * MIN; // the recording ends at 05:59
    const before = server.requests.length;
    const tail = await exchange.fetchBars({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      from: FIRST_KLINE_TS + 355 * MIN,
      to: now,
    });
    expect(tail).toHaveLength(5);
    expect(klineQueries(before)).toHaveLength(2); // the second answer is empty: nothing more
  });

  it('retries a 429 after its Retry-After and a 503 with backoff, counting the retries', async () => {
    server.failNext(TOO_MANY_REQUESTS, SERVER_BUSY);
    const { exchange, metrics } = provider();
    const bars = await exchange.fetchBars({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      from: FIRST_KLINE_TS,
      to: FIRST_KLINE_TS + 3 * MIN,
    });
    expect(bars).toHaveLength(3);
    expect(sleeps, 'Retry-After: 2 seconds, then full-jitter backoff (0.5 x 2 x 1000 ms)').toEqual([2000, 1000]);
    const counted = await metrics.registry.getSingleMetricAsString('marketlens_provider_requests_total');
    expect(counted).toMatch(/provider="binance",outcome="retry"} 2/);
  });

  it('gives up after the configured retries with a ProviderError naming the attempts', async () => {
    server.failNext(SERVER_BUSY, SERVER_BUSY, SERVER_BUSY);
    const error = await provider({ retries: 2 })
      .exchange.fetchBars({ symbol: 'BTC/USDT', timeframe: '1m', from: FIRST_KLINE_TS, to: FIRST_KLINE_TS + MIN })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'binance', attempts: 3 });
    expect((error as Error).message).toMatch(/overloaded.*gave up after 3 attempts/);
  });

  it('does not retry what will not change: an unknown market', async () => {
    const error = await provider()
      .exchange.fetchBars({ symbol: 'NOPE/USDT', timeframe: '1m', from: FIRST_KLINE_TS, to: FIRST_KLINE_TS + MIN })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it("spaces requests with ccxt's rate limiter by each request's weight", async () => {
    // ccxt's binance costs a request its weight x 0.2 (6,000 weight a minute): exchangeInfo 20 -> 4, a
    // 100-candle klines call 2 -> 0.4. At 500 ms per unit that is 2,000 ms and 200 ms between sends. The
    // server sees arrivals, which carry each request's own latency: on a loaded machine one late arrival
    // followed by a prompt one shortened a 100 ms gap to 69 ms. So the bounds leave room for 100 ms of
    // jitter and 80 ms respectively; without the limiter the pages arrive a few milliseconds apart.
    const { exchange } = provider({ rateLimitMs: 500, pageLimit: 100 });
    const start = server.arrivals.length;
    await exchange.fetchBars({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      from: FIRST_KLINE_TS,
      to: FIRST_KLINE_TS + 300 * MIN,
    });
    const times = server.arrivals.slice(start);
    expect(times).toHaveLength(4); // exchangeInfo + 3 pages
    const gaps = times.slice(1).map((t, i) => Math.round(t - times[i]!));
    expect(gaps[0], `gaps ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(1_900);
    for (const gap of gaps.slice(1)) expect(gap, `gaps ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(120);
  });

  it('refuses unknown exchanges, timeframes it lacks and symbols that are not markets', async () => {
    const unknown = createExchangeProvider(
      { id: 'binance', baseUrl: '', timeoutMs: 1000, retries: 0, pageLimit: 10, rateLimitMs: 0, options: {} },
      'nosuchexchange',
    );
    await expect(unknown.fetchBars({ symbol: 'BTC/USDT', timeframe: '1m', from: 0, to: 1 })).rejects.toBeInstanceOf(
      UnknownExchangeError,
    );
    const { exchange } = provider();
    await expect(exchange.fetchBars({ symbol: 'BTCUSDT', timeframe: '1m', from: 0, to: 1 })).rejects.toThrow(
      /not a market/,
    );
  });

  it('rebases every API URL on the configured origin, keeping paths', () => {
    expect(
      rebaseApiUrls(
        { public: 'https://api.binance.com/api/v3', nested: { fapi: 'https://fapi.binance.com/fapi/v1' } },
        'http://127.0.0.1:9/',
      ),
    ).toEqual({ public: 'http://127.0.0.1:9/api/v3', nested: { fapi: 'http://127.0.0.1:9/fapi/v1' } });
  });
});
