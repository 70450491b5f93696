/**
 * A daily bar the screen metrics cannot use: a value that is not finite, a close that is not above 0 (returns
 * and log returns divide by it) or a negative volume. Such a bar is a broken feed, not a market event, so it
 * is rejected loudly rather than turned into a plausible-looking metric. (A high below its low is repaired
 * instead, see daily-columns.ts: real files have them, and one bad print must not hide a symbol for a year.)
 */
export class ScreenInputError extends RangeError {
  override readonly name = 'ScreenInputError';
  constructor(
    /** 0-based index of the bar. */
    readonly index: number,
    readonly field: 'close' | 'high' | 'low' | 'volume',
    readonly value: number,
    readonly problem: string,
  ) {
    super(`bar ${index}: ${field} ${problem}, got ${value}`);
  }
}
