import { Redis } from 'ioredis';
import type { Metrics } from '../observability/metrics';
import type { Cache } from './cache';
import { decodeValue, encodeValue, resolveTtlSeconds } from './cache-value';

export interface RedisCacheOptions {
  url: string;
  defaultTtlSeconds: number;
  /** Prepended to every key (e.g. `marketlens:cache:`), so deployments and test files can share one Redis. */
  keyPrefix?: string;
  /** Upper bound for one command; a slow Redis must not slow a request more than a miss would. */
  commandTimeoutMs?: number;
  metrics?: Pick<Metrics, 'cacheRequests'>;
  /** Redis failures are swallowed (the cache is an optimisation); this is where they can be logged. */
  onError?: (err: Error) => void;
}

/**
 * Redis-backed cache for the distributed mode. Values are JSON text stored with `SET key value EX ttl`.
 * Every failure (unreachable, timeout, corrupt value) turns into a miss and an `error` count: the cache
 * must never break a request. Without an offline queue a command fails at once while Redis is down,
 * instead of piling up in memory and hanging the request.
 */
export class RedisCache implements Cache {
  readonly kind = 'redis';
  private readonly redis: Redis;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: RedisCacheOptions) {
    this.redis = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      keyPrefix: options.keyPrefix ?? '',
    });
    // ioredis emits connection errors as events; without a listener it prints them to stderr.
    this.redis.on('error', (err: Error) => options.onError?.(err));
  }

  async get<T>(key: string): Promise<T | undefined> {
    try {
      await this.connected();
      const text = await this.redis.get(key);
      this.count(text === null ? 'miss' : 'hit');
      return text === null ? undefined : decodeValue<T>(text);
    } catch (err) {
      this.failed(err);
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds?: number): Promise<void> {
    const ttl = resolveTtlSeconds(key, ttlSeconds, this.options.defaultTtlSeconds);
    const text = encodeValue(value);
    try {
      await this.connected();
      // JSON has no undefined: storing it means "nothing cached".
      if (text === undefined) await this.redis.del(key);
      else await this.redis.set(key, text, 'EX', ttl);
    } catch (err) {
      this.failed(err);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.connected();
      await this.redis.del(key);
    } catch (err) {
      this.failed(err);
    }
  }

  async ping(): Promise<void> {
    await this.connected();
    const reply = await this.redis.ping();
    if (reply !== 'PONG') throw new Error(`unexpected Redis PING reply: ${reply}`);
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }

  /**
   * With lazyConnect the first command would otherwise be rejected (no offline queue) before the socket
   * is up. Later, while ioredis reconnects in the background, commands fail fast by design.
   */
  private async connected(): Promise<void> {
    if (this.redis.status === 'wait') {
      this.connecting ??= this.redis.connect().finally(() => {
        this.connecting = undefined;
      });
    }
    if (this.connecting) await this.connecting;
  }

  private failed(err: unknown): void {
    this.count('error');
    this.options.onError?.(err instanceof Error ? err : new Error(String(err)));
  }

  private count(result: 'hit' | 'miss' | 'error'): void {
    this.options.metrics?.cacheRequests.inc({ cache: this.kind, result });
  }
}
