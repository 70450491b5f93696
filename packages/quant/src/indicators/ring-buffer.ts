/**
 * The last `capacity` values in a preallocated ring, with the newest slot overwritable (a still-forming
 * bar). `push` returns the value it evicts, which a running sum needs to subtract.
 */
export class RingBuffer {
  private readonly values: Float64Array;
  private head = 0; // slot of the next push
  private filled = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.filled;
  }

  /** Appends `value`; returns the value that left the window, NaN while the ring is filling. */
  push(value: number): number {
    const evicted = this.filled === this.capacity ? this.values[this.head]! : Number.NaN;
    this.values[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.filled < this.capacity) this.filled += 1;
    return evicted;
  }

  replaceLast(value: number): void {
    this.values[this.head === 0 ? this.capacity - 1 : this.head - 1] = value;
  }

  /** The i-th value, oldest first (0 <= i < size). */
  at(i: number): number {
    const slot = this.head - this.filled + i;
    return this.values[slot < 0 ? slot + this.capacity : slot]!;
  }

  /** Sum oldest first: the exact recompute of the running sums. */
  sum(): number {
    let s = 0;
    for (let i = 0; i < this.filled; i++) s += this.at(i);
    return s;
  }
}
