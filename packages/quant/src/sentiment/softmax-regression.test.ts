import { describe, expect, it } from 'vitest';
import { balancedSampleWeights, fitSoftmaxRegression, softmaxProbabilities } from './softmax-regression';
import type { SparseVector } from './tfidf';

const sparse = (values: number[]): SparseVector => {
  const indices = values.flatMap((v, i) => (v === 0 ? [] : [i]));
  return { indices: Int32Array.from(indices), values: Float64Array.from(indices, (i) => values[i]!) };
};

// Three classes, two features; class k leans on feature k (class 2 on neither), with overlap.
const X = [
  [1, 0],
  [0.8, 0.1],
  [0.9, 0.3],
  [0.2, 1],
  [0, 0.7],
  [0.4, 0.9],
  [0, 0],
  [0.1, 0.1],
  [0.3, 0.2],
  [0.6, 0.5],
].map(sparse);
const y = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];

describe('fitSoftmaxRegression', () => {
  const l2 = 0.05;
  const fit = fitSoftmaxRegression(X, y, 2, 3, { l2, lbfgs: { gradientTolerance: 1e-11, relativeTolerance: 0 } });
  const probs = X.map((row) => softmaxProbabilities(fit, row));

  it('meets the first-order conditions of the penalised loss at its end point', () => {
    expect(fit.converged).toBe(true);
    const n = X.length;
    for (let k = 0; k < 3; k++) {
      // Bias (unpenalised): mean predicted probability of class k = its share of the rows.
      const meanP = probs.reduce((s, p) => s + p[k]!, 0) / n;
      expect(meanP, `class ${k}`).toBeCloseTo(y.filter((c) => c === k).length / n, 8);
      // Weights: lambda w_kj = -(1/n) sum_i (p_ik - [y_i = k]) x_ij.
      for (let j = 0; j < 2; j++) {
        const residual = X.reduce((s, row, i) => {
          const x = row.indices.indexOf(j) === -1 ? 0 : row.values[row.indices.indexOf(j)]!;
          return s + (probs[i]![k]! - (y[i] === k ? 1 : 0)) * x;
        }, 0);
        expect(l2 * fit.weights[k * 2 + j]!, `w[${k}][${j}]`).toBeCloseTo(-residual / n, 8);
      }
    }
  });

  it('puts each training row most likely in its class where the classes are apart', () => {
    const predicted = probs.map((p) => p.indexOf(Math.max(...p)));
    expect(predicted.slice(0, 6)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(predicted[6]).toBe(2);
  });

  it('gives probabilities that sum to 1, also for an empty row (the bias alone)', () => {
    const p = softmaxProbabilities(fit, sparse([0, 0]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('balancedSampleWeights', () => {
  it('gives every class the same total weight, summing to the row count', () => {
    const w = balancedSampleWeights([0, 0, 0, 1], 2);
    expect(Array.from(w)).toEqual([4 / 6, 4 / 6, 4 / 6, 2]);
  });
});
