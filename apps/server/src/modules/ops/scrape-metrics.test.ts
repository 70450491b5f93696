import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../cache/redis-cache';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importBarsCsv } from '../instruments/import.service';
import { refreshScrapeMetrics } from './scrape-metrics';

const csv = 'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11,120\n';
async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}
const sample = (text: string, name: string) => new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];

describe('metrics refreshed at scrape (embedded)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { forecasts: { accuracyAlertBelow: 0.55 } } });
  });
  afterAll(() => t?.close());

  it('reports every dependency up and exports the configured accuracy alert threshold', async () => {
    const text = (await t.app.inject({ url: '/metrics' })).body;
    for (const dependency of ['database', 'cache', 'queue']) {
      expect(sample(text, `marketlens_dependency_up\\{dependency="${dependency}"\\}`), dependency).toBe('1');
    }
    expect(sample(text, 'marketlens_forecast_accuracy_alert_threshold')).toBe('0.55');
    // PGlite is one in-process connection: there is no pool to report.
    expect(text).not.toMatch(/^marketlens_db_pool_connections\{/m);
  });

  it('reads the Signals gauges through the signals module: no deployment yet, so no feed to watch', async () => {
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(sample(text, 'marketlens_signal_deployments\\{state="enabled"\\}')).toBe('0');
    expect(sample(text, 'marketlens_signal_deployments\\{state="disabled"\\}')).toBe('0');
    expect(text).not.toMatch(/^marketlens_feed_last_bar_age_seconds\{/m);
  });

  it('reports a dependency that stops answering as down at the next scrape', async () => {
    const unreachable = new RedisCache({ url: 'redis://127.0.0.1:1', defaultTtlSeconds: 60 });
    try {
      await refreshScrapeMetrics({ ...t.ctx, cache: unreachable });
      const text = await t.ctx.metrics.registry.metrics();
      expect(sample(text, 'marketlens_dependency_up\\{dependency="cache"\\}')).toBe('0');
      expect(sample(text, 'marketlens_dependency_up\\{dependency="database"\\}')).toBe('1');
    } finally {
      await unreachable.close();
    }
  });

  it('reads the last successful CSV import from the database, so a restarted process still knows it', async () => {
    const before = Date.now() / 1000;
    expect((await t.app.inject({ url: '/metrics' })).body).not.toMatch(
      /last_success_timestamp_seconds\{source="csv"\}/,
    );
    await importBarsCsv(t.ctx, {
      symbol: 'FRESH',
      timeframe: '1d',
      timezone: 'UTC',
      input: bytes(csv),
      filename: 'fresh.csv',
    });
    // Clearing the gauge stands for a restarted process: nothing in memory, the database remembers.
    t.ctx.metrics.lastIngestTimestamp.reset();
    const text = (await t.app.inject({ url: '/metrics' })).body;
    const at = Number(sample(text, 'marketlens_ingest_last_success_timestamp_seconds\\{source="csv"\\}'));
    expect(at).toBeGreaterThanOrEqual(Math.floor(before) - 1);
    expect(at).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(text).not.toMatch(/last_success_timestamp_seconds\{source="provider"\}/);
  });
});

const distributed = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);
describe.skipIf(!distributed)('metrics refreshed at scrape (PostgreSQL pool)', () => {
  it('exports the pool occupancy by state', async () => {
    const t = await createTestApp({
      database: 'postgres',
      redis: true,
      config: { redis: { keyPrefix: `mlscrape${process.pid}` }, database: { poolMax: 7 } },
    });
    try {
      const text = (await t.app.inject({ url: '/metrics' })).body;
      const total = Number(sample(text, 'marketlens_db_pool_connections\\{state="total"\\}'));
      const idle = Number(sample(text, 'marketlens_db_pool_connections\\{state="idle"\\}'));
      expect(total).toBeGreaterThanOrEqual(1);
      expect(total).toBeLessThanOrEqual(7);
      expect(idle).toBeLessThanOrEqual(total);
      expect(sample(text, 'marketlens_db_pool_connections\\{state="waiting"\\}')).toBe('0');
    } finally {
      await t.close();
    }
  });
});
