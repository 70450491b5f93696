import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../observability/metrics';
import { counterValue, describeCacheContract } from './cache.contract';
import { MemoryCache } from './memory-cache';

const metrics = createMetrics(new Registry());

describeCacheContract(
  'memory',
  ({ prefix, metrics }) => new MemoryCache({ maxEntries: 100, defaultTtlSeconds: 60, keyPrefix: prefix, metrics }),
  metrics,
);

describe('MemoryCache', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new MemoryCache({ maxEntries: 2, defaultTtlSeconds: 60, metrics });
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.get('a'); // a is now more recent than b
    await cache.set('c', 3);
    expect(await cache.get('b'), 'b was least recently used').toBeUndefined();
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('c')).toBe(3);
  });

  it('never counts an error', async () => {
    expect(await counterValue(metrics.cacheRequests, { cache: 'memory', result: 'error' })).toBe(0);
  });
});
