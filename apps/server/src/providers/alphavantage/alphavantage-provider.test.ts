import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '../../../test/test-databases';
import { startLocalTestServer, type LocalTestServer, type Reply } from '../http/local-test-server';
import { RequestBudget } from '../request-budget';
import { AlphaVantageRefusalError, QuotaSpentError } from './alphavantage.error';
import { createAlphaVantageProvider } from './alphavantage-provider';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

// Recorded answers by symbol and function; every answer is HTTP 200, as Alpha Vantage sends its refusals.
function route(url: string): Reply {
  const q = new URL(url, 'http://x').searchParams;
  const [fn, symbol, key] = [q.get('function'), q.get('symbol'), q.get('apikey')];
  const ok = (body: unknown): Reply => ({ status: 200, body });
  if (key !== 'test-key') return ok(fixture('invalid-key-error.json'));
  if (symbol === 'LIMIT') return ok(fixture('limit-information-daily.json'));
  if (symbol === 'NOTE') return ok(fixture('limit-note-per-minute.json'));
  if (symbol === 'NOPE') {
    return ok(fn === 'TIME_SERIES_DAILY' ? fixture('unknown-symbol-daily-error.json') : {});
  }
  if (fn === 'TIME_SERIES_DAILY_ADJUSTED') {
    return ok(symbol === 'CLH' ? fixture('clh-daily-adjusted.json') : fixture('premium-endpoint-information.json'));
  }
  if (fn === 'TIME_SERIES_DAILY') return ok(fixture('gff-daily.json'));
  if (fn === 'OVERVIEW') return ok(fixture('gff-overview.json'));
  if (fn === 'EARNINGS') return ok(fixture('gff-earnings.json'));
  return ok({ 'Error Message': 'Invalid API call.' });
}

let server: LocalTestServer;
let database: MigratedTestDatabase;
beforeAll(async () => {
  server = await startLocalTestServer((req) => route(req.url ?? ''));
  database = await openMigratedTestDatabase('pglite');
});
afterAll(async () => {
  await server.close();
  await database.cleanup();
});

// The rate limiter's waits move this clock instead of passing real time.
let now = Date.UTC(2017, 10, 13, 22);
function provider(options: { adjusted?: boolean; apiKey?: string; budget?: RequestBudget } = {}) {
  const config = {
    apiKey: options.apiKey ?? 'test-key',
    baseUrl: server.url,
    dailyQuota: 25,
    perMinute: 600,
    timeZone: 'UTC',
    adjusted: options.adjusted ?? false,
  };
  return createAlphaVantageProvider(config, {
    ...(options.budget ? { budget: options.budget } : {}),
    clock: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
}
const budget = (name: string, dailyQuota = 25) =>
  new RequestBudget(database.db.orm, { provider: name, dailyQuota, clock: () => now });

async function refusal(promise: Promise<unknown>): Promise<AlphaVantageRefusalError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AlphaVantageRefusalError);
  return error as AlphaVantageRefusalError;
}

describe('AlphaVantageProvider', () => {
  it('says which datasets it serves', () => {
    expect(provider().datasets).toEqual(['bars', 'fundamentals', 'earnings']);
  });

  it('asks TIME_SERIES_DAILY and parses the series ascending, keyed at 00:00 UTC of each trading date', async () => {
    const before = server.requests.length;
    const bars = await provider().fetchDaily('GFF');
    expect(server.requests[before]).toBe(
      '/query?function=TIME_SERIES_DAILY&outputsize=compact&symbol=GFF&apikey=test-key',
    );
    // The last 15 sessions of ../shared/data/stocks/GFF.csv (see fixtures/README.md).
    expect(bars).toHaveLength(15);
    expect(bars![0]!.ts).toBe(Date.UTC(2017, 9, 23));
    expect(bars!.at(-1)).toEqual({
      ts: Date.UTC(2017, 10, 10),
      open: 21,
      high: 21.2,
      low: 20.6,
      close: 20.75,
      volume: 55271,
    });
  });

  it('reads the adjusted series and scales the bar by adjusted close / close', async () => {
    const bars = await provider({ adjusted: true }).fetchDaily('CLH');
    expect(bars!.at(-1)).toEqual({
      ts: Date.UTC(2017, 10, 10),
      open: 53.69,
      high: 54.09,
      low: 53.4282,
      close: 53.6,
      volume: 123340,
    });
  });

  it('falls back to TIME_SERIES_DAILY when the adjusted series is a premium endpoint, and says so', async () => {
    const av = provider({ adjusted: true });
    const before = server.requests.length;
    expect(await av.fetchDaily('GFF')).toHaveLength(15);
    expect(server.requests.slice(before).map((u) => new URL(u, 'http://x').searchParams.get('function'))).toEqual([
      'TIME_SERIES_DAILY_ADJUSTED',
      'TIME_SERIES_DAILY',
    ]);
    expect(av.notices).toEqual(['the adjusted daily series needs a premium key: using TIME_SERIES_DAILY']);
    await av.fetchDaily('GFF');
    expect(server.requests.length - before, 'the premium answer is not asked again').toBe(3);
  });

  it('filters fetchBars to the requested range and refuses intraday timeframes', async () => {
    const bars = await provider().fetchBars({
      symbol: 'GFF',
      timeframe: '1d',
      from: Date.UTC(2017, 10, 6),
      to: Date.UTC(2017, 10, 9),
    });
    expect(bars.map((b) => new Date(b.ts).toISOString().slice(0, 10))).toEqual([
      '2017-11-06',
      '2017-11-07',
      '2017-11-08',
    ]);
    await expect(provider().fetchBars({ symbol: 'GFF', timeframe: '1h', from: 0, to: now })).rejects.toThrow(
      /no 1h bars/,
    );
  });

  it('normalises OVERVIEW into numbers and fractions named as the screen fields, with null for "None"', async () => {
    const overview = await provider().fetchOverview('GFF');
    // Gross margin from GrossProfitTTM / RevenueTTM = 517,700,000 / 1,935,400,000.
    expect(overview!.grossMargin).toBeCloseTo(517_700_000 / 1_935_400_000, 15);
    expect(overview).toMatchObject({
      name: 'Griffon Corporation',
      sector: 'INDUSTRIALS',
      marketCap: 1_019_000_000,
      peRatio: 26.94,
      psRatio: 0.526,
      sharesFloat: 41_300_000,
      profitMargin: 0.0189,
      revenueGrowthYoY: 0.087,
      earningsGrowthYoY: 0.214,
      latestQuarter: '2017-09-30',
    });
  });

  it('turns EARNINGS into quarter-on-quarter and year-on-year EPS growth, skipping the unreported quarter', async () => {
    const earnings = await provider().fetchEarnings('GFF');
    // 2017-09-30: 0.35; previous quarter 0.25 (+40%); a year before (2016-09-30) 0.28 (+25%).
    expect(earnings).toMatchObject({ lastQuarterEps: 0.35, lastQuarterEnd: '2017-09-30' });
    expect(earnings!.epsGrowthQoQ).toBeCloseTo(0.4, 10);
    expect(earnings!.epsGrowthYoY).toBeCloseTo(0.25, 10);
  });

  it('answers null for a symbol Alpha Vantage does not know', async () => {
    const av = provider();
    expect(await av.fetchDaily('NOPE')).toBeNull();
    expect(await av.fetchOverview('NOPE')).toBeNull();
    expect(await av.fetchEarnings('NOPE')).toBeNull();
  });

  it('recognises an invalid key', async () => {
    const error = await refusal(provider({ apiKey: 'wrong' }).fetchOverview('GFF'));
    expect(error.kind).toBe('invalid-key');
    expect(error.answer).toMatch(/apikey is invalid or missing/);
  });

  for (const [symbol, words] of [
    ['LIMIT', /25 requests per day/],
    ['NOTE', /5 calls per minute/],
  ] as const) {
    it(`stops the day at the ${symbol === 'LIMIT' ? 'Information' : 'Note'} limit answer without retrying`, async () => {
      const b = budget(`av-${symbol}`);
      const av = provider({ budget: b });
      const before = server.requests.length;
      const error = await refusal(av.fetchDaily(symbol));
      expect(error.kind).toBe('limit');
      expect(server.requests.length - before, 'one request, no retry').toBe(1);
      expect((await b.status()).exhaustedReason).toMatch(words);
      await expect(av.fetchDaily('GFF'), 'nothing more is sent today').rejects.toBeInstanceOf(QuotaSpentError);
      expect(server.requests.length - before).toBe(1);
    });
  }

  it('sends nothing once the budget is spent', async () => {
    const b = budget('av-count', 2);
    const av = provider({ budget: b });
    const before = server.requests.length;
    await av.fetchOverview('GFF');
    await av.fetchEarnings('GFF');
    await expect(av.fetchDaily('GFF')).rejects.toThrow(/daily quota of 2 requests used on 2017-11-13/);
    expect(server.requests.length - before).toBe(2);
  });
});
