import { InvalidTtlError } from './invalid-ttl.error';

// Shared by both caches so they agree on what a value and a TTL are.

/** Both caches store the JSON text, so a value read back has the same shape from memory as from Redis. */
export function encodeValue(value: unknown): string | undefined {
  return JSON.stringify(value);
}

export function decodeValue<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Redis `SET ... EX` takes whole seconds; the memory cache follows the same rule so code moves between them. */
export function resolveTtlSeconds(key: string, ttlSeconds: number | undefined, defaultTtlSeconds: number): number {
  const ttl = ttlSeconds ?? defaultTtlSeconds;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new InvalidTtlError(key, ttl);
  return ttl;
}
