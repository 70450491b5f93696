import type { Sleep } from '../http/token-bucket';

/**
 * Spaces requests to one host at least `minIntervalMs` apart, whoever asks: a scraper is a guest on a site
 * that never agreed to an API, so it keeps to a pace no operator would mind.
 */
export class PoliteGate {
  private readonly next = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly minIntervalMs: number,
    private readonly clock: () => number,
    private readonly sleep: Sleep,
  ) {}

  /** Resolves when a request to `host` may go, and books the slot. Callers are served in arrival order. */
  wait(host: string, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = (this.next.get(host) ?? 0) - this.clock();
      if (wait > 0) await this.sleep(wait, signal);
      this.next.set(host, this.clock() + this.minIntervalMs);
    });
    this.queue = turn.catch(() => undefined); // an aborted waiter must not block the ones behind it
    return turn;
  }

  /** When the next request to `host` may go (epoch ms), or null before the first. */
  nextAllowedAt(host: string): number | null {
    return this.next.get(host) ?? null;
  }
}
