// Seeded data sets shared by the GBDT tests.
import type { Matrix } from '../../hmm/hmm-types';
import { createSeededRandom } from '../../random/seeded-random';

/** rows x cols uniform in [lo, hi), seeded. */
export function uniformMatrix(rows: number, cols: number, seed: number, lo = 0, hi = 1): Matrix {
  const rng = createSeededRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * rng.next();
  return { data, rows, cols };
}

export const column = (X: Matrix, f: number): Float64Array =>
  Float64Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + f]!);

export const matrixOf = (rows: readonly (readonly number[])[]): Matrix => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  cols: rows[0]?.length ?? 0,
});

export const mse = (a: Float64Array, b: Float64Array): number =>
  a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length;

export const logLoss = (p: Float64Array, y: Float64Array): number =>
  -p.reduce((s, v, i) => s + (y[i] === 1 ? Math.log(v) : Math.log(1 - v)), 0) / p.length;
