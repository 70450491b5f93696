import { describe, expect, it } from 'vitest';
import { alignAsOf } from './as-of-align';
import { computeScreenMetrics } from './compute-screen-metrics';
import { SCREEN_METRICS, type DailyColumns } from './screen-metrics';
import { screenMetricsSeries } from './screen-metrics-series';
import { loadStock, missingMessage } from './stock-fixture';
import { trailingReturnSeries } from './trailing-return';

/** Bars checked: all of CBK, every 3rd of ARL; DDS (7,149 bars) around its bad tick (bar 4736) and high-below-low bar (5829), and every 13th. */
const FILES = [
  { file: 'stocks/CBK.csv', checks: (_t: number) => true },
  {
    file: 'stocks/DDS.csv',
    checks: (t: number) => Math.abs(t - 4736) < 300 || Math.abs(t - 5829) < 300 || t % 13 === 0,
  },
  { file: 'stocks/ARL.csv', checks: (t: number) => t % 3 === 0 },
] as const;
const spy = await loadStock('etfs/SPY.csv');

/** The series' entry t and the single-date value: the same number bit for bit, or NaN and null together. */
const same = (series: number, single: number | null): boolean =>
  single === null ? Number.isNaN(series) : Object.is(series, single);

describe('screenMetricsSeries', () => {
  for (const { file, checks } of FILES) {
    it(`agrees exactly with computeScreenMetrics on ${file}, rs3m against SPY by date`, async (ctx) => {
      const stock = await loadStock(file);
      if (stock === null || spy === null) return ctx.skip(missingMessage(file));
      const benchmark = alignAsOf(stock.ts, spy.ts, trailingReturnSeries(spy.close, 63));
      const series = screenMetricsSeries(stock, benchmark);
      const mismatches: string[] = [];
      let checked = 0;
      for (let t = 0; t < stock.close.length; t++) {
        if (!checks(t)) continue;
        const bench = Number.isNaN(benchmark[t]!) ? null : benchmark[t]!;
        const single = computeScreenMetrics(stock, t, bench);
        for (const name of SCREEN_METRICS) {
          // Collected, then asserted once: an expect per value would cost more than the computation.
          if (!same(series[name][t]!, single[name]))
            mismatches.push(`bar ${t} ${name}: series ${series[name][t]} vs single date ${single[name]}`);
        }
        checked += 1;
      }
      expect(mismatches.slice(0, 5), file).toEqual([]);
      expect(checked).toBeGreaterThan(500);
      // Thousands of single-date computations on a real file: 5 s was not enough on a loaded machine.
    }, 60_000);
  }

  it('gives arrays of NaN for a series shorter than every window, and empty ones for no bars', () => {
    const short: DailyColumns = {
      close: Float64Array.from([10, 11]),
      high: Float64Array.from([10.5, 11.5]),
      low: Float64Array.from([9.5, 10.5]),
      volume: Float64Array.from([100, 200]),
    };
    const series = screenMetricsSeries(short);
    for (const name of SCREEN_METRICS) {
      expect(series[name].length).toBe(2);
      expect(Array.from(series[name]).every(Number.isNaN), `${name} has no value on 2 bars`).toBe(true);
    }
    const empty = screenMetricsSeries({
      close: new Float64Array(0),
      high: new Float64Array(0),
      low: new Float64Array(0),
      volume: new Float64Array(0),
    });
    expect(empty.ret1w.length).toBe(0);
  });

  it('leaves rs3m NaN without a benchmark and rejects one of the wrong length', () => {
    const n = 100;
    const c = Float64Array.from({ length: n }, (_, i) => 50 + i);
    const bars = { close: c, high: c, low: c, volume: new Float64Array(n).fill(1) };
    expect(Number.isNaN(screenMetricsSeries(bars).rs3m[99]!)).toBe(true);
    expect(screenMetricsSeries(bars, new Float64Array(n).fill(0.01)).rs3m[99]).toBe(149 / 86 - 1 - 0.01);
    expect(() => screenMetricsSeries(bars, new Float64Array(n - 1))).toThrow(
      'benchmarkRet3m has 99 values for 100 bars',
    );
  });
});

describe('alignAsOf', () => {
  it('takes the last source value at or before each target time, NaN before the first', () => {
    const source = Float64Array.from([10, 20, 30, 40]);
    const values = Float64Array.from([1, 2, 3, 4]);
    const aligned = alignAsOf(Float64Array.from([5, 10, 25, 30, 99]), source, values);
    expect(Array.from(aligned)).toEqual([Number.NaN, 1, 2, 3, 4]);
  });
});
