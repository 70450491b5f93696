import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDatabase, testDatabaseUrl, type PgTestDatabase } from '../../../../test/test-databases';
import type { AppContext } from '../../../context';
import type { LocalTestServer } from '../../../providers/http/local-test-server';
import { budgetDay } from '../../../providers/request-budget';
import { createYahooProvider } from '../../../providers/yahoo/yahoo-provider';
import { createLogger } from '../../../observability/logger';
import { closePlatform, createPlatform } from '../../../platform';
import { quotaStatus, refreshQuotaGauges } from './quota.service';
import { screenerPricesJob, type ScreenerPricesSummary } from './screener-prices.job';
import {
  jobContext,
  pricesTestConfig,
  seedUniverse,
  startFakeAlphaVantage,
  startFakeYahoo,
  type AvRequest,
  type FakeAlphaVantage,
} from './screener-prices-fixtures';

// The issue's acceptance: at most 25 Alpha Vantage requests per budget day (counted by the server), none
// repeated for fresh data, nothing on a second run the same day, spending again the next day, and a clean stop
// on the limit answer. 45 universe members + a 3-symbol watchlist (one unknown to Alpha Vantage, one also a member).

const DAY = 86_400_000;
const MEMBERS = Array.from({ length: 45 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
const WATCHLIST = ['NOPE', 'W1', 'S40'];

let now = Date.UTC(2017, 10, 13, 20); // Monday 13 Nov 2017, 20:00 UTC: after the US close
const today = () => budgetDay(now, 'UTC');
const sleep = async (ms: number) => {
  now += ms; // the per-minute rate limiter's waits pass on the test's clock
};

const keyOf = (r: AvRequest) => `${r.fn.replace('TIME_SERIES_DAILY', 'DAILY')}/${r.symbol}`;
const duplicates = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);

async function openContext(databaseUrl: string | undefined, av: string, yahoo: string, apiKey?: string) {
  const config = pricesTestConfig({
    databaseUrl,
    avUrl: av,
    yahooUrl: yahoo,
    ...(apiKey !== undefined ? { apiKey } : {}),
  });
  return createPlatform(config, { log: createLogger('silent') });
}

function runPrices(ctx: AppContext): Promise<ScreenerPricesSummary> {
  const yahoo = createYahooProvider(ctx.config.providers.yahoo, { clock: () => now, sleep });
  return screenerPricesJob(ctx, { yahoo, clock: () => now, sleep }).handler(undefined, jobContext());
}

for (const kind of ['pglite', 'postgres'] as const) {
  const skip = kind === 'postgres' && !testDatabaseUrl;
  describe.skipIf(skip)(`screener.prices quota on ${kind}${skip ? ' (skipped: needs TEST_DATABASE_URL)' : ''}`, () => {
    let av: FakeAlphaVantage;
    let yahoo: LocalTestServer;
    let pg: PgTestDatabase | undefined;
    let ctx: AppContext;

    beforeAll(async () => {
      now = Date.UTC(2017, 10, 13, 20);
      av = await startFakeAlphaVantage(today);
      yahoo = await startFakeYahoo();
      pg = kind === 'postgres' ? await createPgTestDatabase() : undefined;
      ctx = await openContext(pg?.url, av.server.url, yahoo.url);
      await seedUniverse(ctx, MEMBERS, WATCHLIST);
    });
    afterAll(async () => {
      await closePlatform(ctx);
      await pg?.drop();
      await av.server.close();
      await yahoo.close();
    });

    it('spends at most 25 requests on day 1, watchlist first, no dataset asked twice, Yahoo for the rest', async () => {
      const day = today();
      const summary = await runPrices(ctx);
      const requests = av.onDay(day);
      expect(requests, 'the quota, counted by the server').toHaveLength(25);
      expect(duplicates(requests.map(keyOf))).toEqual([]);
      // NOPE is unknown (one request, its other datasets not asked), then W1 and S40: 7 requests, then the members.
      expect(requests.slice(0, 7).map((r) => r.symbol)).toEqual(['NOPE', 'S40', 'S40', 'S40', 'W1', 'W1', 'W1']);
      expect(summary).toMatchObject({
        day,
        candidates: 47,
        unknown: 1,
        failed: 0,
        alphavantage: { stoppedBy: 'budget', used: 25, quota: 25, remaining: 0 },
        yahooFallback: 'budget',
      });
      expect(summary.fetched).toEqual({ daily: 8, overview: 8, earnings: 8, yahooDaily: 38 });
      // 47 candidates x 3 datasets - 3 (NOPE) - 24 fetched; the 38 daily series Yahoo delivered are not left.
      expect(summary.leftForTomorrow).toBe(141 - 3 - 24 - 38);
      expect(summary.message).toMatch(
        /prices of 38 symbol\(s\) from Yahoo because Alpha Vantage's daily quota is used/,
      );
      expect(yahoo.requests).toHaveLength(38);
      expect(await quotaStatus(ctx, () => now)).toMatchObject({
        day,
        used: 25,
        remaining: 25 - 25,
        exhaustedReason: null,
      });
    });

    it('exports the quota left and used as gauges read from the database', async () => {
      await refreshQuotaGauges(ctx);
      const remaining = await ctx.metrics.providerQuotaRemaining.get();
      const used = await ctx.metrics.providerQuotaUsed.get();
      // The gauge reads the real clock's day, on which this database has spent nothing.
      expect(remaining.values).toEqual([{ labels: { provider: 'alphavantage' }, value: 25 }]);
      expect(used.values).toEqual([{ labels: { provider: 'alphavantage' }, value: 0 }]);
    });

    it('makes no request at all on a second run the same day', async () => {
      const [avBefore, yahooBefore] = [av.requests.length, yahoo.requests.length];
      const summary = await runPrices(ctx);
      expect(av.requests.length - avBefore).toBe(0);
      expect(yahoo.requests.length - yahooBefore, 'the Yahoo prices are fresh too').toBe(0);
      expect(summary.fetched).toEqual({ daily: 0, overview: 0, earnings: 0, yahooDaily: 0 });
      expect(summary.alphavantage.stoppedBy).toBe('budget');
    });

    it('spends again the next day, without asking the overview or earnings fetched this week', async () => {
      const day1 = av.onDay(today());
      now += DAY;
      const summary = await runPrices(ctx);
      const day2 = av.onDay(today());
      expect(day2).toHaveLength(25);
      expect(duplicates(day2.map(keyOf))).toEqual([]);
      const weekly = new Set(day1.filter((r) => !r.fn.startsWith('TIME_SERIES')).map(keyOf));
      expect(
        day2.filter((r) => weekly.has(keyOf(r))),
        'fundamentals stay fresh for a week',
      ).toEqual([]);
      expect(summary.alphavantage).toMatchObject({ used: 25, remaining: 0 });
      expect(await runPrices(ctx).then(() => av.onDay(today()).length), 'and again nothing more that day').toBe(25);
    });

    for (const [offset, answer, words] of [
      [2, 'limit-information-daily.json', /25 requests per day/],
      [3, 'limit-note-per-minute.json', /5 calls per minute/],
    ] as const) {
      it(`stops at once on the ${answer.includes('note') ? 'Note' : 'Information'} limit answer and records why`, async () => {
        now = Date.UTC(2017, 10, 13, 20) + offset * DAY;
        av.limit = { after: 4, answer };
        try {
          const summary = await runPrices(ctx);
          const requests = av.onDay(today());
          expect(requests, '4 answered, then the limit answer, then nothing').toHaveLength(5);
          expect(summary.alphavantage).toMatchObject({ stoppedBy: 'limit', remaining: 0 });
          expect(summary.alphavantage.stopMessage).toMatch(words);
          expect(summary.yahooFallback).toBe('limit');
          const status = await quotaStatus(ctx, () => now);
          expect(status).toMatchObject({ used: 5, remaining: 0 });
          expect(status.exhaustedReason).toMatch(words);
          await runPrices(ctx);
          expect(av.onDay(today()), 'no further request that day').toHaveLength(5);
        } finally {
          av.limit = null;
        }
      });
    }
  });
}

describe.skipIf(!testDatabaseUrl)('screener.prices with two app contexts on one PostgreSQL database', () => {
  it('stays within 25 requests together and never asks a dataset twice', async () => {
    now = Date.UTC(2017, 10, 13, 20);
    const av = await startFakeAlphaVantage(today);
    const yahoo = await startFakeYahoo();
    const pg = await createPgTestDatabase();
    const first = await openContext(pg.url, av.server.url, yahoo.url);
    const second = await openContext(pg.url, av.server.url, yahoo.url);
    try {
      await seedUniverse(first, MEMBERS, WATCHLIST);
      const summaries = await Promise.all([runPrices(first), runPrices(second)]);
      expect(av.requests.length, 'requests that reached Alpha Vantage').toBeLessThanOrEqual(25);
      expect(duplicates(av.requests.map(keyOf))).toEqual([]);
      expect(duplicates([...yahoo.requests].map((u) => u.split('?')[0]!))).toEqual([]);
      expect(summaries.map((s) => s.alphavantage.stoppedBy)).toEqual(['budget', 'budget']);
      expect((await quotaStatus(first, () => now)).used).toBe(25);
    } finally {
      await closePlatform(first);
      await closePlatform(second);
      await pg.drop();
      await av.server.close();
      await yahoo.close();
    }
  });
});

describe('screener.prices without an Alpha Vantage key', () => {
  it('takes prices from Yahoo, spends nothing and says why', async () => {
    now = Date.UTC(2017, 10, 13, 20);
    const av = await startFakeAlphaVantage(today);
    const yahoo = await startFakeYahoo();
    const ctx = await openContext(undefined, av.server.url, yahoo.url, '');
    try {
      await seedUniverse(ctx, MEMBERS.slice(0, 5), ['W1']);
      const summary = await runPrices(ctx);
      expect(av.requests).toHaveLength(0);
      expect(summary).toMatchObject({ yahooFallback: 'no-api-key', alphavantage: { configured: false, used: 0 } });
      expect(summary.fetched.yahooDaily).toBe(6);
      expect(summary.message).toMatch(/because no Alpha Vantage key is configured/);
      expect(summary.leftForTomorrow, 'overview and earnings wait for a key').toBe(12);
    } finally {
      await closePlatform(ctx);
      await av.server.close();
      await yahoo.close();
    }
  });
});
