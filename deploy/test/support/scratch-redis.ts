import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

// A key prefix of its own on the Redis of TEST_REDIS_URL (.ci/run sets it), so a test's server processes
// (MARKETLENS_REDIS__KEY_PREFIX) share the Redis with other tests without touching their keys.

export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;

export interface ScratchRedisPrefix {
  redisUrl: string;
  prefix: string;
  /** Deletes every key under the prefix. */
  clear(): Promise<void>;
}

export function scratchRedisPrefix(tag: string): ScratchRedisPrefix {
  if (!testRedisUrl) throw new Error('a scratch Redis prefix needs TEST_REDIS_URL (Redis; .ci/run sets it)');
  const redisUrl = testRedisUrl;
  const prefix = `marketlens-${tag}-${randomBytes(5).toString('hex')}`;
  return {
    redisUrl,
    prefix,
    clear: async () => {
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      try {
        // SCAN, not KEYS: it does not block a Redis that other tests use meanwhile.
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
