import { describe, expect, it } from 'vitest';
import { createCache } from './create-cache';

const cacheConfig = { maxEntries: 10, defaultTtlSeconds: 60 };

describe('createCache', () => {
  it('picks the in-process cache when no Redis URL is configured', async () => {
    const cache = createCache({ cache: cacheConfig, redis: { url: '' } });
    expect(cache.kind).toBe('memory');
    await cache.close();
  });

  it('picks Redis when a Redis URL is configured, without connecting yet', async () => {
    const cache = createCache({ cache: cacheConfig, redis: { url: 'redis://127.0.0.1:1' } });
    expect(cache.kind).toBe('redis');
    await cache.close();
  });
});
