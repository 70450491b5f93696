/**
 * Fixed-capacity ring buffer of the last N values, preallocated so the streaming features allocate
 * nothing per bar. `replaceLast` supports a still-forming bar.
 */
export class RollingWindow {
  private readonly values: Float64Array;
  private head = 0; // slot of the next push
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`window length must be a positive integer, got ${capacity}`);
    }
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count === this.capacity;
  }

  push(value: number): void {
    this.values[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.count < this.capacity) this.count += 1;
  }

  replaceLast(value: number): void {
    if (this.count === 0) throw new RangeError('replaceLast on an empty window');
    this.values[(this.head - 1 + this.capacity) % this.capacity] = value;
  }

  /** Mean of the values, summed oldest first (numpy's order for a window this small). */
  mean(): number {
    // Oldest first is the slots from the oldest to the end of the ring, then from its start: two plain
    // loops, no `%` per value (an integer division per value was most of a regime tracker step).
    const { values, capacity, count } = this;
    const start = this.head - count < 0 ? this.head - count + capacity : this.head - count;
    const wrap = Math.min(start + count, capacity);
    let sum = 0;
    for (let i = start; i < wrap; i++) sum += values[i]!;
    for (let i = 0, rest = count - (wrap - start); i < rest; i++) sum += values[i]!;
    return sum / count;
  }

  /**
   * Sample standard deviation (ddof 1), two-pass (mean first, then squared deviations): exact to the
   * last bits like numpy's `std(ddof=1)`, where a running sum of squares would cancel catastrophically.
   */
  sampleSd(mean = this.mean()): number {
    const { values, capacity, count } = this;
    if (count < 2) return Number.NaN;
    const start = this.head - count < 0 ? this.head - count + capacity : this.head - count;
    const wrap = Math.min(start + count, capacity);
    let ss = 0;
    for (let i = start; i < wrap; i++) {
      const d = values[i]! - mean;
      ss += d * d;
    }
    for (let i = 0, rest = count - (wrap - start); i < rest; i++) {
      const d = values[i]! - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / (count - 1));
  }
}
