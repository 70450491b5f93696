import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../cache/redis-cache';
import type { AppContext } from '../../context';
import { createMetrics } from '../../observability/metrics';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { trainForecast } from './forecast-training.service';
import { getForecast } from './forecast-serving.service';

// The prediction cache on Redis: a real Redis answers hits; an unreachable one turns every lookup into a
// counted error and the endpoint still answers by computing.

const redisUrl = process.env.TEST_REDIS_URL || undefined;

describe('forecast answers with a Redis cache', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ database: 'pglite' });
    await importRegimeBars(testApp.ctx, 'RC', regimeBars(500, 3), 'crypto');
    const trained = await trainForecast(testApp.ctx, {
      symbol: 'RC',
      timeframe: '1d',
      model: 'ridge',
      horizon: 1,
      interval: 0.9,
      window: 'expanding',
    });
    expect(trained.status).toBe(201);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const withCache = (cache: RedisCache, metrics = createMetrics()): AppContext => ({ ...testApp.ctx, cache, metrics });

  it.skipIf(!redisUrl)(
    `answers from a real Redis on the second call${redisUrl ? '' : ' (skipped: needs TEST_REDIS_URL)'}`,
    async () => {
      const cache = new RedisCache({
        url: redisUrl!,
        defaultTtlSeconds: 60,
        keyPrefix: `forecast-cache-test-${randomBytes(4).toString('hex')}:`,
      });
      try {
        const ctx = withCache(cache);
        const first = await getForecast(ctx, 'RC', 1);
        const second = await getForecast(ctx, 'RC', 1);
        expect(first.cached).toBe(false);
        expect(second).toEqual({ ...first, cached: true });
      } finally {
        await cache.close();
      }
    },
  );

  it('still answers with Redis unreachable: computes, reports the error, counts it', async () => {
    const errors: Error[] = [];
    const metrics = createMetrics();
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const cache = new RedisCache({
      url: 'redis://127.0.0.1:1',
      defaultTtlSeconds: 60,
      metrics,
      onError: (err) => errors.push(err),
    });
    try {
      const ctx = withCache(cache, metrics);
      const first = await getForecast(ctx, 'RC', 1);
      const second = await getForecast(ctx, 'RC', 1);
      expect(first.cached).toBe(false);
      expect(second, 'nothing could be cached, so it is computed again').toEqual(first);
      expect(Number.isFinite(first.forecast.expectedPrice)).toBe(true);
      expect(errors.length, 'the failures reached the error hook (logged in production)').toBeGreaterThan(0);
      const counted = await metrics.cacheRequests.get();
      const errorCount = counted.values.find((v) => v.labels.result === 'error')?.value ?? 0;
      expect(errorCount).toBeGreaterThanOrEqual(2);
    } finally {
      await cache.close();
    }
  });
});
