import { describe, expect, it } from 'vitest';
import type { Matrix } from '../hmm/hmm-types';
import { createSeededRandom } from '../random/seeded-random';
import { LogisticForecaster } from './logistic';

const column = (values: number[]): Matrix => ({ data: Float64Array.from(values), rows: values.length, cols: 1 });

describe('LogisticForecaster', () => {
  it('finds the analytic MLE of one binary feature: intercept logit(p0), slope logit(p1) - logit(p0)', () => {
    // x = 0: 3 ups of 4 (p0 = 3/4), x = 1: 1 up of 4 (p1 = 1/4) -> intercept ln 3, slope -2 ln 3
    const X = column([0, 0, 0, 0, 1, 1, 1, 1]);
    const y = Float64Array.from([1, 1, 1, 0, 1, 0, 0, 0]);
    const m = new LogisticForecaster({ lambda: 0 });
    m.fit(X, y);
    expect(m.converged, 'Newton converges on a problem with a finite MLE').toBe(true);
    expect(m.iterations).toBeLessThan(15);
    const { intercept, slopes } = m.coefficients();
    expect(intercept).toBeCloseTo(Math.log(3), 9);
    expect(slopes[0]).toBeCloseTo(-2 * Math.log(3), 9);
    expect(Array.from(m.predict(column([0, 1]))).map((p) => Number(p.toFixed(9)))).toEqual([0.75, 0.25]);
  });

  it('gives intercept 0 on data symmetric about the origin, and shrinks the slope as lambda grows', () => {
    const rng = createSeededRandom(4);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 200; i++) {
      const x = rng.normal();
      const y = rng.next() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0;
      xs.push(x, -x); // mirror each point with the opposite label: the fit must be odd in x
      ys.push(y, 1 - y);
    }
    const slopes = [0, 1, 100].map((lambda) => {
      const m = new LogisticForecaster({ lambda });
      m.fit(column(xs), Float64Array.from(ys));
      expect(m.converged).toBe(true);
      expect(Math.abs(m.coefficients().intercept), `lambda ${lambda}`).toBeLessThan(1e-9);
      return m.coefficients().slopes[0]!;
    });
    expect(slopes[0]).toBeGreaterThan(1.5); // true slope 2
    expect(slopes[0]).toBeLessThan(2.5);
    expect(slopes[1]).toBeLessThan(slopes[0]!);
    expect(slopes[2]).toBeLessThan(slopes[1]!);
  });

  it('stays finite on separable data with lambda > 0 and reports non-convergence without it', () => {
    const X = column([-2, -1, 1, 2]);
    const y = Float64Array.from([0, 0, 1, 1]);
    const reg = new LogisticForecaster({ lambda: 1 });
    reg.fit(X, y);
    expect(reg.converged).toBe(true);
    const free = new LogisticForecaster({ lambda: 0, maxIter: 30 });
    free.fit(X, y);
    expect(free.converged).toBe(false);
    expect(Array.from(free.predict(X)).every(Number.isFinite)).toBe(true);
  });

  it('rejects labels other than 0/1, naming the position', () => {
    expect(() => new LogisticForecaster().fit(column([1, 2, 3]), Float64Array.from([0, 1, 0.5]))).toThrow(
      'logistic: y[2] must be a 0/1 label, got 0.5',
    );
  });
});
