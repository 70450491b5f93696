import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { ARForecaster } from './ar-model';

/** r_t = c + phi r_{t-1} + e_t, seeded; returns X = [r_{t}, r_{t-1}] and y = r_{t+1}. */
function simulateAR1(phi: number, c: number, n: number, seed: number) {
  const rng = createSeededRandom(seed);
  const r = [0];
  for (let t = 1; t < n + 2; t++) r.push(c + phi * r[t - 1]! + 0.01 * rng.normal());
  const data = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    data[i * 2] = r[i + 1]!;
    data[i * 2 + 1] = r[i]!;
    y[i] = r[i + 2]!;
  }
  return { X: { data, rows: n, cols: 2 }, y };
}

describe('ARForecaster', () => {
  it('recovers phi = 0.6 of a simulated AR(1) within 0.03 (seeded, 5000 steps)', () => {
    const { X, y } = simulateAR1(0.6, 0.001, 5000, 21);
    const ar = new ARForecaster({ p: 1 });
    ar.fit(X, y);
    const { intercept, phi } = ar.coefficients();
    expect(Math.abs(phi[0]! - 0.6)).toBeLessThan(0.03);
    expect(intercept).toBeCloseTo(0.001, 3);
    // AR(2) on AR(1) data: the second lag is ~0
    const ar2 = new ARForecaster({ p: 2 });
    ar2.fit(X, y);
    expect(Math.abs(ar2.coefficients().phi[1]!)).toBeLessThan(0.03);
  });

  it('uses only its lag columns and names the shortfall when X has too few', () => {
    const { X, y } = simulateAR1(0.6, 0, 100, 2);
    expect(() => new ARForecaster({ p: 3 }).fit(X, y)).toThrow('ar: X needs at least 3 columns, got 2');
    expect(() => new ARForecaster({ p: 1 }).fit({ data: X.data.slice(0, 4), rows: 2, cols: 2 }, y.slice(0, 2))).toThrow(
      'ar: X needs at least 3 rows to fit, got 2',
    );
  });
});
