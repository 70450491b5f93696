import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { conformalHalfWidth, minCalibrationSize } from './conformal';
import { walkForward } from './walk-forward';

describe('split-conformal half-width', () => {
  it('is the ceil((n + 1)(1 - alpha))-th smallest residual', () => {
    const residuals = [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 1.0];
    // n 10, alpha 0.1: k = ceil(11 * 0.9) = 10 -> the largest; alpha 0.5: k = ceil(5.5) = 6 -> 0.6
    expect(conformalHalfWidth(residuals, 0.1)).toBe(1.0);
    expect(conformalHalfWidth(residuals, 0.5)).toBe(0.6);
    expect(minCalibrationSize(0.1)).toBe(9);
    expect(() => conformalHalfWidth(residuals.slice(0, 8), 0.1)).toThrow(
      'calibration: has 8 residuals; a 0.9 interval needs at least 9',
    );
  });

  it('covers about 90% of i.i.d. noise out of sample with a 90% interval', () => {
    const rng = createSeededRandom(17);
    const n = 6000;
    const X = { data: Float64Array.from({ length: n * 2 }, () => rng.normal()), rows: n, cols: 2 };
    const y = Float64Array.from({ length: n }, () => 0.01 * rng.normal());
    const result = walkForward({
      X,
      y,
      model: 'ridge',
      window: 'rolling',
      trainSize: 1000,
      testSize: 500,
      purge: 1,
      horizon: 1,
      interval: 0.9,
      periodsPerYear: 365,
    });
    const coverage = result.metrics.intervalCoverage;
    // 4999 test rows: the binomial sd of the coverage is ~0.004, so 0.87-0.93 is a wide, safe band
    expect(coverage).toBeGreaterThan(0.87);
    expect(coverage).toBeLessThan(0.93);
    expect(result.metrics.intervalWidth).toBeCloseTo(2 * 1.645 * 0.01, 2);
  });
});
