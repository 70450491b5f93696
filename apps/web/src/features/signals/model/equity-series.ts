import type { BacktestEquityCurve } from '@marketlens/contracts';

export interface EquityPoint {
  /** Bar open time, epoch ms. */
  t: number;
  /** Growth of 1 (1 = the start). */
  equity: number;
  buyAndHold: number;
  /** Fall from the highest value so far, as a negative fraction (0 at a new high). */
  drawdown: number;
  buyAndHoldDrawdown: number;
}

/**
 * The equity curve beside buy-and-hold, each with its drawdown. Both start at 1 before the first bar, so a
 * fall below the start counts from there. The API's downsampling keeps every bucket's low and high, so the
 * drawdown read from the points is the strategy's own.
 */
export function equitySeries(curve: BacktestEquityCurve): EquityPoint[] {
  const n = Math.min(curve.times.length, curve.equity.length, curve.buyAndHold.length);
  const points: EquityPoint[] = [];
  let peak = 1;
  let holdPeak = 1;
  for (let i = 0; i < n; i++) {
    const equity = curve.equity[i]!;
    const buyAndHold = curve.buyAndHold[i]!;
    peak = Math.max(peak, equity);
    holdPeak = Math.max(holdPeak, buyAndHold);
    points.push({
      t: Date.parse(curve.times[i]!),
      equity,
      buyAndHold,
      drawdown: equity / peak - 1,
      buyAndHoldDrawdown: buyAndHold / holdPeak - 1,
    });
  }
  return points;
}

/** A log scale once the curves span more than 4x: on a linear one the early years would be a flat line. */
export function wantsLogScale(points: readonly EquityPoint[]): boolean {
  let min = Infinity;
  let max = 0;
  for (const p of points) {
    min = Math.min(min, p.equity, p.buyAndHold);
    max = Math.max(max, p.equity, p.buyAndHold);
  }
  return min > 0 && max / min > 4;
}
