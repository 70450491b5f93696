import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../observability/metrics';
import { counterValue, describeCacheContract } from './cache.contract';
import { RedisCache } from './redis-cache';

const url = process.env.TEST_REDIS_URL;
// Unique per run so parallel test files and earlier runs never see each other's keys.
const runPrefix = `test:cache:${randomUUID()}:`;

describe.skipIf(!url)('RedisCache (needs TEST_REDIS_URL)', () => {
  const metrics = createMetrics(new Registry());

  afterAll(async () => {
    const admin = new Redis(url!);
    const keys = await admin.keys(`${runPrefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  describeCacheContract(
    'redis',
    ({ prefix, metrics }) =>
      new RedisCache({ url: url!, defaultTtlSeconds: 60, keyPrefix: runPrefix + prefix, metrics }),
    metrics,
  );

  it('stores JSON text with the prefix and an EX expiry', async () => {
    const cache = new RedisCache({ url: url!, defaultTtlSeconds: 60, keyPrefix: `${runPrefix}raw:` });
    const admin = new Redis(url!);
    try {
      await cache.set('doc', { n: 1 }, 120);
      expect(await admin.get(`${runPrefix}raw:doc`)).toBe('{"n":1}');
      const ttl = await admin.ttl(`${runPrefix}raw:doc`);
      expect(ttl, 'EX 120 leaves a TTL of at most 120 s').toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(120);
    } finally {
      await cache.close();
      await admin.quit();
    }
  });

  it('turns a corrupt stored value into a counted error and a miss', async () => {
    const errors: Error[] = [];
    const cache = new RedisCache({
      url: url!,
      defaultTtlSeconds: 60,
      keyPrefix: `${runPrefix}corrupt:`,
      metrics,
      onError: (e) => errors.push(e),
    });
    const admin = new Redis(url!);
    try {
      await admin.set(`${runPrefix}corrupt:k`, '{not json', 'EX', 60);
      const before = await counterValue(metrics.cacheRequests, { cache: 'redis', result: 'error' });
      expect(await cache.get('k')).toBeUndefined();
      expect(await counterValue(metrics.cacheRequests, { cache: 'redis', result: 'error' })).toBe(before + 1);
      expect(errors).toHaveLength(1);
    } finally {
      await cache.close();
      await admin.quit();
    }
  });
});

describe('RedisCache with Redis unreachable', () => {
  // Port 1 on loopback refuses connections: the cache must degrade to misses instead of hanging or throwing.
  const metrics = createMetrics(new Registry());
  const cache = new RedisCache({ url: 'redis://127.0.0.1:1', defaultTtlSeconds: 60, metrics });
  afterAll(() => cache.close());

  it('misses on get and counts an error', async () => {
    expect(await cache.get('anything')).toBeUndefined();
    expect(await cache.get('anything-else')).toBeUndefined();
    expect(await counterValue(metrics.cacheRequests, { cache: 'redis', result: 'error' })).toBe(2);
    expect(await counterValue(metrics.cacheRequests, { cache: 'redis', result: 'miss' })).toBe(0);
  });

  it('swallows set and delete failures but counts them', async () => {
    const before = await counterValue(metrics.cacheRequests, { cache: 'redis', result: 'error' });
    await expect(cache.set('k', 1)).resolves.toBeUndefined();
    await expect(cache.delete('k')).resolves.toBeUndefined();
    expect(await counterValue(metrics.cacheRequests, { cache: 'redis', result: 'error' })).toBe(before + 2);
  });

  it('throws on ping so /readyz reports the cache as down', async () => {
    await expect(cache.ping()).rejects.toThrow();
  });
});
