import { ForecastInputError } from './forecast-input.error';

/**
 * Consecutive h-bar targets overlap by h - 1 bars, so the sign-trading and buy-and-hold metrics are not
 * computed on the targets themselves (that compounds each bar up to h times and annualises h-bar returns
 * as if they were one bar). They are computed on the bar-by-bar returns of an overlapping book
 * (Jegadeesh and Titman 1993): the forecast of row i opens a position with 1/h of the capital, held over
 * the h bars its target spans (barReturns[i .. i + h - 1]). Bar k's exposure is therefore the sum of the
 * positions opened by rows k - h + 1 .. k that exist, divided by h, and the book's log return on bar k is
 * that exposure times the bar's log return (for h = 1: the position times the target, the one-bar
 * convention; as there, a short's log return is taken as minus the bar's). The book ramps
 * in over the first h - 1 bars and out over the last h - 1, and over the whole span it earns exactly
 * (1/h) * sum_i position_i * y_i: every forecast's own h-bar return, counted once.
 */
export function overlappingBookReturns(
  positions: ArrayLike<number>,
  barReturns: ArrayLike<number>,
  horizon: number,
): Float64Array {
  const n = positions.length;
  checkSpan(n, barReturns, horizon);
  const out = new Float64Array(barReturns.length);
  let open = 0; // sum of the positions held over bar k: rows max(0, k - h + 1) .. min(k, n - 1)
  for (let k = 0; k < out.length; k++) {
    if (k < n) open += positions[k]!;
    if (k - horizon >= 0) open -= positions[k - horizon]!;
    out[k] = (open / horizon) * barReturns[k]!;
  }
  return out;
}

/**
 * Checks that barReturns are the bars the targets are made of: y[i] = sum of barReturns[i .. i + h - 1]
 * up to rounding (both are differences of the same log closes). A shifted or gapped series fails here
 * instead of giving quietly wrong trading metrics.
 */
export function checkBarReturns(y: ArrayLike<number>, barReturns: ArrayLike<number>, horizon: number): void {
  checkSpan(y.length, barReturns, horizon);
  for (let i = 0; i < y.length; i++) {
    let sum = 0;
    for (let k = i; k < i + horizon; k++) sum += barReturns[k]!;
    if (!(Math.abs(sum - y[i]!) <= 1e-9)) {
      throw new ForecastInputError(
        'barReturns',
        `add up to ${sum} over bars ${i}..${i + horizon - 1}, but y[${i}] is ${y[i]}: they must be the one-bar returns the ${horizon}-bar targets span`,
      );
    }
  }
}

function checkSpan(rows: number, barReturns: ArrayLike<number>, horizon: number): void {
  if (barReturns.length !== rows + horizon - 1) {
    throw new ForecastInputError(
      'barReturns',
      `has ${barReturns.length} values; ${rows} rows one bar apart at horizon ${horizon} span ${rows + horizon - 1} bars`,
    );
  }
}
