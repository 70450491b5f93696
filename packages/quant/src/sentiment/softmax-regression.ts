import { minimizeLbfgs, type LbfgsOptions } from './lbfgs';
import type { SparseVector } from './tfidf';

/** Multinomial logistic regression: P(k | x) = softmax_k(bias_k + weights[k] . x). */
export interface SoftmaxModel {
  classes: number;
  features: number;
  /** classes x features, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

export interface SoftmaxFitOptions {
  /** L2 penalty lambda on the weights (not the bias), added to the mean loss as lambda/2 ||W||^2. */
  l2: number;
  /** Per-row weights (e.g. to balance classes); 1 each when omitted. */
  sampleWeights?: Float64Array;
  lbfgs?: Partial<LbfgsOptions>;
}

export interface SoftmaxFit extends SoftmaxModel {
  /** The objective at the end: weighted mean cross-entropy plus the penalty. */
  loss: number;
  iterations: number;
  converged: boolean;
}

/** log-sum-exp of the logits, written as probabilities into `out`. */
function softmaxInPlace(out: Float64Array): number {
  let max = -Infinity;
  for (const z of out) max = Math.max(max, z);
  let sum = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = Math.exp(out[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < out.length; k++) out[k] = out[k]! / sum;
  return max + Math.log(sum);
}

function logits(weights: Float64Array, bias: Float64Array, features: number, row: SparseVector, out: Float64Array) {
  for (let k = 0; k < out.length; k++) {
    let z = bias[k]!;
    const offset = k * features;
    for (let j = 0; j < row.indices.length; j++) z += weights[offset + row.indices[j]!]! * row.values[j]!;
    out[k] = z;
  }
}

/** Class probabilities of one row. */
export function softmaxProbabilities(model: SoftmaxModel, row: SparseVector): Float64Array {
  const out = new Float64Array(model.classes);
  logits(model.weights, model.bias, model.features, row, out);
  softmaxInPlace(out);
  return out;
}

/**
 * Fits by full-batch L-BFGS from all-zero parameters. The objective is strictly convex in the weights, so
 * the optimum does not depend on a start or a seed, and the fit is deterministic.
 */
export function fitSoftmaxRegression(
  rows: readonly SparseVector[],
  labels: ArrayLike<number>,
  features: number,
  classes: number,
  options: SoftmaxFitOptions,
): SoftmaxFit {
  if (rows.length !== labels.length) throw new RangeError(`${rows.length} rows but ${labels.length} labels`);
  const sampleWeights = options.sampleWeights ?? new Float64Array(rows.length).fill(1);
  let totalWeight = 0;
  for (const w of sampleWeights) totalWeight += w;
  const wSize = classes * features;
  const p = new Float64Array(classes);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    const weights = theta.subarray(0, wSize);
    const bias = theta.subarray(wSize);
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const y = labels[i]!;
      const coef = sampleWeights[i]! / totalWeight;
      logits(weights, bias, features, row, p);
      const zy = p[y]!;
      loss += coef * (softmaxInPlace(p) - zy);
      for (let k = 0; k < classes; k++) {
        const r = coef * (p[k]! - (k === y ? 1 : 0));
        grad[wSize + k] = grad[wSize + k]! + r;
        const offset = k * features;
        for (let j = 0; j < row.indices.length; j++) {
          const at = offset + row.indices[j]!;
          grad[at] = grad[at]! + r * row.values[j]!;
        }
      }
    }
    let penalty = 0;
    for (let a = 0; a < wSize; a++) {
      penalty += weights[a]! * weights[a]!;
      grad[a] = grad[a]! + options.l2 * weights[a]!;
    }
    return loss + 0.5 * options.l2 * penalty;
  };
  const result = minimizeLbfgs(objective, new Float64Array(wSize + classes), options.lbfgs);
  return {
    classes,
    features,
    weights: result.x.slice(0, wSize),
    bias: result.x.slice(wSize),
    loss: result.value,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** Row weights n / (classes x count of the row's class), so every class carries the same total weight. */
export function balancedSampleWeights(labels: ArrayLike<number>, classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!] = counts[labels[i]!]! + 1;
  return Float64Array.from({ length: labels.length }, (_, i) => labels.length / (classes * counts[labels[i]!]!));
}
