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
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  replaceLast(value: number): void {
    if (this.count === 0) throw new RangeError('replaceLast on an empty window');
    this.values[(this.head - 1 + this.capacity) % this.capacity] = value;
  }

  /** Mean of the values, summed oldest first (numpy's order for a window this small). */
  mean(): number {
    let sum = 0;
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) sum += this.values[(start + i) % this.capacity]!;
    return sum / this.count;
  }

  /**
   * Sample standard deviation (ddof 1), two-pass (mean first, then squared deviations): exact to the
   * last bits like numpy's `std(ddof=1)`, where a running sum of squares would cancel catastrophically.
   */
  sampleSd(mean = this.mean()): number {
    if (this.count < 2) return Number.NaN;
    let ss = 0;
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const d = this.values[(start + i) % this.capacity]! - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / (this.count - 1));
  }
}
