import { LRUCache } from 'lru-cache';
import type { Metrics } from '../observability/metrics';
import type { Cache } from './cache';
import { decodeValue, encodeValue, resolveTtlSeconds } from './cache-value';

export interface MemoryCacheOptions {
  maxEntries: number;
  defaultTtlSeconds: number;
  /** Namespaces keys like the Redis prefix does, so tests can share one instance shape. */
  keyPrefix?: string;
  metrics?: Pick<Metrics, 'cacheRequests'>;
}

/**
 * In-process LRU cache for the embedded mode. Values are kept as JSON text and parsed on every read:
 * a caller that mutates what it stored or read cannot change the cached copy, and Dates, Maps or
 * undefined fields come back exactly as they would from Redis, so switching to Redis changes nothing.
 */
export class MemoryCache implements Cache {
  readonly kind = 'memory';
  private readonly lru: LRUCache<string, string>;
  private readonly prefix: string;

  constructor(private readonly options: MemoryCacheOptions) {
    this.prefix = options.keyPrefix ?? '';
    this.lru = new LRUCache<string, string>({ max: options.maxEntries, ttl: options.defaultTtlSeconds * 1000 });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const text = this.lru.get(this.prefix + key);
    this.count(text === undefined ? 'miss' : 'hit');
    return text === undefined ? undefined : decodeValue<T>(text);
  }

  async set(key: string, value: unknown, ttlSeconds?: number): Promise<void> {
    const ttl = resolveTtlSeconds(key, ttlSeconds, this.options.defaultTtlSeconds);
    const text = encodeValue(value);
    // JSON has no undefined: storing it means "nothing cached", as in Redis.
    if (text === undefined) this.lru.delete(this.prefix + key);
    else this.lru.set(this.prefix + key, text, { ttl: ttl * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(this.prefix + key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.lru.clear();
  }

  private count(result: 'hit' | 'miss'): void {
    this.options.metrics?.cacheRequests.inc({ cache: this.kind, result });
  }
}
