import { describe, expect, it } from 'vitest';
import type { Matrix } from '../hmm/hmm-types';
import { createSeededRandom } from '../random/seeded-random';
import { ForecasterInputError } from './forecaster.error';
import { RidgeForecaster } from './ridge';

const matrix = (rows: number[][]): Matrix => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  cols: rows[0]!.length,
});

describe('RidgeForecaster', () => {
  it('with lambda 0 recovers the exact coefficients of a noiseless linear system (OLS)', () => {
    const rng = createSeededRandom(1);
    const rows = Array.from({ length: 30 }, () => [rng.normal(), 10 + 3 * rng.normal(), rng.next()]);
    const y = Float64Array.from(rows, ([a, b, c]) => 0.5 + 2 * a! - 0.25 * b! + 4 * c!);
    const ridge = new RidgeForecaster({ lambda: 0 });
    ridge.fit(matrix(rows), y);
    const { intercept, slopes } = ridge.coefficients();
    expect(intercept).toBeCloseTo(0.5, 10);
    expect(Array.from(slopes).map((s) => Number(s.toFixed(10)))).toEqual([2, -0.25, 4]);
    expect(ridge.predict(matrix([[1, 1, 1]]))[0]).toBeCloseTo(0.5 + 2 - 0.25 + 4, 10);
  });

  it('shrinks a single standardised slope to sum(z y) / (n + lambda), by hand', () => {
    // x = [-1, 0, 1]: mean 0, population sd sqrt(2/3), z = x / sqrt(2/3); y = [1, 2, 6]
    // sum(z y) = (-1 + 6) / sqrt(2/3) = 5 / sqrt(2/3); with lambda 3: beta_z = 5 / sqrt(2/3) / 6
    // slope on x = beta_z / sd = 5 / (6 * 2/3) = 1.25; intercept = mean(y) = 3
    const ridge = new RidgeForecaster({ lambda: 3 });
    ridge.fit(matrix([[-1], [0], [1]]), Float64Array.from([1, 2, 6]));
    const { intercept, slopes } = ridge.coefficients();
    expect(slopes[0]).toBeCloseTo(1.25, 12);
    expect(intercept).toBeCloseTo(3, 12);
    // lambda 0 is the OLS slope 2.5
    const ols = new RidgeForecaster({ lambda: 0 });
    ols.fit(matrix([[-1], [0], [1]]), Float64Array.from([1, 2, 6]));
    expect(ols.coefficients().slopes[0]).toBeCloseTo(2.5, 12);
  });

  it('names a constant column when lambda 0 makes the system singular, and fits it with lambda > 0', () => {
    const X = matrix([[1, 5], [2, 5], [3, 5]]); // prettier-ignore
    const y = Float64Array.from([1, 2, 3]);
    expect(() => new RidgeForecaster({ lambda: 0 }).fit(X, y)).toThrow('ridge: X column 1 is constant or collinear');
    const r = new RidgeForecaster({ lambda: 0.1 });
    r.fit(X, y);
    expect(r.coefficients().slopes[1]).toBe(0);
  });

  it('rejects NaN, mismatched lengths, too few rows and a bad lambda, naming what and where', () => {
    const X = matrix([[1], [2], [3]]);
    expect(() => new RidgeForecaster().fit(matrix([[1], [Number.NaN], [3]]), Float64Array.from([1, 2, 3]))).toThrow(
      'ridge: X[1][0] must be finite, got NaN',
    );
    expect(() => new RidgeForecaster().fit(X, Float64Array.from([1, 2, Number.NaN]))).toThrow(
      'ridge: y[2] must be finite, got NaN',
    );
    expect(() => new RidgeForecaster().fit(X, Float64Array.from([1, 2]))).toThrow(
      'ridge: y has 2 values for 3 rows of X',
    );
    expect(() => new RidgeForecaster().fit(matrix([[1]]), Float64Array.from([1]))).toThrow(
      'ridge: X needs at least 2 rows to fit, got 1',
    );
    expect(() => new RidgeForecaster({ lambda: -1 })).toThrow(ForecasterInputError);
    const r = new RidgeForecaster();
    r.fit(X, Float64Array.from([1, 2, 3]));
    expect(() => r.predict(matrix([[1, 2]]))).toThrow('ridge: X has 2 columns, the model was fit on 1');
    expect(() => new RidgeForecaster().predict(X)).toThrow('ridge: predict before fit');
  });
});
