import type { AppConfig } from '../config/config.schema';
import type { Metrics } from '../observability/metrics';
import type { Cache } from './cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';

export interface CreateCacheOptions {
  /** Redis failures never reach callers (they become misses); this is where they can be logged. */
  onError?: (err: Error) => void;
}

/** Picks the cache once at start-up: Redis when `redis.url` is set, the in-process LRU otherwise. */
export function createCache(
  config: Pick<AppConfig, 'cache' | 'redis'>,
  metrics?: Pick<Metrics, 'cacheRequests'>,
  options: CreateCacheOptions = {},
): Cache {
  const { maxEntries, defaultTtlSeconds } = config.cache;
  if (config.redis.url === '') return new MemoryCache({ maxEntries, defaultTtlSeconds, metrics });
  return new RedisCache({
    url: config.redis.url,
    defaultTtlSeconds,
    keyPrefix: `${config.redis.keyPrefix ?? 'marketlens'}:cache:`,
    metrics,
    onError: options.onError,
  });
}
