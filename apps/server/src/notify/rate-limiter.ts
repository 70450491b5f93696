// Per-channel send limits as token buckets: one bucket shared by every send of the channel and one per key
// (a Telegram chat). The dispatcher asks before each send and, when it must wait, reschedules the delivery
// instead of sleeping, so one busy chat never holds up the others.

export interface BucketLimit {
  /** Sends allowed at once after a quiet period. */
  burst: number;
  /** Sustained sends per second. */
  perSecond: number;
}

export interface RateLimits {
  global: BucketLimit;
  perKey: BucketLimit;
}

/**
 * Telegram's documented limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * about 30 messages per second overall and one per second to the same chat. They are approximate; a 429
 * with retry_after remains the final word and the dispatcher honours it.
 */
export const TELEGRAM_RATE_LIMITS: RateLimits = {
  global: { burst: 30, perSecond: 30 },
  perKey: { burst: 1, perSecond: 1 },
};

export interface RateLimiter {
  /**
   * Ms to wait before a send for `key` is allowed. 0 means go: the slot is booked in both buckets. Anything
   * else books nothing; ask again after that long.
   */
  reserve(key: string): number;
}

/** Float drift in refills (0.001 + 0.998 is not 0.999) must not turn a 1 ms wait into 2, or 0 into 1. */
const DRIFT_MS = 1e-6;
/** Full per-key buckets (idle keys) are dropped once there are this many, to bound memory. */
const PRUNE_ABOVE = 10_000;

class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: BucketLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now;
  }

  /** Ms until one token is available (0: now). */
  waitMs(now: number): number {
    this.refill(now);
    const exactMs = ((1 - this.tokens) * 1000) / this.limit.perSecond;
    return exactMs <= DRIFT_MS ? 0 : Math.ceil(exactMs - DRIFT_MS);
  }

  take(): void {
    this.tokens -= 1;
  }

  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.limit.burst;
  }

  private refill(now: number): void {
    // A clock that steps back (wall time) must not drain the bucket.
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed * this.limit.perSecond) / 1000);
    this.updatedAt = Math.max(this.updatedAt, now);
  }
}

export function createRateLimiter(limits: RateLimits, now: () => number = () => performance.now()): RateLimiter {
  const global = new TokenBucket(limits.global, now());
  const perKey = new Map<string, TokenBucket>();

  function pruneIdleKeys(at: number) {
    for (const [key, bucket] of perKey) if (bucket.isFull(at)) perKey.delete(key);
  }

  return {
    reserve(key) {
      const at = now();
      let bucket = perKey.get(key);
      if (!bucket) {
        if (perKey.size >= PRUNE_ABOVE) pruneIdleKeys(at);
        bucket = new TokenBucket(limits.perKey, at);
        perKey.set(key, bucket);
      }
      const wait = Math.max(global.waitMs(at), bucket.waitMs(at));
      if (wait > 0) return wait;
      global.take();
      bucket.take();
      return 0;
    },
  };
}
