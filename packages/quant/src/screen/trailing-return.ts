import { assertInteger, batchOutput } from '../indicators/indicator';
import { checkEnd } from './daily-columns';

/**
 * close[end] / close[end - bars] - 1: the simple return over the last `bars` bars. Null when there are not
 * `bars` bars before `end` (or the result is not finite: a zero close in a benchmark series).
 */
export function trailingReturn(close: Float64Array, end: number, bars: number): number | null {
  assertInteger('trailingReturn bars', bars);
  checkEnd(end, close.length);
  if (end < bars) return null;
  const r = close[end]! / close[end - bars]! - 1;
  return Number.isFinite(r) ? r : null;
}

/** trailingReturn for every end (NaN where it is null), e.g. a benchmark's ret3m for every date. */
export function trailingReturnSeries(close: Float64Array, bars: number, out?: Float64Array): Float64Array {
  assertInteger('trailingReturn bars', bars);
  const n = close.length;
  const returns = batchOutput(n, bars, out);
  for (let i = bars; i < n; i++) {
    const r = close[i]! / close[i - bars]! - 1;
    returns[i] = Number.isFinite(r) ? r : Number.NaN;
  }
  return returns;
}
