import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { OhlcvBar } from '@marketlens/quant';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import type { JobContext } from '../../jobs/job-queue';
import { startLocalTestServer, type LocalTestServer } from '../../providers/http/local-test-server';
import { createYahooProvider } from '../../providers/yahoo/yahoo-provider';
import { CLOSED_BARS_PER_EVENT } from './bar-events';
import { loadDemoData } from './demo-data.service';
import { importBarsCsv } from './import.service';
import { ingestPricesJob } from './ingest-prices.job';

// Every path that stores new bars announces the closed ones on `bars.closed` (the live signal path's input).

const MIN = 60_000;
const T0 = Date.parse('2023-03-10T00:00:00Z');
const spyDaily: unknown = JSON.parse(
  readFileSync(new URL('../../providers/yahoo/fixtures/spy-daily-2017-10.json', import.meta.url), 'utf8'),
);
const jobContext = (): JobContext => ({
  runId: 'test',
  attempt: 1,
  signal: new AbortController().signal,
  log: () => undefined,
});

function minuteCsv(count: number, extra: string[] = []): string {
  const rows = Array.from(
    { length: count },
    (_, i) => `${T0 + i * MIN},${100 + i},${101 + i},${99 + i},${100.5 + i},1`,
  );
  return ['open_time,open,high,low,close,volume', ...rows, ...extra].join('\n');
}
const importCsv = (ctx: TestApp['ctx'], symbol: string, text: string) =>
  importBarsCsv(ctx, {
    symbol,
    timeframe: '1m',
    timezone: 'UTC',
    input: Readable.from([Buffer.from(text)]),
    filename: `${symbol}.csv`,
  });

describe('bars.closed from the write paths', () => {
  let testApp: TestApp;
  let yahoo: LocalTestServer;
  const events: { symbol: string; timeframe: string; bars: readonly OhlcvBar[] }[] = [];

  beforeAll(async () => {
    yahoo = await startLocalTestServer(() => ({ status: 200, body: spyDaily }));
    testApp = await createTestApp({
      config: {
        providers: { yahoo: { baseUrl: yahoo.url, cacheTtlSeconds: 0, retries: 0 } },
        ingest: { symbols: [{ symbol: 'SPY', provider: 'yahoo', timeframe: '1d' }] },
      },
    });
    testApp.ctx.events.on('bars.closed', (e) => void events.push(e));
  });
  afterAll(async () => {
    await testApp?.close();
    await yahoo?.close();
  });
  beforeEach(() => {
    events.length = 0;
  });

  it('announces an imported CSV in ascending pieces of at most 5,000 bars, leaving out a bar still forming', async () => {
    const forming = `${Date.now() - (Date.now() % MIN)},1,1,1,1,1`; // this minute has not ended yet
    const summary = await importCsv(testApp.ctx, 'CSVMIN', minuteCsv(6_000, [forming]));
    expect(summary.inserted).toBe(6_001);
    expect(events.map((e) => [e.symbol, e.timeframe, e.bars.length])).toEqual([
      ['CSVMIN', '1m', CLOSED_BARS_PER_EVENT],
      ['CSVMIN', '1m', 1_000],
    ]);
    const ts = events.flatMap((e) => e.bars.map((b) => b.ts));
    expect(ts).toEqual(Array.from({ length: 6_000 }, (_, i) => T0 + i * MIN));
    expect(events[0]?.bars[1]).toEqual({ ts: T0 + MIN, open: 101, high: 102, low: 100, close: 101.5, volume: 1 });
  });

  it('announces nothing when a re-import changes nothing', async () => {
    await importCsv(testApp.ctx, 'CSVSMALL', minuteCsv(10));
    expect(events).toHaveLength(1);
    await importCsv(testApp.ctx, 'CSVSMALL', minuteCsv(10));
    expect(events).toHaveLength(1);
  });

  it('announces the bars ingest.prices stored except the provider bar whose day has not ended', async () => {
    const provider = createYahooProvider(testApp.ctx.config.providers.yahoo, { metrics: testApp.ctx.metrics });
    // Noon on 2017-10-27: the day's bar is fetched and stored, but it is still forming.
    await ingestPricesJob(testApp.ctx, { yahoo: provider }, () => Date.parse('2017-10-27T12:00:00Z')).handler(
      {},
      jobContext(),
    );
    expect(events).toHaveLength(1);
    const days = events[0]?.bars.map((b) => new Date(b.ts).toISOString().slice(0, 10)) ?? [];
    expect(days).toHaveLength(19);
    expect(days.at(0)).toBe('2017-10-02');
    expect(days.at(-1)).toBe('2017-10-26');
  });

  it('announces the synthetic demo instruments when they are loaded', async () => {
    await loadDemoData(testApp.ctx);
    const symbols = [...new Set(events.map((e) => e.symbol))];
    expect(symbols.length, 'one series per demo instrument').toBeGreaterThan(1);
    expect(events.every((e) => e.bars.length > 0 && e.bars.length <= CLOSED_BARS_PER_EVENT)).toBe(true);
  });
});
