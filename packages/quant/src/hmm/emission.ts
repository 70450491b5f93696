// Gaussian emission log-densities, one observation row at a time. Parameters are factored once per EM
// iteration (inverse variances / inverse Cholesky factors and log-normalisers) so the per-row kernel is a
// few multiply-adds per state and allocates nothing. Spherical is expanded to diag and tied to full, so only
// two kernels exist.
import { choleskyInPlace, invertLower } from './emission-linalg';
import { InvalidParamsError } from './hmm-errors';
import type { GaussianHMMParams, Matrix } from './hmm-types';

const LOG_2PI = Math.log(2 * Math.PI);
/**
 * Log-densities are clamped here (also turning a NaN from 0 * Inf into a number): a point so far from every
 * state that its log-density would overflow still gives a finite, if absurd, log-likelihood.
 */
export const LOG_DENSITY_FLOOR = -1e250;

export interface Emission {
  readonly K: number;
  readonly D: number;
  /** true: full/tied kernel (factor holds L⁻¹ per state); false: diag/spherical (factor holds 1/variance). */
  full: boolean;
  readonly means: Float64Array;
  readonly factor: Float64Array;
  readonly logNorm: Float64Array;
  readonly diff: Float64Array;
  readonly chol: Float64Array;
}

export function createEmission(K: number, D: number): Emission {
  return {
    K,
    D,
    full: false,
    means: new Float64Array(K * D),
    factor: new Float64Array(K * D * D),
    logNorm: new Float64Array(K),
    diff: new Float64Array(D),
    chol: new Float64Array(D * D),
  };
}

/** Factors `params` into `em`; throws InvalidParamsError when a covariance is not positive definite. */
export function setEmission(em: Emission, params: GaussianHMMParams): void {
  const { K, D } = em;
  const { covars, covarianceType } = params;
  em.means.set(params.means);
  em.full = covarianceType === 'full' || covarianceType === 'tied';
  if (!em.full) {
    for (let k = 0; k < K; k++) {
      let logDet = 0;
      for (let d = 0; d < D; d++) {
        // hmmlearn floors each variance at the smallest positive double before using it.
        const v = Math.max(covarianceType === 'spherical' ? covars[k]! : covars[k * D + d]!, Number.MIN_VALUE);
        em.factor[k * D + d] = 1 / v;
        logDet += Math.log(v);
      }
      em.logNorm[k] = -0.5 * (D * LOG_2PI + logDet);
    }
    return;
  }
  const chol = em.chol;
  for (let k = 0; k < K; k++) {
    const source = covarianceType === 'tied' ? 0 : k * D * D;
    if (covarianceType === 'full' || k === 0) {
      chol.set(covars.subarray(source, source + D * D));
      if (!choleskyInPlace(chol, 0, D)) {
        // hmmlearn's retry for a matrix that is positive semi-definite up to rounding.
        chol.set(covars.subarray(source, source + D * D));
        for (let d = 0; d < D; d++) chol[d * D + d] = chol[d * D + d]! + 1e-7;
        if (!choleskyInPlace(chol, 0, D))
          throw new InvalidParamsError(
            covarianceType === 'tied' ? 'covars' : `covars[${k}]`,
            'covariance matrix is not positive definite',
          );
      }
    }
    invertLower(chol, 0, em.factor, k * D * D, D);
    let logDet = 0;
    for (let d = 0; d < D; d++) logDet += 2 * Math.log(chol[d * D + d]!);
    em.logNorm[k] = -0.5 * (D * LOG_2PI + logDet);
  }
}

/** Writes log N(x | state k) for every k into `out` and returns the largest. */
export function emissionRow(em: Emission, x: Float64Array, xOff: number, out: Float64Array): number {
  const { K, D, means, factor, logNorm } = em;
  let max = -Infinity;
  if (!em.full) {
    for (let k = 0; k < K; k++) {
      let q = 0;
      const base = k * D;
      for (let d = 0; d < D; d++) {
        const y = x[xOff + d]! - means[base + d]!;
        q += y * y * factor[base + d]!;
      }
      let v = logNorm[k]! - 0.5 * q;
      if (!(v > LOG_DENSITY_FLOOR)) v = LOG_DENSITY_FLOOR;
      out[k] = v;
      if (v > max) max = v;
    }
    return max;
  }
  const diff = em.diff;
  for (let k = 0; k < K; k++) {
    const mBase = k * D;
    for (let d = 0; d < D; d++) diff[d] = x[xOff + d]! - means[mBase + d]!;
    const fBase = k * D * D;
    let q = 0;
    for (let i = 0; i < D; i++) {
      let z = 0;
      const row = fBase + i * D;
      for (let j = 0; j <= i; j++) z += factor[row + j]! * diff[j]!;
      q += z * z;
    }
    let v = logNorm[k]! - 0.5 * q;
    if (!(v > LOG_DENSITY_FLOOR)) v = LOG_DENSITY_FLOOR;
    out[k] = v;
    if (v > max) max = v;
  }
  return max;
}

/** emissionRow for every row of X, diag kernel: log-densities into out (T x K), row maxima into rowMax. */
export function emissionDiag(em: Emission, X: Matrix, out: Float64Array, rowMax: Float64Array): void {
  const { K, D, means, factor, logNorm } = em;
  const x = X.data;
  const T = X.rows;
  for (let t = 0; t < T; t++) {
    const xOff = t * D;
    const oOff = t * K;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let q = 0;
      const base = k * D;
      for (let d = 0; d < D; d++) {
        const y = x[xOff + d]! - means[base + d]!;
        q += y * y * factor[base + d]!;
      }
      let v = logNorm[k]! - 0.5 * q;
      if (!(v > LOG_DENSITY_FLOOR)) v = LOG_DENSITY_FLOOR;
      out[oOff + k] = v;
      if (v > max) max = v;
    }
    rowMax[t] = max;
  }
}

/** emissionRow for every row of X, full kernel (L⁻¹ (x - μ)): log-densities into out, row maxima into rowMax. */
export function emissionFull(em: Emission, X: Matrix, out: Float64Array, rowMax: Float64Array): void {
  const { K, D, means, factor, logNorm, diff } = em;
  const x = X.data;
  const T = X.rows;
  for (let t = 0; t < T; t++) {
    const xOff = t * D;
    const oOff = t * K;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      const mBase = k * D;
      for (let d = 0; d < D; d++) diff[d] = x[xOff + d]! - means[mBase + d]!;
      const fBase = k * D * D;
      let q = 0;
      for (let i = 0; i < D; i++) {
        let z = 0;
        const row = fBase + i * D;
        for (let j = 0; j <= i; j++) z += factor[row + j]! * diff[j]!;
        q += z * z;
      }
      let v = logNorm[k]! - 0.5 * q;
      if (!(v > LOG_DENSITY_FLOOR)) v = LOG_DENSITY_FLOOR;
      out[oOff + k] = v;
      if (v > max) max = v;
    }
    rowMax[t] = max;
  }
}
