import { describe, expect, it } from 'vitest';
import type { Matrix } from '../hmm/hmm-types';
import { LagMeanForecaster, ZeroForecaster } from './baselines';

const X: Matrix = { data: Float64Array.from([0.01, 0.02, -0.03, 0.04, -0.05, 0.06]), rows: 2, cols: 3 };

describe('baselines', () => {
  it("'zero' predicts a 0 return, and with direction 1 the training share of ups", () => {
    const z = new ZeroForecaster();
    z.fit(X, Float64Array.from([0.5, -0.2]));
    expect(z.kind).toBe('regression');
    expect(Array.from(z.predict(X))).toEqual([0, 0]);
    const d = new ZeroForecaster({ direction: 1 });
    d.fit({ data: new Float64Array(4), rows: 4, cols: 1 }, Float64Array.from([1, 1, 1, 0]));
    expect(d.kind).toBe('direction');
    expect(Array.from(d.predict(X))).toEqual([0.75, 0.75]);
  });

  it("'last' returns column 0 (ret_lag1) and 'moving-average' the mean of the first N lag columns", () => {
    const last = new LagMeanForecaster('last');
    last.fit(X, Float64Array.from([0, 0]));
    expect(Array.from(last.predict(X))).toEqual([0.01, 0.04]);
    const ma = new LagMeanForecaster('moving-average', { window: 2 });
    ma.fit(X, Float64Array.from([0, 0]));
    expect(ma.predict(X)[0]).toBeCloseTo(0.015, 15);
    expect(ma.predict(X)[1]).toBeCloseTo(-0.005, 15);
    expect(() => new LagMeanForecaster('moving-average', { window: 4 }).fit(X, Float64Array.from([0, 0]))).toThrow(
      'moving-average: X needs at least 4 columns, got 3',
    );
  });
});
