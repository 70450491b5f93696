import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { startLocalTestServer, type LocalTestServer } from '../../providers/http/local-test-server';
import { createYahooProvider } from '../../providers/yahoo/yahoo-provider';
import type { JobContext } from '../../jobs/job-queue';
import { listRuns } from '../../jobs/job-runs.store';
import { ingestPricesJob } from './ingest-prices.job';
import { getBars } from './instruments.service';

// The recorded Yahoo chart response (real SPY bars of October 2017, see providers/yahoo/fixtures/README.md).
const spyDaily: unknown = JSON.parse(
  readFileSync(new URL('../../providers/yahoo/fixtures/spy-daily-2017-10.json', import.meta.url), 'utf8'),
);

const jobContext = (): JobContext => ({
  runId: 'test',
  attempt: 1,
  signal: new AbortController().signal,
  log: () => undefined,
});

describe('ingest.prices through the Yahoo adapter (recorded responses on loopback)', () => {
  let yahoo: LocalTestServer;
  let testApp: TestApp;

  beforeAll(async () => {
    yahoo = await startLocalTestServer(() => ({ status: 200, body: spyDaily }));
    testApp = await createTestApp({
      config: {
        providers: { yahoo: { baseUrl: yahoo.url, cacheTtlSeconds: 0, retries: 0 } },
        ingest: { symbols: [{ symbol: 'SPY', provider: 'yahoo', timeframe: '1d' }] },
      },
    });
  });
  afterAll(async () => {
    await testApp?.close();
    await yahoo?.close();
  });

  const runAt = (now: number) => {
    const provider = createYahooProvider(testApp.ctx.config.providers.yahoo, { metrics: testApp.ctx.metrics });
    return ingestPricesJob(testApp.ctx, { yahoo: provider }, () => now).handler({}, jobContext());
  };

  it('stores the fetched bars, then changes nothing when run again', async () => {
    const first = await runAt(Date.UTC(2017, 9, 31));
    expect(first.symbols).toEqual([{ symbol: 'SPY', timeframe: '1d', fetched: 20, inserted: 20, updated: 0 }]);
    const stored = await getBars(testApp.ctx, 'SPY', { timeframe: '1d', limit: 100 });
    expect(stored.bars[0]).toMatchObject({ ts: '2017-10-02T00:00:00.000Z' });
    expect(stored.bars).toHaveLength(20);

    const second = await runAt(Date.UTC(2017, 9, 31));
    expect(second.symbols[0]).toMatchObject({ inserted: 0, updated: 0 });
    // The second run asks only from the last stored bar on.
    const lastRequest = new URL(yahoo.requests.at(-1) ?? '', yahoo.url);
    expect(Number(lastRequest.searchParams.get('period1')) * 1000).toBe(Date.parse('2017-10-27T00:00:00Z'));
    const metrics = await testApp.ctx.metrics.registry.getSingleMetricAsString('marketlens_bars_ingested_total');
    expect(metrics).toMatch(/source="yahoo",result="inserted"} 20/);
  });

  it('is registered as a job an admin can run, and its run is recorded', async () => {
    const admin = await createFixtureUser(testApp.ctx, 'admin');
    await testApp.ctx.jobs.start(); // the worker role's part; test apps only enqueue by default
    const res = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/jobs/ingest.prices/run',
      headers: admin.authorization,
    });
    expect(res.statusCode).toBe(202);
    let runs = await listRuns(testApp.ctx.db, { name: 'ingest.prices', limit: 5 });
    for (let i = 0; i < 100 && runs[0]?.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      runs = await listRuns(testApp.ctx.db, { name: 'ingest.prices', limit: 5 });
    }
    expect(runs[0]?.status, runs[0]?.error ?? '').toBe('succeeded');
    const unknown = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/jobs/nothing.here/run',
      headers: admin.authorization,
    });
    expect(unknown.statusCode).toBe(404);
    const history = await testApp.app.inject({
      url: '/api/v1/jobs/runs?name=ingest.prices',
      headers: admin.authorization,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json().runs[0]).toMatchObject({ name: 'ingest.prices', status: 'succeeded' });
  });
});
