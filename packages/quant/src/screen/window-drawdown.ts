import { assertPeriod, batchOutput } from '../indicators/indicator';

// Largest peak-to-trough fall within a window of closes, as a positive fraction: max over i <= j in the window
// of 1 - close[j] / close[i] (0 when the closes never fall).
//
// Why the two forms give the same bits: drop(peak, value) = 1 - value / peak, rounded, never decreases as the
// peak rises or the value falls (division and subtraction round monotonically). Any method that returns the
// drop of some pair and is at least every pair's drop therefore returns the same floating-point number: the
// largest of the pairs' rounded drops. The direct loop (each value against the running peak) and the blocked
// one below (each pair crossing a block boundary through the left part's peak and the right part's trough)
// are both such methods.

const drop = (peak: number, value: number): number => 1 - value / peak;

/** The largest fall within close[from..end] (inclusive), by the definition: each close against the running peak. */
export function windowMaxDrawdown(close: Float64Array, from: number, end: number): number {
  let peak = close[from]!;
  let worst = 0;
  for (let i = from; i <= end; i++) {
    const c = close[i]!;
    if (c > peak) peak = c;
    const d = drop(peak, c);
    if (d > worst) worst = d;
  }
  return worst;
}

/**
 * windowMaxDrawdown over the last `window` closes for every end (NaN for the first window - 1), in O(n): the
 * van Herk / Gil-Werman scheme for sliding-window aggregates. The series is cut into blocks of `window`; each
 * close gets the aggregate (trough, largest drop) from its block's start and (peak, largest drop) to its
 * block's end. A window either is one block or is a block's tail followed by the next block's head, whose
 * largest drop is the larger of the two parts' and the fall from the tail's peak to the head's trough.
 */
export function rollingMaxDrawdown(close: Float64Array, window: number, out?: Float64Array): Float64Array {
  assertPeriod('rollingMaxDrawdown', window);
  const n = close.length;
  const result = batchOutput(n, window - 1, out);
  if (n < window) return result;
  const headTrough = new Float64Array(n);
  const headDrop = new Float64Array(n);
  const tailPeak = new Float64Array(n);
  const tailDrop = new Float64Array(n);
  for (let start = 0; start < n; start += window)
    blockAggregates(close, start, Math.min(start + window, n), headTrough, headDrop, tailPeak, tailDrop);
  for (let end = window - 1, phase = 0; end < n; end++) {
    // phase = (end - window + 1) % window, the window's start within its block, kept without a division.
    const start = end - window + 1;
    if (phase === 0) result[end] = headDrop[end]!;
    else {
      const across = drop(tailPeak[start]!, headTrough[end]!);
      const parts = tailDrop[start]! > headDrop[end]! ? tailDrop[start]! : headDrop[end]!;
      result[end] = across > parts ? across : parts;
    }
    phase = phase + 1 === window ? 0 : phase + 1;
  }
  return result;
}

/** Head (block start..i) and tail (i..block end) aggregates of the block close[start..stop). */
function blockAggregates(
  close: Float64Array,
  start: number,
  stop: number,
  headTrough: Float64Array,
  headDrop: Float64Array,
  tailPeak: Float64Array,
  tailDrop: Float64Array,
): void {
  let peak = close[start]!;
  let trough = peak;
  let worst = 0;
  for (let i = start; i < stop; i++) {
    const c = close[i]!;
    if (c > peak) peak = c;
    if (c < trough) trough = c;
    const d = drop(peak, c);
    if (d > worst) worst = d;
    headTrough[i] = trough;
    headDrop[i] = worst;
  }
  // Backwards: the tail from i falls most either within i+1.. or from close[i] to the lowest close after it.
  let after = Number.POSITIVE_INFINITY;
  peak = 0;
  worst = 0;
  for (let i = stop - 1; i >= start; i--) {
    const c = close[i]!;
    if (i < stop - 1) {
      const d = drop(c, after);
      if (d > worst) worst = d;
    }
    if (c < after) after = c;
    if (c > peak) peak = c;
    tailPeak[i] = peak;
    tailDrop[i] = worst;
  }
}
