import { describe, expect, it } from 'vitest';
import { computeScreenMetrics } from './compute-screen-metrics';
import { ScreenInputError } from './screen-input.error';
import { SCREEN_METRICS, type DailyColumns, type ScreenMetricName } from './screen-metrics';
import { referenceMetrics } from './screen-metrics.reference';
import { loadStock, missingMessage, type StockSeries } from './stock-fixture';
import { trailingReturn } from './trailing-return';

const FILES = ['stocks/CBK.csv', 'stocks/DDS.csv', 'stocks/ARL.csv', 'stocks/SHW.csv', 'stocks/NL.csv'] as const;
const stocks = new Map<string, StockSeries | null>();
for (const file of FILES) stocks.set(file, await loadStock(file));
const spy = await loadStock('etfs/SPY.csv');

/** Within 1e-12 relative (absolute below 1): rounding differences of two correct computations, nothing more. */
function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, `${what}: null expected`).toBeNull();
    return;
  }
  expect(actual, `${what}: a value expected`).not.toBeNull();
  const tolerance = 1e-12 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function columns(close: number[], volume?: number[]): DailyColumns {
  const c = Float64Array.from(close);
  return {
    close: c,
    high: c.map((x) => x * 1.01),
    low: c.map((x) => x * 0.99),
    volume: Float64Array.from(volume ?? close.map(() => 1000)),
  };
}

describe('computeScreenMetrics on real daily files', () => {
  for (const file of FILES) {
    const stock = stocks.get(file) ?? null;
    it.skipIf(stock === null)(`matches the plain-loop definitions on ${file} (every 17th date, 1e-12)`, () => {
      const s = stock!;
      const n = s.close.length;
      // Every 17th bar, plus each window's first full bar and the last bar.
      const dates = new Set([0, 4, 5, 13, 14, 19, 62, 63, 199, 250, 251, 252, n - 1]);
      for (let t = 0; t < n; t += 17) dates.add(t);
      for (const t of dates) {
        const bench = t % 3 === 0 ? null : 0.05;
        const got = computeScreenMetrics(s, t, bench);
        const want = referenceMetrics(s, t, bench);
        for (const name of SCREEN_METRICS) close(got[name], want[name], `${file} ${s.dates[t]} (bar ${t}) ${name}`);
      }
    });
  }
  if (FILES.some((f) => stocks.get(f) === null)) it.skip(missingMessage('stocks/*.csv'), () => {});

  const cbk = stocks.get('stocks/CBK.csv') ?? null;
  it.skipIf(cbk === null)("sees CBK's -48% day of 2015-08-14 in its week return, drawdown and volatility", () => {
    const s = cbk!;
    const t = s.dates.indexOf('2015-08-14');
    const day = s.close[t]! / s.close[t - 1]! - 1;
    expect(day, 'the file holds the real -48% day').toBeLessThan(-0.47);
    const m = computeScreenMetrics(s, t, null);
    const before = computeScreenMetrics(s, t - 1, null);
    expect(m.ret1w!).toBeCloseTo(s.close[t]! / s.close[t - 5]! - 1, 14);
    expect(m.maxDd1y!, 'a one-day fall of 48% is at least a 48% drawdown').toBeGreaterThanOrEqual(-day);
    expect(m.vol63!, 'one 0.65 log return among 63 lifts the annualised vol').toBeGreaterThan(before.vol63! + 0.5);
  });

  const dds = stocks.get('stocks/DDS.csv') ?? null;
  it.skipIf(dds === null)("carries DDS's bad tick (a close at 1/10 on 2008-04-16) and its high-below-low bar", () => {
    const s = dds!;
    const t = s.dates.indexOf('2008-04-16');
    const m = computeScreenMetrics(s, t, null);
    expect(m.ret1w!, 'the tick is in the data, so it is in the metric').toBeLessThan(-0.85);
    const next = computeScreenMetrics(s, t + 1, null);
    expect(next.maxDd1y!, 'a year after, the bad tick is still the deepest fall').toBeGreaterThan(0.89);
    // 2012-08-15 has high 6.9084 under low 68.416: counted as trading at its close, not as a 60-point range.
    const bad = s.dates.indexOf('2012-08-15');
    expect(s.high[bad]!).toBeLessThan(s.low[bad]!);
    const after = computeScreenMetrics(s, bad, null);
    expect(after.low52wDist!, 'no fake 52-week low at 6.9').toBeLessThan(1);
    expect(after.atr14Pct!, 'no fake 60-point true range').toBeLessThan(0.1);
  });

  const arl = stocks.get('stocks/ARL.csv') ?? null;
  it.skipIf(arl === null || spy === null)(
    'counts bars, not days, on ARL with its gaps, and takes rs3m off the benchmark',
    () => {
      const s = arl!;
      const t = s.dates.indexOf('2011-10-06');
      const m = computeScreenMetrics(s, t, null);
      expect(m.ret1w).toBe(s.close[t]! / s.close[t - 5]! - 1);
      const benchEnd = spy!.dates.indexOf('2011-10-06');
      const bench = trailingReturn(spy!.close, benchEnd, 63)!;
      const withBench = computeScreenMetrics(s, t, bench);
      expect(withBench.rs3m).toBe(m.ret3m! - bench);
    },
  );
});

describe('computeScreenMetrics, small hand-checked cases', () => {
  it('gives null, never 0, for each metric until its window is full', () => {
    const closes = Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 7) * 5 + i * 0.1);
    const bars = columns(closes);
    const firstBar: Record<ScreenMetricName, number> = {
      ret1w: 5,
      ret1m: 21,
      ret3m: 63,
      ret6m: 126,
      ret1y: 252,
      sma20Dist: 19,
      sma50Dist: 49,
      sma200Dist: 199,
      rsi14: 14,
      high52wDist: 251,
      low52wDist: 251,
      atr14Pct: 14,
      avgVol20: 19,
      relVol: 19,
      vol63: 63,
      maxDd1y: 251,
      rs3m: 63,
    };
    for (const name of SCREEN_METRICS) {
      const at = firstBar[name];
      expect(computeScreenMetrics(bars, at - 1, 0)[name], `${name} before bar ${at}`).toBeNull();
      expect(computeScreenMetrics(bars, at, 0)[name], `${name} at bar ${at}`).not.toBeNull();
    }
  });

  it("computes returns, distances and the year's fall on a worked example", () => {
    // 252 bars rising 1 a bar from 100, then a fall to 300 and a rebound to 320.
    const closes = Array.from({ length: 252 }, (_, i) => 100 + i);
    closes.push(300, 320);
    const bars = columns(closes);
    const end = closes.length - 1; // 253
    const m = computeScreenMetrics(bars, end, 0.1);
    expect(m.ret1w).toBe(320 / closes[end - 5]! - 1);
    expect(m.ret1y).toBe(320 / 101 - 1);
    expect(m.maxDd1y).toBe(1 - 300 / 351);
    expect(m.high52wDist).toBe(320 / (351 * 1.01) - 1);
    expect(m.low52wDist).toBe(320 / (102 * 0.99) - 1);
    expect(m.rs3m).toBe(m.ret3m! - 0.1);
    expect(m.relVol).toBe(1);
  });

  it('gives relVol null when the last 20 bars traded nothing, and avgVol20 0', () => {
    const closes = Array.from({ length: 30 }, (_, i) => 10 + i);
    const volume = closes.map((_, i) => (i < 10 ? 500 : 0));
    const m = computeScreenMetrics(columns(closes, volume), 29, null);
    expect(m.avgVol20).toBe(0);
    expect(m.relVol).toBeNull();
  });

  it('rejects a bar it cannot read, naming the bar, and ignores bars after the as-of bar', () => {
    const bars = columns([10, 11, 12, 13]);
    bars.close[2] = 0;
    expect(() => computeScreenMetrics(bars, 3, null)).toThrow(ScreenInputError);
    expect(() => computeScreenMetrics(bars, 3, null)).toThrow('bar 2: close must be a finite number > 0, got 0');
    expect(computeScreenMetrics(bars, 1, null).ret1w, 'bar 2 is after the as-of bar').toBeNull();
    bars.close[2] = 12;
    bars.volume[1] = Number.NaN;
    expect(() => computeScreenMetrics(bars, 3, null)).toThrow('bar 1: volume');
    expect(() => computeScreenMetrics(bars, 4, null)).toThrow(RangeError);
  });
});

describe('trailingReturn', () => {
  it('gives the return over the last bars, null without enough history, and rejects a bad end', () => {
    const closes = Float64Array.from([10, 11, 12, 15]);
    expect(trailingReturn(closes, 3, 3)).toBe(0.5);
    expect(trailingReturn(closes, 2, 3)).toBeNull();
    expect(trailingReturn(Float64Array.from([0, 1]), 1, 1), 'a zero base is no return').toBeNull();
    expect(() => trailingReturn(closes, 4, 1)).toThrow('end must be a bar index from 0 to 3, got 4');
    expect(() => trailingReturn(closes, 3, 0)).toThrow(RangeError);
  });
});
