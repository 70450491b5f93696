import type { DailyColumns } from './screen-metrics';
import { ScreenInputError } from './screen-input.error';

/**
 * Checks bars 0..count-1 (the only ones a metric as of bar count-1 may read): every value finite, close > 0,
 * volume >= 0, and the four columns of equal length. Throws ScreenInputError at the first bad bar.
 */
export function checkDailyColumns(bars: DailyColumns, count: number): void {
  const { close, high, low, volume } = bars;
  const n = close.length;
  for (const [name, column] of [
    ['high', high],
    ['low', low],
    ['volume', volume],
  ] as const) {
    if (column.length !== n) throw new RangeError(`daily columns: ${name} has ${column.length} bars, close has ${n}`);
  }
  for (let i = 0; i < count; i++) {
    const c = close[i]!;
    if (!(c > 0) || c === Number.POSITIVE_INFINITY)
      throw new ScreenInputError(i, 'close', c, 'must be a finite number > 0');
    if (!Number.isFinite(high[i]!)) throw new ScreenInputError(i, 'high', high[i]!, 'must be a finite number');
    if (!Number.isFinite(low[i]!)) throw new ScreenInputError(i, 'low', low[i]!, 'must be a finite number');
    const v = volume[i]!;
    if (!(v >= 0) || v === Number.POSITIVE_INFINITY)
      throw new ScreenInputError(i, 'volume', v, 'must be a finite number >= 0');
  }
}

/**
 * High and low of bars 0..count-1 as the range metrics (ATR, 52-week high and low) read them. A bar whose high
 * is below its low has no usable range (shared/data's DDS has one: a high of 6.9 under a low of 68.4, a
 * dropped digit); swapping the two would invent a 60-point range and a year-long fake 52-week low, so such a
 * bar counts as a bar that traded only at its close (high = low = close). The columns are returned as they are
 * (no copy) when every bar is sound, the usual case.
 */
export function usableRange(bars: DailyColumns, count: number): { high: Float64Array; low: Float64Array } {
  const high = bars.high.subarray(0, count);
  const low = bars.low.subarray(0, count);
  let first = -1;
  for (let i = 0; i < count; i++) {
    if (high[i]! < low[i]!) {
      first = i;
      break;
    }
  }
  if (first < 0) return { high, low };
  const fixedHigh = high.slice();
  const fixedLow = low.slice();
  for (let i = first; i < count; i++) {
    if (fixedHigh[i]! < fixedLow[i]!) fixedHigh[i] = fixedLow[i] = bars.close[i]!;
  }
  return { high: fixedHigh, low: fixedLow };
}

/** The bar index a single-date computation reads up to: an integer in [0, bars). */
export function checkEnd(end: number, length: number): void {
  if (!Number.isInteger(end) || end < 0 || end >= length)
    throw new RangeError(`end must be a bar index from 0 to ${length - 1}, got ${end}`);
}
