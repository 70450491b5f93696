import { describe, expect, it } from 'vitest';
import { annualisedSharpe } from '../../forecast/forecast-metrics';
import { createSeededRandom } from '../../random/seeded-random';
import { computeBacktestMetrics } from './backtest-metrics';
import { curveStats } from './equity-curve';

/** The figures one at a time, as backtest-metrics.ts computed them before the fused passes. */
function reference(equity: Float64Array) {
  const n = equity.length;
  const perBar = new Float64Array(n);
  let prev = 1;
  for (let i = 0; i < n; i++) {
    perBar[i] = equity[i]! / prev - 1;
    prev = equity[i]!;
  }
  let m = 0;
  let down = 0;
  for (const r of perBar) {
    m += r;
    if (r < 0) down += r * r;
  }
  let ss = 0;
  for (const r of perBar) ss += (r - m / n) ** 2;
  let peak = 1;
  let peakIndex = -1;
  let value = 0;
  let worstPeak = -1;
  let worstPeakValue = 1;
  let troughIndex = -1;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (e > peak) {
      peak = e;
      peakIndex = i;
    } else if (1 - e / peak > value) {
      value = 1 - e / peak;
      worstPeak = peakIndex;
      worstPeakValue = peak;
      troughIndex = i;
    }
  }
  let recoveryIndex: number | null = null;
  if (value !== 0) {
    for (let i = troughIndex + 1; i < n && recoveryIndex === null; i++)
      if (equity[i]! >= worstPeakValue) recoveryIndex = i;
  }
  const drawdown =
    value === 0
      ? { value: 0, peakIndex: -1, troughIndex: -1, recoveryIndex: null, durationBars: 0 }
      : { value, peakIndex: worstPeak, troughIndex, recoveryIndex, durationBars: (recoveryIndex ?? n - 1) - worstPeak };
  return { perBar, sum: m, downside: down, squares: ss, drawdown };
}

/** A backtest-like curve: long flat stretches at the realised equity, and stretches in a position. */
function curve(seed: number, n: number): Float64Array {
  const rng = createSeededRandom(seed);
  const out = new Float64Array(n);
  let realised = 1;
  let open = 0;
  for (let i = 0; i < n; i++) {
    if (open === 0 && rng.next() < 0.01) open = 1 + Math.floor(rng.next() * 40);
    if (open > 0) {
      out[i] = realised * (1 + 0.01 * rng.normal());
      if (--open === 0) realised = out[i]!;
    } else out[i] = realised;
  }
  return out;
}

describe('curveStats', () => {
  const curves: Array<[string, Float64Array]> = [
    ['a backtest-like curve', curve(1, 50_000)],
    ['another, recovering from its drawdowns', curve(2, 20_000).map((e, i) => e * (1 + i / 2000))],
    ['a curve that falls to zero and stays there', Float64Array.from([1, 1.2, 0.6, 0, 0, 0])],
    [
      'a curve with an infinite value',
      Float64Array.from([1, 2, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 3]),
    ],
    ['one bar', Float64Array.from([0.9])],
    ['a flat curve', new Float64Array(100).fill(1)],
  ];

  it.each(curves)('gives bit for bit the one-figure-at-a-time sums and drawdown on %s', (_, equity) => {
    const want = reference(equity);
    const got = curveStats(equity);
    expect(got.bars).toBe(equity.length);
    expect(got.sum).toBe(want.sum);
    expect(got.downside).toBe(want.downside);
    expect(got.squares).toBe(want.squares);
    expect(got.drawdown).toStrictEqual(want.drawdown);
  });

  it('gives the metrics their one-at-a-time values (Sharpe as forecast-metrics computes it)', () => {
    const equity = curve(3, 30_000);
    const { perBar } = reference(equity);
    const ppy = 525_960;
    const metrics = computeBacktestMetrics({
      equity,
      trades: [],
      firstTs: 0,
      lastTs: ((equity.length - 1) / ppy) * 365.25 * 86_400_000,
      firstOpen: 1,
      lastClose: 1,
      exposedBars: 0,
    });
    expect(metrics.periodsPerYear).toBeCloseTo(ppy, 6);
    expect(metrics.sharpe).toBe(annualisedSharpe(perBar, metrics.periodsPerYear!));
  });
});
