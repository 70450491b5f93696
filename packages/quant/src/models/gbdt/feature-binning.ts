// Quantile binning of features into at most 255 byte-sized bins, the step that makes histogram split finding cheap
// (LightGBM's BinMapper idea). Bin b of a feature holds values in (edges[b - 1], edges[b]]; the last bin is
// everything above the last edge, so values beyond the training range land in the first or last bin.
import type { Matrix } from '../../hmm/hmm-types';
import { gbdtInputError } from './gbdt.error';

/** Checks the shape and that no cell is NaN (training also rejects ±Infinity: a quantile of Infinity is no edge). */
export function assertFeatureMatrix(X: Matrix, options: { nFeatures?: number; allowInfinite: boolean }): void {
  if (!Number.isInteger(X.rows) || X.rows < 0 || !Number.isInteger(X.cols) || X.cols < 1)
    throw gbdtInputError('X', `has a bad shape ${X.rows} x ${X.cols}`);
  if (!(X.data instanceof Float64Array)) throw gbdtInputError('X.data', 'must be a Float64Array');
  if (X.data.length < X.rows * X.cols)
    throw gbdtInputError('X', `has ${X.data.length} values, its shape needs ${X.rows * X.cols}`);
  if (options.nFeatures !== undefined && X.cols !== options.nFeatures)
    throw gbdtInputError('X', `has ${X.cols} columns, the model was fitted on ${options.nFeatures}`);
  const n = X.rows * X.cols;
  for (let i = 0; i < n; i++) {
    const v = X.data[i]!;
    if (v - v !== 0 && (Number.isNaN(v) || !options.allowInfinite)) {
      const row = Math.floor(i / X.cols);
      throw gbdtInputError(
        `X[${row}][${i - row * X.cols}]`,
        `must be ${options.allowInfinite ? 'a number' : 'finite'}, got ${v}`,
      );
    }
  }
}

/**
 * Upper bin edges of one feature: distinct values each get a bin while there are at most maxBins of them;
 * otherwise bins are closed greedily at the quantiles k/maxBins of the sorted values. A run of tied values never
 * straddles an edge (an edge sits at the midpoint between two distinct values), so heavy ties get a bin of their own.
 */
export function featureEdges(values: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]! += 1;
    else {
      distinct.push(sorted[i]!);
      counts.push(1);
    }
  }
  // Halves first so ±1e308 cannot overflow; if rounding lands on the upper value, the lower one is still a valid edge.
  const midpoint = (k: number): number => {
    const a = distinct[k]!;
    const b = distinct[k + 1]!;
    const m = a / 2 + b / 2;
    return m < b ? m : a;
  };
  if (distinct.length <= maxBins)
    return Float64Array.from({ length: Math.max(0, distinct.length - 1) }, (_, k) => midpoint(k));
  const edges: number[] = [];
  let cumulative = 0;
  for (let k = 0; k < distinct.length - 1 && edges.length < maxBins - 1; k++) {
    cumulative += counts[k]!;
    if (cumulative >= ((edges.length + 1) * n) / maxBins) edges.push(midpoint(k));
  }
  return Float64Array.from(edges);
}

/** Edges for every column of X (validated: finite cells only). */
export function fitBinEdges(X: Matrix, maxBins: number): Float64Array[] {
  assertFeatureMatrix(X, { allowInfinite: false });
  const column = new Float64Array(X.rows);
  return Array.from({ length: X.cols }, (_, f) => {
    for (let i = 0; i < X.rows; i++) column[i] = X.data[i * X.cols + f]!;
    return featureEdges(column, maxBins);
  });
}

/** The bin of x: the first edge >= x, or the last bin when x is above every edge. */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Row-major bytes `bins[row * cols + f]`: histogram building walks a node's rows and reads each row's features together. */
export function binMatrix(X: Matrix, edges: readonly Float64Array[]): Uint8Array {
  const { rows, cols, data } = X;
  const bins = new Uint8Array(rows * cols);
  for (let f = 0; f < cols; f++) {
    const e = edges[f]!;
    for (let i = 0; i < rows; i++) bins[i * cols + f] = binOf(e, data[i * cols + f]!);
  }
  return bins;
}
