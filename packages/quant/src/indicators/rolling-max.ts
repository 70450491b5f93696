/**
 * Maximum of the last `period` values in O(1) amortised, with an exact undo of the last push for replace.
 * (The minimum is the negated maximum of the negated values: negation is exact in floating point.)
 *
 * A monotonic deque: a value that a newer, larger or equal one follows can never be the maximum again, so
 * it is dropped; the front is the maximum and leaves when it falls out of the window. A push changes the
 * deque in only three ways: the front may advance (at most one value expires per push), the back shrinks
 * (dropped values stay in their slots) and one slot is written. With period + 1 slots the written slot is
 * never a live one after the push, so saving the front, the length and that slot's old content is enough to
 * put the deque back exactly as it was, whatever the push dropped: `replaceLast` = undo + push, O(1) too.
 */
export class RollingMax {
  private readonly slots: number;
  private readonly values: Float64Array;
  /** Stream position of each slot's value (Float64 so positions past 2^31 stay exact). */
  private readonly positions: Float64Array;
  private front = 0;
  private length = 0;
  private pushed = 0;
  private undoFront = 0;
  private undoLength = 0;
  private undoSlot = 0;
  private undoValue = 0;
  private undoPosition = 0;

  constructor(readonly period: number) {
    this.slots = period + 1;
    this.values = new Float64Array(this.slots);
    this.positions = new Float64Array(this.slots);
  }

  /** The maximum of the window; defined once something was pushed. */
  get max(): number {
    return this.values[this.front]!;
  }

  push(value: number): void {
    const position = this.pushed;
    this.pushed += 1;
    this.undoFront = this.front;
    this.undoLength = this.length;
    if (this.length > 0 && this.positions[this.front]! <= position - this.period) {
      this.front = this.wrap(this.front + 1);
      this.length -= 1;
    }
    while (this.length > 0 && this.values[this.wrap(this.front + this.length - 1)]! <= value) this.length -= 1;
    const slot = this.wrap(this.front + this.length);
    this.undoSlot = slot;
    this.undoValue = this.values[slot]!;
    this.undoPosition = this.positions[slot]!;
    this.values[slot] = value;
    this.positions[slot] = position;
    this.length += 1;
  }

  /** A slot index below 2 x slots back into the ring (cheaper than %). */
  private wrap(i: number): number {
    return i >= this.slots ? i - this.slots : i;
  }

  /** Swaps the last pushed value for `value`, as if that had been pushed instead. */
  replaceLast(value: number): void {
    this.pushed -= 1;
    this.values[this.undoSlot] = this.undoValue;
    this.positions[this.undoSlot] = this.undoPosition;
    this.front = this.undoFront;
    this.length = this.undoLength;
    this.push(value);
  }
}
