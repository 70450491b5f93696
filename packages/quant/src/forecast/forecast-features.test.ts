import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { FeatureInputError } from '../features/feature-input.error';
import { RollingVolatility } from '../features/rolling-volatility';
import { contractBars } from '../features/streaming-feature-contract';
import { createSeededRandom } from '../random/seeded-random';
import { utcWeekday } from '../synthetic/synthetic-calendar';
import { buildForecastDataset } from './forecast-dataset';
import { buildForecastFeatures, DEFAULT_FEATURE_SPEC } from './forecast-features';
import { buildTargets } from './targets';

const bars = contractBars(300, 5);

/** A copy of `bars` with every bar after t replaced by a random, valid one. */
function scrambleAfter(source: readonly OhlcvBar[], t: number, seed: number): OhlcvBar[] {
  const rng = createSeededRandom(seed);
  return source.map((b, i) => {
    if (i <= t) return b;
    const close = b.close * Math.exp(0.3 * rng.normal());
    return { ts: b.ts, open: close, high: close * 1.05, low: close * 0.95, close, volume: rng.next() * 1e6 };
  });
}

describe('buildForecastFeatures', () => {
  it('names the default columns and drops rows until MACD(12,26,9) is warm (bar 34)', () => {
    const f = buildForecastFeatures(bars, DEFAULT_FEATURE_SPEC);
    expect(f.names).toEqual([
      'ret_lag1', 'ret_lag2', 'ret_lag3', 'ret_lag5', 'ret_lag10', 'vol5', 'vol20', 'rsi14',
      'macd_line', 'macd_signal', 'macd_hist', 'volz20', 'dow_sin', 'dow_cos', 'month_sin', 'month_cos',
    ]); // prettier-ignore
    expect(f.rowIndex[0], 'MACD needs 26 + 9 - 1 = 34 closes').toBe(33);
    expect(f.X.rows).toBe(300 - 33);
    expect(f.X.data.every(Number.isFinite)).toBe(true);
  });

  it('computes each column from the bars up to its row, by hand for lags, volatility and calendar', () => {
    const f = buildForecastFeatures(bars, DEFAULT_FEATURE_SPEC);
    const D = f.X.cols;
    const r = 50;
    const t = f.rowIndex[r]!;
    const ret = (i: number) => Math.log(bars[i]!.close) - Math.log(bars[i - 1]!.close);
    expect(f.X.data[r * D + 0]).toBe(ret(t));
    expect(f.X.data[r * D + 3], 'lag 5 = return of bar t - 4').toBe(ret(t - 4));
    const vol = new RollingVolatility(20);
    let v: number | null = null;
    for (let i = 0; i <= t; i++) v = vol.add(bars[i]!);
    expect(f.X.data[r * D + 6]).toBe(v);
    const weekday = utcWeekday(bars[t]!.ts); // synthetic-calendar's independent weekday

    expect(f.X.data[r * D + 12]).toBeCloseTo(Math.sin((2 * Math.PI * weekday) / 7), 12);
  });

  it('takes regime probabilities aligned with bars and drops the rows where they are NaN', () => {
    const K = 2;
    const probs = new Float64Array(bars.length * K).fill(Number.NaN);
    for (let t = 60; t < bars.length; t++) probs.set([0.25, 0.75], t * K);
    const f = buildForecastFeatures(bars, DEFAULT_FEATURE_SPEC, { data: probs, rows: bars.length, cols: K });
    expect(f.names.slice(-2)).toEqual(['regime_p0', 'regime_p1']);
    expect(f.rowIndex[0]).toBe(60);
    expect(f.X.data[f.X.cols - 1]).toBe(0.75);
    expect(() => buildForecastFeatures(bars, DEFAULT_FEATURE_SPEC, { data: probs, rows: 10, cols: K })).toThrow(
      'regimeProbs: must have one row per bar (300)',
    );
  });

  it('rejects a bad bar by index and a bad spec by field', () => {
    const bad = bars.map((b, i) => (i === 17 ? { ...b, close: -1 } : b));
    expect(() => buildForecastFeatures(bad, DEFAULT_FEATURE_SPEC)).toThrow(FeatureInputError);
    expect(() => buildForecastFeatures(bad, DEFAULT_FEATURE_SPEC)).toThrow(/^bar 17: close/);
    expect(() => buildForecastFeatures(bars, { ...DEFAULT_FEATURE_SPEC, lags: [1, 0] })).toThrow(
      'spec.lags[1]: must be an integer >= 1, got 0',
    );
  });

  it('never looks ahead: changing every bar after t changes no feature row at or before t', () => {
    const base = buildForecastFeatures(bars, DEFAULT_FEATURE_SPEC);
    const rng = createSeededRandom(99);
    for (let trial = 0; trial < 12; trial++) {
      const t = 40 + rng.int(bars.length - 41);
      const changed = buildForecastFeatures(scrambleAfter(bars, t, trial), DEFAULT_FEATURE_SPEC);
      const D = base.X.cols;
      let compared = 0;
      for (let r = 0; r < base.X.rows && base.rowIndex[r]! <= t; r++) {
        expect(changed.rowIndex[r]).toBe(base.rowIndex[r]);
        expect(
          changed.X.data.subarray(r * D, r * D + D),
          `row of bar ${base.rowIndex[r]} with bars after ${t} changed`,
        ).toEqual(base.X.data.subarray(r * D, r * D + D));
        compared += 1;
      }
      expect(compared).toBeGreaterThan(0);
      // ...and the scramble did change something later, so the check can fail
      const later = base.X.data.subarray(compared * D);
      expect(changed.X.data.subarray(compared * D)).not.toEqual(later);
    }
  });
});

describe('buildTargets', () => {
  it('is the h-bar log return and its direction, NaN where the future is unknown', () => {
    const closes = [100, 110, 99, 99, 120];
    const b = closes.map((close, i) => ({ ts: i, open: close, high: close, low: close, close, volume: 1 }));
    const { logReturn, up } = buildTargets(b, 2);
    expect(Array.from(logReturn.subarray(0, 3))).toEqual([
      Math.log(99) - Math.log(100),
      Math.log(99) - Math.log(110),
      Math.log(120) - Math.log(99),
    ]);
    expect(Array.from(up)).toEqual([0, 0, 1, Number.NaN, Number.NaN]);
    expect(Number.isNaN(logReturn[3]!)).toBe(true);
    expect(() => buildTargets(b, 0)).toThrow('horizon: must be an integer >= 1 (bars), got 0');
  });

  it('uses bars t+1..t+h only: changing bars after t+h, or at or before t-... leaves target t as it was', () => {
    const h = 3;
    const base = buildTargets(bars, h);
    const rng = createSeededRandom(7);
    for (let trial = 0; trial < 10; trial++) {
      const t = rng.int(bars.length - h - 1);
      const changed = buildTargets(scrambleAfter(bars, t + h, trial), h);
      expect(Array.from(changed.logReturn.subarray(0, t + 1))).toEqual(Array.from(base.logReturn.subarray(0, t + 1)));
      // a change inside t+1..t+h does change target t
      const inside = buildTargets(scrambleAfter(bars, t, trial), h);
      expect(inside.logReturn[t]).not.toBe(base.logReturn[t]);
    }
    expect(Array.from(base.logReturn.subarray(-h)).every(Number.isNaN)).toBe(true);
  });
});

describe('buildForecastDataset', () => {
  it('aligns features with targets and drops the rows whose future is unknown', () => {
    const d = buildForecastDataset(bars, DEFAULT_FEATURE_SPEC, 2);
    const f = buildForecastFeatures(bars, DEFAULT_FEATURE_SPEC);
    expect(d.X.rows).toBe(f.X.rows - 2);
    expect(d.rowIndex.at(-1)).toBe(bars.length - 3);
    const t = d.rowIndex[5]!;
    expect(d.y[5]).toBe(Math.log(bars[t + 2]!.close) - Math.log(bars[t]!.close));
    expect(d.up[5]).toBe(d.y[5]! > 0 ? 1 : 0);
    // the one-bar returns run from the first row's bar to the last row's target, and make up each target
    expect(d.barReturns.length).toBe(d.X.rows + 1);
    expect(d.barReturns[5]).toBe(Math.log(bars[t + 1]!.close) - Math.log(bars[t]!.close));
    expect(d.barReturns[5]! + d.barReturns[6]!).toBeCloseTo(d.y[5]!, 14);
  });
});
