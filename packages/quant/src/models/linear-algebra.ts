import type { Matrix } from '../hmm/hmm-types';

/** Thrown when a normal-equations matrix is not positive definite (collinear or constant columns). */
export class SingularMatrixError extends Error {
  override readonly name = 'SingularMatrixError';
  constructor(
    /** Pivot where the factorisation failed (0 = intercept, j = feature column j - 1). */
    readonly pivot: number,
  ) {
    super(`matrix is not positive definite at pivot ${pivot}`);
  }
}

/**
 * Solves A x = b for a symmetric positive-definite n x n A (row-major) by Cholesky, A = L L^T, then two
 * triangular solves. Cheaper and more stable than a general inverse for normal equations of size p + 1.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        // relative threshold: a pivot lost to rounding is as singular as an exact zero
        if (!(s > 1e-12 * Math.max(1, Math.abs(A[i * n + i]!)))) throw new SingularMatrixError(i);
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j]!;
      }
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * z[k]!;
    z[i] = s / L[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/** Column means and population sds (ddof 0); a constant column gets sd 1 so it standardises to 0. */
export function columnMoments(X: Matrix, columns = X.cols): { mean: Float64Array; sd: Float64Array } {
  const mean = new Float64Array(columns);
  const sd = new Float64Array(columns);
  for (let j = 0; j < columns; j++) {
    let s = 0;
    for (let i = 0; i < X.rows; i++) s += X.data[i * X.cols + j]!;
    const m = s / X.rows;
    let ss = 0;
    for (let i = 0; i < X.rows; i++) ss += (X.data[i * X.cols + j]! - m) ** 2;
    mean[j] = m;
    const v = Math.sqrt(ss / X.rows);
    sd[j] = v > 1e-12 * Math.max(1, Math.abs(m)) ? v : 1;
  }
  return { mean, sd };
}

/**
 * The (p + 1) x (p + 1) Gram matrix Z^T W Z and Z^T W y of Z = [1, (X_j - mean_j) / sd_j] over the first
 * p columns of X (weights w default 1). Shared by ridge, AR(p) and each Newton step of the logistic fit.
 */
export function gram(
  X: Matrix,
  p: number,
  mean: Float64Array,
  sd: Float64Array,
  y: Float64Array,
  w?: Float64Array,
): { A: Float64Array; b: Float64Array } {
  const n = p + 1;
  const A = new Float64Array(n * n);
  const b = new Float64Array(n);
  const z = new Float64Array(n);
  z[0] = 1;
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < p; j++) z[j + 1] = (X.data[i * X.cols + j]! - mean[j]!) / sd[j]!;
    const wi = w === undefined ? 1 : w[i]!;
    for (let a = 0; a < n; a++) {
      const za = wi * z[a]!;
      b[a] = b[a]! + za * y[i]!;
      for (let c = 0; c <= a; c++) A[a * n + c] = A[a * n + c]! + za * z[c]!;
    }
  }
  for (let a = 0; a < n; a++) for (let c = 0; c < a; c++) A[c * n + a] = A[a * n + c]!;
  return { A, b };
}

/** intercept + sum_j coef_j (x_j - mean_j) / sd_j for every row, over the first coef.length columns. */
export function linearPredict(
  X: Matrix,
  intercept: number,
  coef: Float64Array,
  mean: Float64Array,
  sd: Float64Array,
): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = intercept;
    for (let j = 0; j < coef.length; j++) s += (coef[j]! * (X.data[i * X.cols + j]! - mean[j]!)) / sd[j]!;
    out[i] = s;
  }
  return out;
}
