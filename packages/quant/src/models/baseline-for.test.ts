import { describe, expect, it } from 'vitest';
import type { Matrix } from '../hmm/hmm-types';
import { baselineFor, baselineNameOf } from './baseline-for';
import { createForecaster } from './create-forecaster';

const X: Matrix = { data: new Float64Array(4), rows: 4, cols: 1 };

describe('baselineFor', () => {
  it("gives regression models the 'zero' baseline, which forecasts a 0 return", () => {
    for (const model of ['ridge', 'ar', 'last', 'gbdt'] as const) expect(baselineFor(model).name).toBe('zero');
    const spec = baselineFor('ridge');
    const baseline = createForecaster(spec.model, spec.params);
    baseline.fit(X, Float64Array.from([0.01, 0.02, -0.01, 0.03]));
    expect(Array.from(baseline.predict(X))).toEqual([0, 0, 0, 0]);
  });

  it("gives the logistic (direction) model the 'base-rate' baseline: P(up) = the training share of ups", () => {
    const spec = baselineFor('logistic');
    expect(spec).toEqual({ name: 'base-rate', model: 'zero', params: { direction: 1 } });
    const baseline = createForecaster(spec.model, spec.params);
    expect(baseline.kind).toBe('direction');
    baseline.fit(X, Float64Array.from([1, 1, 1, 0]));
    // Above 0.5 on every row: with ups the majority, this baseline always calls "up" (not a 0 return).
    expect(Array.from(baseline.predict(X))).toEqual([0.75, 0.75, 0.75, 0.75]);
  });

  it('names a stored baseline by its kind, so old direction runs stored as "zero" read as base-rate', () => {
    expect(baselineNameOf('direction')).toBe('base-rate');
    expect(baselineNameOf('regression')).toBe('zero');
  });
});
