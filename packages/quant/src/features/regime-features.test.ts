import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { FeatureInputError, UnknownFeatureError } from './feature-input.error';
import { computeRegimeFeatures, featureWarmUpBars, REGIME_FEATURE_NAMES } from './regime-features';
import { contractBars } from './streaming-feature-contract';

const ALL = [...REGIME_FEATURE_NAMES];

describe('computeRegimeFeatures', () => {
  it('drops rows until every requested feature is warm (vol20: 5001 closes give 4981 rows, row i = bar i + 20)', () => {
    const bars = contractBars(5001);
    const withVol = computeRegimeFeatures(bars, ['logret', 'absret', 'vol20']);
    expect(withVol.X.rows).toBe(4981);
    expect(withVol.X.cols).toBe(3);
    expect(withVol.rowIndex[0]).toBe(20);
    expect(withVol.rowIndex[4980]).toBe(5000);
    const plain = computeRegimeFeatures(bars, ['logret', 'absret']);
    expect(plain.X.rows).toBe(5000);
    expect(plain.rowIndex[0]).toBe(1);
    // the same logret column, shifted by the extra warm-up
    expect(withVol.X.data[0]).toBe(plain.X.data[19 * 2]);
    expect(computeRegimeFeatures(bars, ALL).rowIndex[0]).toBe(60);
    expect(featureWarmUpBars(['range'])).toBe(1);
    expect(computeRegimeFeatures(bars.slice(0, 10), ['vol20']).X.rows).toBe(0);
  });

  it('equals the streaming calculators bar by bar, column order as requested', () => {
    const bars = contractBars(300);
    const a = computeRegimeFeatures(bars, ['volz20', 'logret']);
    const b = computeRegimeFeatures(bars, ['logret', 'volz20']);
    for (let t = 0; t < a.X.rows; t++) {
      expect(a.X.data[t * 2]).toBe(b.X.data[t * 2 + 1]);
      expect(a.X.data[t * 2 + 1]).toBe(b.X.data[t * 2]);
    }
  });

  it('has no look-ahead: changing any bar after t changes no feature row at or before t', () => {
    const bars = contractBars(400, 11);
    const base = computeRegimeFeatures(bars, ALL);
    const rng = createSeededRandom(5);
    for (let trial = 0; trial < 40; trial++) {
      const t = 60 + rng.int(bars.length - 61); // a bar with a feature row
      const changed = bars.map((b) => ({ ...b }));
      for (let i = t + 1; i < changed.length; i++) {
        const f = Math.exp(0.2 * rng.normal());
        const bar = changed[i]!;
        bar.close *= f;
        bar.high = Math.max(bar.high * f * 1.1, bar.close);
        bar.low = Math.min(bar.low * f * 0.9, bar.close);
        bar.volume = rng.next() * 1e7;
      }
      const after = computeRegimeFeatures(changed, ALL);
      const lastRow = t - base.rowIndex[0]!;
      const D = base.X.cols;
      expect(Array.from(after.X.data.subarray(0, (lastRow + 1) * D)), `t = ${t}`).toEqual(
        Array.from(base.X.data.subarray(0, (lastRow + 1) * D)),
      );
      expect(after.X.data[(lastRow + 1) * D], 'the change itself is visible after t').not.toBe(
        base.X.data[(lastRow + 1) * D],
      );
    }
  });

  it('names the bar index of a bad close, high/low or volume', () => {
    const bars = contractBars(50);
    const withBad = (i: number, patch: object) => bars.map((b, j) => (j === i ? { ...b, ...patch } : b));
    expect(() => computeRegimeFeatures(withBad(17, { close: -1 }), ['logret'])).toThrow(
      'bar 17: close must be a finite number > 0, got -1',
    );
    expect(() => computeRegimeFeatures(withBad(3, { close: Number.NaN }), ['vol5'])).toThrow(/^bar 3: close/);
    expect(() => computeRegimeFeatures(withBad(8, { low: 0 }), ['range'])).toThrow(/^bar 8: low/);
    expect(() => computeRegimeFeatures(withBad(9, { volume: Infinity }), ['volz20'])).toThrow(/^bar 9: volume/);
    try {
      computeRegimeFeatures(withBad(17, { close: 0 }), ['logret']);
    } catch (e) {
      expect(e).toBeInstanceOf(FeatureInputError);
      expect((e as FeatureInputError).index).toBe(17);
    }
  });

  it('rejects unknown, duplicate or missing feature names', () => {
    const bars = contractBars(30);
    expect(() => computeRegimeFeatures(bars, ['logret', 'rsi14'])).toThrow(UnknownFeatureError);
    expect(() => computeRegimeFeatures(bars, ['logret', 'rsi14'])).toThrow(/feature "rsi14": unknown feature/);
    expect(() => computeRegimeFeatures(bars, ['logret', 'logret'])).toThrow(/listed twice/);
    expect(() => computeRegimeFeatures(bars, [])).toThrow(/at least one feature/);
  });
});
