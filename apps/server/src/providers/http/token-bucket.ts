export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Token-bucket rate limiter: `capacity` requests may go at once, then one token comes back every
 * 60 000 / requestsPerMinute ms. Callers wait their turn in arrival order; nothing is dropped.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  private readonly perMs: number;

  constructor(
    requestsPerMinute: number,
    private readonly capacity: number,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {
    if (!(requestsPerMinute > 0) || !(capacity >= 1))
      throw new RangeError('rate limit needs requestsPerMinute > 0 and capacity >= 1');
    this.perMs = requestsPerMinute / 60_000;
    this.tokens = capacity;
    this.last = now();
  }

  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.acquire(signal));
    this.queue = turn.catch(() => undefined); // an aborted waiter must not block the ones behind it
    return turn;
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil((1 - this.tokens) / this.perMs), signal);
    }
  }
}
