export interface DrawdownDetail {
  /** Largest fall from a peak of equity, as a positive fraction (0.25 = -25%). */
  value: number;
  /** Bar indices of the peak before the fall, the trough, and the first bar back at the peak (null: not yet). */
  peakIndex: number;
  troughIndex: number;
  recoveryIndex: number | null;
  /** Bars from the peak to the recovery, or to the last bar when not recovered. */
  durationBars: number;
}

/** What the report needs of an equity curve's per-bar returns r_i = e_i / e_(i-1) - 1 (e_(-1) = 1). */
export interface CurveStats {
  bars: number;
  /** Sum of the returns, in bar order. */
  sum: number;
  /** Sum of (r - mean)^2, in bar order: the sample variance's numerator. */
  squares: number;
  /** Sum of r^2 over the returns below 0: the downside deviation's. */
  downside: number;
  drawdown: DrawdownDetail;
}

/**
 * Every per-bar figure of an equity curve in two passes over it, with no array of returns: the first sums the
 * returns and the downside and follows the drawdown, the second sums the squared deviations from the mean;
 * then the recovery is looked for from the trough on. A million-bar curve was read six times and copied once
 * before. The sums run in bar order with the same operations as the one-figure-at-a-time definitions
 * (sampleSd, annualisedSharpe's mean, drawdownDetail), so the figures are bit-identical to them.
 */
export function curveStats(equity: ArrayLike<number>): CurveStats {
  const n = equity.length;
  const first = new FirstPass();
  firstPass(equity, first);
  const mean = first.sum / n;
  const squares = squaredDeviations(equity, mean, (0 - mean) ** 2);
  let drawdown: DrawdownDetail = { value: 0, peakIndex: -1, troughIndex: -1, recoveryIndex: null, durationBars: 0 };
  if (first.value !== 0) {
    const found = firstAtOrAbove(equity, first.troughIndex + 1, first.worstPeakValue);
    const recoveryIndex = found === -1 ? null : found;
    const end = recoveryIndex ?? n - 1;
    drawdown = {
      value: first.value,
      peakIndex: first.worstPeak,
      troughIndex: first.troughIndex,
      recoveryIndex,
      durationBars: end - first.worstPeak,
    };
  }
  return { bars: n, sum: first.sum, squares, downside: first.downside, drawdown };
}

// The passes are functions of their own that end with their loop and keep their results up to date inside
// it. V8 compiles a million-bar loop while it runs (on-stack replacement), before any code after the loop
// has run once; that compiled loop is kept for later calls and, for want of type feedback about the code
// after it, threw itself away there on every call, leaving the next pass to the interpreter.

/** The first pass's results: the sums, and the largest fall from a peak (1 before the first bar, index -1). */
class FirstPass {
  sum = 0;
  downside = 0;
  value = 0;
  worstPeak = -1;
  worstPeakValue = 1;
  troughIndex = -1;
}

function firstPass(equity: ArrayLike<number>, out: FirstPass): void {
  let prev = 1;
  let sum = 0;
  let downside = 0;
  let peak = 1;
  let peakIndex = -1;
  let value = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    // A bar at the last bar's equity (a flat one, most of them): its return is exactly +0, which leaves the
    // sums as they are, and the drawdown cannot move. Only bars in a position cost the divisions.
    if (e === prev && isFiniteNonZero(e)) continue;
    const r = e / prev - 1;
    prev = e;
    sum += r;
    if (r < 0) downside += r * r;
    out.sum = sum;
    out.downside = downside;
    if (e > peak) {
      peak = e;
      peakIndex = i;
    } else if (1 - e / peak > value) {
      value = 1 - e / peak;
      out.value = value;
      out.worstPeak = peakIndex;
      out.worstPeakValue = peak;
      out.troughIndex = i;
    }
  }
}

/** Sum of (r - mean)^2 in bar order; `flat` is its term for a return of +0. */
function squaredDeviations(equity: ArrayLike<number>, mean: number, flat: number): number {
  let prev = 1;
  let squares = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e === prev && isFiniteNonZero(e)) squares += flat;
    else {
      squares += (e / prev - 1 - mean) ** 2;
      prev = e;
    }
  }
  return squares;
}

/** The first index from `from` on with equity >= level, or -1. */
function firstAtOrAbove(equity: ArrayLike<number>, from: number, level: number): number {
  let found = -1;
  for (let i = from; i < equity.length && found === -1; i++) if (equity[i]! >= level) found = i;
  return found;
}

/** x / x is exactly 1 (so x / x - 1 is +0) for these. */
function isFiniteNonZero(x: number): boolean {
  return x - x === 0 && x !== 0;
}
