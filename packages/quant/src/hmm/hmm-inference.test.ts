import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { HMMInputError, InvalidParamsError } from './hmm-errors';
import { filteredProbs, forwardStep, posteriorProbs, scoreHMM, viterbiPath } from './hmm-inference';
import type { CovarianceType, GaussianHMMParams, Matrix } from './hmm-types';

const K = 3;
const D = 2;
const base = {
  nStates: K,
  nFeatures: D,
  startProb: Float64Array.from([0.5, 0.3, 0.2]),
  transMat: Float64Array.from([0.9, 0.07, 0.03, 0.1, 0.8, 0.1, 0.05, 0.15, 0.8]),
  means: Float64Array.from([0.1, -0.2, 0.5, 0.4, -1, 1]),
};
/** Full covariance of state k for each type, so an equivalent full model can be built. */
const fullCovariances = [
  [0.5, 0.1, 0.1, 0.3],
  [1.2, -0.4, -0.4, 0.9],
  [2, 0.3, 0.3, 1.5],
];
const models: Record<CovarianceType, GaussianHMMParams> = {
  full: { ...base, covarianceType: 'full', covars: Float64Array.from(fullCovariances.flat()) },
  diag: { ...base, covarianceType: 'diag', covars: Float64Array.from([0.5, 0.3, 1.2, 0.9, 2, 1.5]) },
  spherical: { ...base, covarianceType: 'spherical', covars: Float64Array.from([0.4, 1.1, 1.8]) },
  tied: { ...base, covarianceType: 'tied', covars: Float64Array.from([0.7, 0.2, 0.2, 0.6]) },
};

/** The same model written as covariance type full. */
function asFull(p: GaussianHMMParams): GaussianHMMParams {
  const covars = new Float64Array(K * D * D);
  for (let k = 0; k < K; k++) {
    const c =
      p.covarianceType === 'full'
        ? Array.from(p.covars.subarray(k * 4, k * 4 + 4))
        : p.covarianceType === 'diag'
          ? [p.covars[k * 2]!, 0, 0, p.covars[k * 2 + 1]!]
          : p.covarianceType === 'spherical'
            ? [p.covars[k]!, 0, 0, p.covars[k]!]
            : Array.from(p.covars);
    covars.set(c, k * 4);
  }
  return { ...p, covarianceType: 'full', covars };
}

function series(T: number, seed: number, scale = 1): Matrix {
  const rng = createSeededRandom(seed);
  const data = new Float64Array(T * D);
  for (let i = 0; i < data.length; i++) data[i] = scale * (rng.normal() + (i % 2 ? 0.2 : -0.1));
  return { data, rows: T, cols: D };
}

/** Brute force: every one of K^T paths, densities from the 2x2 formula. */
function bruteForce(p: GaussianHMMParams, X: Matrix): { logLik: number; gamma: number[] } {
  const full = asFull(p);
  const density = (k: number, t: number) => {
    const [a, b, , d] = Array.from(full.covars.subarray(k * 4, k * 4 + 4)) as [number, number, number, number];
    const det = a * d - b * b;
    const y0 = X.data[t * 2]! - p.means[k * 2]!;
    const y1 = X.data[t * 2 + 1]! - p.means[k * 2 + 1]!;
    const q = (d * y0 * y0 - 2 * b * y0 * y1 + a * y1 * y1) / det;
    return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
  };
  const T = X.rows;
  let total = 0;
  const gamma = new Array<number>(T * K).fill(0);
  for (let code = 0; code < K ** T; code++) {
    const path = Array.from({ length: T }, (_, t) => Math.floor(code / K ** t) % K);
    let prob = p.startProb[path[0]!]! * density(path[0]!, 0);
    for (let t = 1; t < T; t++) prob *= p.transMat[path[t - 1]! * K + path[t]!]! * density(path[t]!, t);
    total += prob;
    path.forEach((s, t) => (gamma[t * K + s]! += prob));
  }
  return { logLik: Math.log(total), gamma: gamma.map((g) => g / total) };
}

describe('Gaussian HMM inference', () => {
  it.each(Object.keys(models) as CovarianceType[])(
    '%s: score and posteriors equal a brute-force sum over all paths',
    (type) => {
      const X = series(5, 11);
      const expected = bruteForce(models[type], X);
      const { logLikelihood, probs } = posteriorProbs(models[type], X);
      expect(logLikelihood).toBeCloseTo(expected.logLik, 12);
      probs.forEach((g, i) => expect(g).toBeCloseTo(expected.gamma[i]!, 12));
    },
  );

  it.each(['diag', 'spherical', 'tied'] as CovarianceType[])(
    '%s: scores, decodes and filters exactly like the equivalent full-covariance model',
    (type) => {
      const X = series(3000, 5);
      const model = models[type];
      const full = asFull(model);
      expect(Math.abs(scoreHMM(model, X) - scoreHMM(full, X))).toBeLessThan(1e-9 * Math.abs(scoreHMM(full, X)));
      expect(Array.from(viterbiPath(model, X).path)).toEqual(Array.from(viterbiPath(full, X).path));
      const a = filteredProbs(model, X);
      const b = filteredProbs(full, X);
      a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-12));
    },
  );

  it('forwardStep over a series reproduces filteredProbs bit for bit and sums to the score', () => {
    const X = series(2000, 3);
    for (const model of Object.values(models)) {
      const batch = filteredProbs(model, X);
      const out = new Float64Array(K);
      let prev: Float64Array | null = null;
      let logLik = 0;
      for (let t = 0; t < X.rows; t++) {
        logLik += forwardStep(model, prev, X.data.subarray(t * D, t * D + D), out);
        expect(Array.from(out), `row ${t}`).toEqual(Array.from(batch.subarray(t * K, t * K + K)));
        prev = out;
      }
      expect(logLik).toBeCloseTo(scoreHMM(model, X), 8);
    }
  });

  it('stays finite on a million rows, on outliers far from every state, and on transitions the model rules out', () => {
    const big = series(1_000_000, 2);
    const { logLikelihood, probs } = posteriorProbs(models.diag, big);
    expect(Number.isFinite(logLikelihood)).toBe(true);
    expect(probs.every((v) => v >= 0 && v <= 1 + 1e-12)).toBe(true);

    const X = series(200, 4);
    X.data[100 * 2] = 1e6; // 1e6 standard deviations from every state
    X.data[150 * 2 + 1] = -1e200;
    const structural: GaussianHMMParams = {
      ...models.full,
      // State 2 can only be entered from state 2, and the start rules it out: an outlier that only state 2
      // could explain forces the underflow path.
      startProb: Float64Array.from([0.5, 0.5, 0]),
      transMat: Float64Array.from([0.9, 0.1, 0, 0.2, 0.8, 0, 0.1, 0.1, 0.8]),
      means: Float64Array.from([0, 0, 0.1, 0.1, 50, 50]),
    };
    X.data[60 * 2] = 50;
    X.data[60 * 2 + 1] = 50;
    for (const model of [...Object.values(models), structural]) {
      const post = posteriorProbs(model, X);
      expect(Number.isFinite(post.logLikelihood), model.covarianceType).toBe(true);
      expect(post.probs.every((v) => Number.isFinite(v))).toBe(true);
      expect(filteredProbs(model, X).every((v) => Number.isFinite(v))).toBe(true);
      expect(Number.isFinite(viterbiPath(model, X).logProb)).toBe(true);
    }
  });

  it('rejects NaN observations and bad parameters with the cell or field named', () => {
    const X = series(10, 1);
    X.data[7] = Number.NaN;
    expect(() => scoreHMM(models.diag, X)).toThrow(HMMInputError);
    expect(() => scoreHMM(models.diag, X)).toThrow(expect.objectContaining({ row: 3, col: 1 }));
    const ok = series(10, 1);
    const notPd = { ...models.full, covars: Float64Array.from([1, 2, 2, 1, 1, 0, 0, 1, 1, 0, 0, 1]) };
    expect(() => scoreHMM(notPd, ok)).toThrow(
      expect.objectContaining({ name: 'InvalidParamsError', field: 'covars[0]' }),
    );
    const badRow = { ...models.diag, transMat: Float64Array.from([0.9, 0.2, 0, 0.1, 0.8, 0.1, 0.05, 0.15, 0.8]) };
    expect(() => scoreHMM(badRow, ok)).toThrow(expect.objectContaining({ field: 'transMat[0]' }));
    const short = { ...models.diag, means: new Float64Array(4) };
    expect(() => scoreHMM(short, ok)).toThrow(InvalidParamsError);
    expect(() => forwardStep(models.diag, null, [1], new Float64Array(K))).toThrow(/x/);
  });
});
