import { HMMInputError, InvalidParamsError } from './hmm-errors';
import type { Matrix } from './hmm-types';

/**
 * Per-column affine map z = (x - mean) / scale, fitted on the training window and stored with the model,
 * so live bars are scaled exactly as the training rows were. scale is the population sd (ddof 0, like
 * sklearn's StandardScaler). Standardising puts daily returns (~1e-2) on the unit scale that minCovar and
 * the k-means init assume (reference README §5: raw returns make hmmlearn's defaults misbehave).
 */
export interface Standardizer {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

/** A feature column that does not vary on the training window: it carries no regime information. */
export class ConstantFeatureError extends Error {
  override readonly name = 'ConstantFeatureError';
  constructor(
    readonly column: number,
    readonly feature: string,
    readonly value: number,
  ) {
    super(`feature "${feature}" (column ${column}) is constant (${value}) on the training window; drop it`);
  }
}

/** Mean and population sd of each column. Throws ConstantFeatureError (named by `names`) when sd is 0. */
export function fitStandardizer(X: Matrix, names?: readonly string[]): Standardizer {
  const { rows: T, cols: D, data } = X;
  if (T < 2) throw new InvalidParamsError('X', `a standardiser needs at least 2 rows, got ${T}`);
  const mean = new Float64Array(D);
  const scale = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const v = data[t * D + d]!;
      if (!Number.isFinite(v)) throw new HMMInputError(t, d, Number.isNaN(v) ? 'NaN' : `${v}`);
      sum += v;
    }
    const m = sum / T;
    let ss = 0;
    for (let t = 0; t < T; t++) {
      const e = data[t * D + d]! - m;
      ss += e * e;
    }
    const sd = Math.sqrt(ss / T);
    // Below ~1e-12 of the level the column is constant up to rounding; dividing would amplify noise.
    if (!(sd > 1e-12 * Math.max(1, Math.abs(m)))) throw new ConstantFeatureError(d, names?.[d] ?? `column ${d}`, m);
    mean[d] = m;
    scale[d] = sd;
  }
  return { mean, scale };
}

function assertWidth(std: Standardizer, cols: number): void {
  if (std.mean.length !== cols) {
    throw new InvalidParamsError('standardizer', `fitted on ${std.mean.length} columns, applied to ${cols}`);
  }
}

/** A new standardised matrix. Same arithmetic as standardizeRow, so batch and online rows are identical. */
export function standardize(std: Standardizer, X: Matrix): Matrix {
  assertWidth(std, X.cols);
  const D = X.cols;
  const out = new Float64Array(X.rows * D);
  for (let t = 0; t < X.rows; t++) {
    for (let d = 0; d < D; d++) out[t * D + d] = (X.data[t * D + d]! - std.mean[d]!) / std.scale[d]!;
  }
  return { data: out, rows: X.rows, cols: D };
}

/** Standardises one row into `out` (no allocation; the online tracker calls it per bar). */
export function standardizeRow(std: Standardizer, row: ArrayLike<number>, out: Float64Array): Float64Array {
  const D = std.mean.length;
  for (let d = 0; d < D; d++) out[d] = (row[d]! - std.mean[d]!) / std.scale[d]!;
  return out;
}

/**
 * Maps parameters fitted on standardised features back to feature units: means m * scale + mean,
 * covariances scaled by scale_i * scale_j. Used for statistics and names (a standardised mean return is
 * measured from the sample mean, so its sign is not the sign of the return).
 */
export function unstandardizeMoments(
  std: Standardizer,
  means: Float64Array,
  variances: Float64Array,
): { means: Float64Array; variances: Float64Array } {
  const D = std.mean.length;
  const K = means.length / D;
  const m = new Float64Array(means.length);
  const v = new Float64Array(variances.length);
  for (let k = 0; k < K; k++) {
    for (let d = 0; d < D; d++) {
      m[k * D + d] = means[k * D + d]! * std.scale[d]! + std.mean[d]!;
      v[k * D + d] = variances[k * D + d]! * std.scale[d]! * std.scale[d]!;
    }
  }
  return { means: m, variances: v };
}
