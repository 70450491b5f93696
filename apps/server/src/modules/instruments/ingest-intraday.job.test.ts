import type { OhlcvBar } from '@marketlens/quant';
import { afterAll, expect, it } from 'vitest';
import { describeEachApp } from '../../../test/describe-each-app';
import type { JobContext } from '../../jobs/job-queue';
import { FIRST_KLINE_TS, startBinanceRecordedServer } from '../../providers/exchange/binance-recorded-server';
import { exchangeProviders } from '../../providers/exchange/create-exchange-provider';
import { ingestIntradayJob } from './ingest-intraday.job';
import { loadBarSeries } from './instruments.service';

const MIN = 60_000;
const at = (minute: number, seconds = 0) => FIRST_KLINE_TS + minute * MIN + seconds * 1000;
let now = at(120, 30);
// Binance's recorded BTCUSDT minutes of 2023-03-10 00:00-05:59 on loopback; `now` decides what has closed.
const exchange = await startBinanceRecordedServer(() => now);
afterAll(() => exchange.close());

const jobContext = (): JobContext => ({
  runId: 'test',
  attempt: 1,
  signal: new AbortController().signal,
  log: () => undefined,
});

describeEachApp(
  'ingest.intraday through ccxt (recorded Binance responses)',
  (getApp) => {
    const closed: { symbol: string; bars: readonly OhlcvBar[] }[] = [];
    const ingested: { symbol: string; firstTs: number; lastTs: number }[] = [];
    const run = (payload = {}) => {
      const { ctx } = getApp();
      if (closed.length === 0 && ingested.length === 0 && ctx.events.listenerCount('bars.closed') === 0) {
        ctx.events.on('bars.closed', (e) => void closed.push({ symbol: e.symbol, bars: e.bars }));
        ctx.events.on('bars.ingested', (e) => void ingested.push(e));
      }
      const providers = exchangeProviders(ctx.config.providers.exchange, { sleep: async () => undefined });
      return ingestIntradayJob(ctx, providers, () => now).handler(payload, jobContext());
    };
    const minutesOf = (bars: readonly OhlcvBar[]) => bars.map((b) => (b.ts - FIRST_KLINE_TS) / MIN);

    it('fetches from the configured start to the last closed candle; a gap the exchange lacks stays reported', async () => {
      exchange.hidden.splice(0, exchange.hidden.length, { from: at(30), to: at(40) }); // an outage: 10 minutes lost
      now = at(120, 30);
      const result = await run();
      expect(result.series).toEqual([
        {
          symbol: 'BTCUSDT',
          exchange: 'binance',
          market: 'BTC/USDT',
          timeframe: '1m',
          from: '2023-03-10T00:00:00.000Z',
          fetched: 110,
          inserted: 110,
          updated: 0,
          gaps: {
            found: 1,
            filled: 0,
            missingBars: 10,
            backfilledBars: 0,
            unfilled: [{ from: '2023-03-10T00:30:00.000Z', to: '2023-03-10T00:40:00.000Z' }],
          },
        },
        expect.objectContaining({ symbol: 'BTCNOFILL', inserted: 110, gaps: null }),
      ]);
      const stored = await loadBarSeries(getApp().ctx, 'BTCUSDT', '1m');
      expect(stored).toHaveLength(110);
      expect(stored.at(-1)?.ts, 'the forming 02:00 candle is not stored').toBe(at(119));
      const announced = closed.filter((e) => e.symbol === 'BTCUSDT').flatMap((e) => minutesOf(e.bars));
      expect(announced).toEqual(minutesOf(stored));
    });

    it('backfills the gap once the exchange has it, and continues from the last stored bar', async () => {
      exchange.hidden.length = 0;
      closed.length = 0;
      now = at(180, 5);
      const before = exchange.requests.length;
      const result = await run({ symbols: ['btcusdt'] });
      expect(result.series).toHaveLength(1);
      expect(result.series[0]).toMatchObject({
        from: '2023-03-10T02:00:00.000Z',
        fetched: 70,
        inserted: 70,
        gaps: { found: 1, filled: 1, missingBars: 10, backfilledBars: 10, unfilled: [] },
      });
      const klines = exchange.requests
        .slice(before)
        .filter((r) => r.startsWith('/api/v3/klines'))
        .map((r) => new URL(r, 'http://x').searchParams);
      expect(klines.map((q) => [(Number(q.get('startTime')) - FIRST_KLINE_TS) / MIN, q.get('limit')])).toEqual([
        [120, '60'],
        [30, '10'],
      ]);
      const stored = await loadBarSeries(getApp().ctx, 'BTCUSDT', '1m');
      expect(minutesOf(stored)).toEqual(Array.from({ length: 180 }, (_, i) => i));
      expect(
        closed.flatMap((e) => minutesOf(e.bars)),
        'new bars, then the backfilled ones',
      ).toEqual([...Array.from({ length: 60 }, (_, i) => 120 + i), ...Array.from({ length: 10 }, (_, i) => 30 + i)]);
      expect(ingested.at(-1)).toMatchObject({ symbol: 'BTCUSDT', firstTs: at(30), lastTs: at(179) });
    });

    it('is a registered job with a schedule entry in the defaults', () => {
      expect(getApp().ctx.jobs.has('ingest.intraday')).toBe(true);
      expect(getApp().ctx.config.jobs.schedules['ingest.intraday']).toEqual({ cron: '*/5 * * * *', enabled: false });
    });

    it('changes nothing and asks for nothing when run again before the next candle closes', async () => {
      const before = exchange.requests.length;
      closed.length = 0;
      const result = await run({ symbols: ['BTCUSDT'] });
      expect(result.series[0]).toMatchObject({ fetched: 0, inserted: 0, updated: 0, gaps: { found: 0 } });
      expect(exchange.requests.slice(before).filter((r) => r.startsWith('/api/v3/klines'))).toEqual([]);
      expect(closed).toEqual([]);
    });

    it('fails the run naming an entry the exchange refuses, after running the other entries', async () => {
      const { ctx } = getApp();
      const bad = { ...ctx.config.ingest.intradaySymbols[0]!, symbol: 'NOPE', market: 'NOPE/USDT' };
      ctx.config.ingest.intradaySymbols.unshift(bad);
      now = at(181, 5);
      try {
        await expect(run()).rejects.toThrow(
          /ingest\.intraday failed for NOPE: .*does not have market symbol NOPE\/USDT/,
        );
      } finally {
        ctx.config.ingest.intradaySymbols.shift();
      }
      const stored = await loadBarSeries(ctx, 'BTCUSDT', '1m');
      expect(stored.at(-1)?.ts, 'the entry after the refused one still ran').toBe(at(180));
    });
  },
  {
    providers: { exchange: { baseUrl: exchange.url, retries: 1 } },
    ingest: {
      intradaySymbols: [
        { symbol: 'BTCUSDT', market: 'BTC/USDT', timeframe: '1m', start: '2023-03-10T00:00:00Z', fillGaps: true },
        { symbol: 'BTCNOFILL', market: 'BTC/USDT', timeframe: '1m', start: '2023-03-10T00:00:00Z' },
      ],
    },
  },
);
