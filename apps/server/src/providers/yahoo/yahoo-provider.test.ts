import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../cache/memory-cache';
import { createMetrics } from '../../observability/metrics';
import { startLocalTestServer, type LocalTestServer, type Reply } from '../http/local-test-server';
import { ProviderError } from '../http/provider.error';
import { createYahooProvider, type YahooProviderDeps } from './yahoo-provider';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const spyDaily = fixture('spy-daily-2017-10.json');
const unknownSymbol = fixture('unknown-symbol-404.json');

// Recorded responses by symbol; FLAKY answers 429 once, BROKEN always fails.
let flakyCalls = 0;
const events: string[] = [];
function route(path: string): Reply {
  const symbol = decodeURIComponent(path.split('?')[0]!.split('/').pop()!);
  events.push(`request ${symbol}`);
  if (symbol === 'FLAKY' && ++flakyCalls === 1)
    return { status: 429, headers: { 'retry-after': '2' }, body: 'Too Many Requests' };
  if (symbol === 'BROKEN') return { status: 500, body: { error: 'internal' } };
  if (symbol === 'NOPE') return { status: 404, body: unknownSymbol };
  return { status: 200, body: spyDaily };
}

let server: LocalTestServer;
beforeAll(async () => {
  server = await startLocalTestServer((req) => route(req.url ?? ''));
});
afterAll(() => server.close());

function provider(
  overrides: { requestsPerMinute?: number; retries?: number; cacheTtlSeconds?: number } = {},
  deps: YahooProviderDeps = {},
) {
  let now = Date.UTC(2024, 0, 2);
  const metrics = createMetrics();
  const yahoo = createYahooProvider(
    { baseUrl: server.url, requestsPerMinute: 600, timeoutMs: 5000, retries: 2, cacheTtlSeconds: 0, ...overrides },
    {
      metrics,
      clock: () => now,
      sleep: async (ms) => {
        events.push(`sleep ${ms}`);
        now += ms;
      },
      random: () => 0.5,
      ...deps,
    },
  );
  return { yahoo, metrics };
}

const october2017 = (symbol: string) => ({
  symbol,
  timeframe: '1d' as const,
  from: Date.UTC(2017, 9, 2),
  to: Date.UTC(2017, 9, 31),
});

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('YahooProvider', () => {
  it('asks the chart API for the period and interval and parses daily bars keyed by trading date', async () => {
    const before = server.requests.length;
    const bars = await provider().yahoo.fetchBars(october2017('SPY'));
    expect(server.requests[before]).toBe(
      '/v8/finance/chart/SPY?period1=1506902400&period2=1509408000&interval=1d&events=div,split',
    );
    // 20 sessions from the SPY file; the trailing all-null entry is skipped.
    expect(bars).toHaveLength(20);
    expect(bars[0]).toEqual({
      ts: Date.UTC(2017, 9, 2),
      open: 251.49,
      high: 252.32,
      low: 251.293,
      close: 252.32,
      volume: 58814862,
    });
    expect(bars[19]).toEqual({
      ts: Date.UTC(2017, 9, 27),
      open: 256.47,
      high: 257.89,
      low: 256.16,
      close: 257.71,
      volume: 85253763,
    });
    expect(bars.every((b) => b.ts % 86_400_000 === 0)).toBe(true);
  });

  it('keeps intraday bars at their exact open instant', async () => {
    const bars = await provider().yahoo.fetchBars({
      symbol: 'SPY',
      timeframe: '1h',
      from: 0,
      to: Date.UTC(2018, 0, 1),
    });
    expect(bars[0]!.ts).toBe(Date.UTC(2017, 9, 2, 13, 30));
  });

  it('retries a 429 after its Retry-After and succeeds', async () => {
    const { yahoo, metrics } = provider();
    events.length = 0;
    const bars = await yahoo.fetchBars(october2017('FLAKY'));
    expect(bars).toHaveLength(20);
    expect(events).toEqual(['request FLAKY', 'sleep 2000', 'request FLAKY']);
    const outcomes = (await metrics.providerRequests.get()).values.map((v) => [v.labels.outcome, v.value]);
    expect(Object.fromEntries(outcomes)).toEqual({ retry: 1, ok: 1 });
  });

  it('fails with a ProviderError after the configured attempts on a persistent 500', async () => {
    const before = server.requests.length;
    const error = await providerError(provider({ retries: 2 }).yahoo.fetchBars(october2017('BROKEN')));
    expect(error).toMatchObject({ provider: 'yahoo', status: 500, attempts: 3 });
    expect(server.requests.length - before).toBe(3);
  });

  it("explains an unknown symbol with Yahoo's own message and does not retry", async () => {
    const before = server.requests.length;
    const error = await providerError(provider().yahoo.fetchBars(october2017('NOPE')));
    expect(error.message).toBe('yahoo: No data found, symbol may be delisted (symbol NOPE, Not Found)');
    expect(error).toMatchObject({ status: 404, attempts: 1 });
    expect(server.requests.length - before).toBe(1);
  });

  it('serves the second identical request from the cache', async () => {
    const cache = new MemoryCache({ maxEntries: 10, defaultTtlSeconds: 60 });
    const { yahoo } = provider({ cacheTtlSeconds: 300 }, { cache });
    const before = server.requests.length;
    const first = await yahoo.fetchBars(october2017('SPY'));
    const second = await yahoo.fetchBars(october2017('SPY'));
    expect(second).toEqual(first);
    expect(server.requests.length - before).toBe(1);
  });

  it('makes the request beyond the per-minute budget wait for a token', async () => {
    const { yahoo } = provider({ requestsPerMinute: 2 });
    events.length = 0;
    for (const symbol of ['SPY', 'QQQ', 'IWM']) await yahoo.fetchBars(october2017(symbol));
    expect(events).toEqual(['request SPY', 'request QQQ', 'sleep 30000', 'request IWM']);
  });

  it('refuses a timeframe Yahoo does not offer', async () => {
    await expect(provider().yahoo.fetchBars({ ...october2017('SPY'), timeframe: '4h' })).rejects.toThrow(/no 4h bars/);
  });
});
