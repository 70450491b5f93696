import { RingBuffer } from './ring-buffer';

/**
 * Sum of the last `period` values in O(1) amortised: a running sum (add the new value, subtract the one
 * that left), re-summed exactly from the ring every `period` pushes. The re-sum is what keeps it exact over
 * millions of values: each running update rounds once, and those errors would otherwise add up without
 * bound (a random walk in the last bits); restarting every `period` pushes caps them at `period` roundings,
 * for O(1) extra work per push. `replaceLast` redoes the last push from the state saved before it, so it is
 * bit-identical to having pushed that value in the first place.
 */
export class RollingSum {
  private readonly ring: RingBuffer;
  private pushes = 0;
  /** pushes % period, kept incrementally (an integer division per push costs more than the sum). */
  private phase = 0;
  private total = 0;
  private totalBefore = 0;
  private evicted = Number.NaN;

  constructor(readonly period: number) {
    this.ring = new RingBuffer(period);
  }

  /** Values in the window (up to `period`). */
  get size(): number {
    return this.ring.size;
  }

  get isFull(): boolean {
    return this.ring.size === this.period;
  }

  get sum(): number {
    return this.total;
  }

  push(value: number): void {
    this.pushes += 1;
    this.phase = this.phase + 1 === this.period ? 0 : this.phase + 1;
    this.totalBefore = this.total;
    this.evicted = this.ring.push(value);
    this.total = this.next(value);
  }

  replaceLast(value: number): void {
    this.ring.replaceLast(value);
    this.total = this.next(value);
  }

  private next(value: number): number {
    if (this.phase === 0) return this.ring.sum();
    if (this.pushes <= this.period) return this.totalBefore + value;
    return this.totalBefore - this.evicted + value;
  }
}
