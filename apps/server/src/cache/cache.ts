/**
 * Cache interface with two implementations chosen at start-up: in-process LRU (embedded) and Redis.
 * Values are JSON-serialisable. A cache is an optimisation: callers must work when it misses or fails.
 */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Throws when the backend is unreachable; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
