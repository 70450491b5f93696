// The written-out kernels for K = 2, 3, 4 (forward-unrolled-k*, backward-unrolled-k*) against the generic
// loops on random models and data, for every K in {2, 3, 4}, D in {1, 2} and covariance type, plus models
// whose structural zeros force the underflow rescue rows, and series long enough to cross the kernels'
// chunk boundaries.
import { describe, expect, it } from 'vitest';
import { createSeededRandom, type SeededRandom } from '../random/seeded-random';
import { createEmission, setEmission } from './emission';
import { forwardPass } from './forward-backward';
import { createStats, createWorkspace, type SufficientStats } from './hmm-workspace';
import { backwardPosteriors, backwardStats } from './forward-backward-smooth';
import { COVARIANCE_TYPES, type CovarianceType, type GaussianHMMParams, type Matrix } from './hmm-types';
import { CHUNK_ROWS, FIRST_CHUNK_ROWS } from './kernel-chunks';
import { unrolledKernels } from './unrolled-kernels';

const TOL = 1e-12;

function randomDistribution(rng: SeededRandom, n: number, zeroAt = -1): number[] {
  const p = Array.from({ length: n }, (_, j) => (j === zeroAt ? 0 : 0.05 + rng.next()));
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / sum);
}

/**
 * A random model; `structuralZeros` starts the chain in state 0 and makes it absorbing, so every row that
 * another state explains far better underflows and takes the rescue path.
 */
function randomModel(
  rng: SeededRandom,
  K: number,
  D: number,
  covarianceType: CovarianceType,
  structuralZeros: boolean,
): GaussianHMMParams {
  const transMat = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    const row = structuralZeros && i === 0 ? [1, ...Array<number>(K - 1).fill(0)] : randomDistribution(rng, K);
    transMat.set(row, i * K);
  }
  const means = Float64Array.from({ length: K * D }, () => 3 * rng.normal());
  const spd = (): number[] => {
    // B Bᵀ + 0.1 I, random correlation
    const B = Array.from({ length: D * D }, () => rng.normal());
    const S: number[] = [];
    for (let i = 0; i < D; i++)
      for (let j = 0; j < D; j++) {
        let s = i === j ? 0.1 : 0;
        for (let k = 0; k < D; k++) s += B[i * D + k]! * B[j * D + k]!;
        S.push(s);
      }
    return S;
  };
  const covars = {
    diag: () => Float64Array.from({ length: K * D }, () => 0.05 + rng.next()),
    spherical: () => Float64Array.from({ length: K }, () => 0.05 + rng.next()),
    full: () => Float64Array.from(Array.from({ length: K }, spd).flat()),
    tied: () => Float64Array.from(spd()),
  }[covarianceType]();
  return {
    nStates: K,
    nFeatures: D,
    covarianceType,
    startProb: Float64Array.from(structuralZeros ? [1, ...Array<number>(K - 1).fill(0)] : randomDistribution(rng, K)),
    transMat,
    means,
    covars,
  };
}

/** Rows drawn around random state means, with far outliers every so often. */
function randomData(rng: SeededRandom, params: GaussianHMMParams, T: number): Matrix {
  const { nStates: K, nFeatures: D, means } = params;
  const data = new Float64Array(T * D);
  for (let t = 0; t < T; t++) {
    const k = Math.floor(rng.next() * K);
    const outlier = t % 97 === 50 ? 60 : 0;
    for (let d = 0; d < D; d++) data[t * D + d] = means[k * D + d]! + rng.normal() + outlier;
  }
  return { data, rows: T, cols: D };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    // NaN only where the generic path has it too (0 * Inf in ξ ⊙ A at a structural zero, ignored by the M-step).
    if (Object.is(a, e)) continue;
    const err = Math.abs(a - e);
    expect(err <= TOL * Math.abs(e), `${what}[${i}]: ${a} vs generic ${e}`).toBe(true);
  }
}

function eStep(params: GaussianHMMParams, X: Matrix, kernels: boolean) {
  const K = params.nStates;
  const em = createEmission(K, X.cols);
  setEmission(em, params);
  const ws = createWorkspace(X.rows, K);
  const full = params.covarianceType === 'full' || params.covarianceType === 'tied';
  const stats: SufficientStats = createStats(K, X.cols, full);
  const logLik = forwardPass(em, params.startProb, params.transMat, X, ws, kernels);
  const alpha = ws.alpha.slice();
  const b = ws.b.slice();
  const gamma = new Float64Array(X.rows * K);
  backwardPosteriors(params.transMat, X, ws, gamma);
  backwardStats(params.transMat, X, ws, stats, kernels);
  return { logLik, alpha, b, gamma, stats };
}

function expectSameEStep(params: GaussianHMMParams, X: Matrix): void {
  const kernel = eStep(params, X, true);
  const generic = eStep(params, X, false);
  expect(Number.isFinite(generic.logLik)).toBe(true);
  expectClose([kernel.logLik], [generic.logLik], 'logLik');
  expectClose(kernel.alpha, generic.alpha, 'alpha');
  expectClose(kernel.b, generic.b, 'b');
  expectClose(kernel.gamma, generic.gamma, 'gamma');
  for (const key of ['post', 'start', 'trans', 'obs', 'obs2'] as const)
    expectClose(kernel.stats[key], generic.stats[key], key);
}

describe('written-out kernels give the generic results', () => {
  it('exist for K = 2, 3, 4 only (other K run the generic loops)', () => {
    expect([1, 2, 3, 4, 5].map((K) => unrolledKernels(K) !== null)).toEqual([false, true, true, true, false]);
  });

  for (const K of [2, 3, 4])
    for (const D of [1, 2])
      for (const covarianceType of COVARIANCE_TYPES)
        for (const structuralZeros of [false, true])
          it(`K=${K} D=${D} ${covarianceType}${structuralZeros ? ' with structural zeros and underflowing rows' : ''}`, () => {
            const rng = createSeededRandom(1000 * K + 100 * D + COVARIANCE_TYPES.indexOf(covarianceType));
            const params = randomModel(rng, K, D, covarianceType, structuralZeros);
            expectSameEStep(params, randomData(rng, params, 3000));
          });

  for (const K of [2, 3, 4])
    for (const D of [1, 2])
      for (const covarianceType of ['diag', 'full'] as const)
        it(`K=${K} D=${D} ${covarianceType} across chunk boundaries (${2 * CHUNK_ROWS + 1001} rows)`, () => {
          const rng = createSeededRandom(7000 + 100 * K + 10 * D + COVARIANCE_TYPES.indexOf(covarianceType));
          const params = randomModel(rng, K, D, covarianceType, true);
          expectSameEStep(params, randomData(rng, params, 2 * CHUNK_ROWS + 1001));
        });

  for (const K of [2, 3, 4])
    for (const D of [1, 2])
      it(`K=${K} D=${D}: every row underflows (row 0, consecutive rows, both sides of chunk edges)`, () => {
        // State 0 starts, absorbs and has a tiny variance; every row sits at state 1's mean.
        const transMat = new Float64Array(K * K).fill(1 / K);
        transMat.fill(0, 0, K);
        transMat[0] = 1;
        const startProb = new Float64Array(K);
        startProb[0] = 1;
        const means = Float64Array.from({ length: K * D }, (_, i) => Math.floor(i / D));
        const covars = Float64Array.from({ length: K * D }, (_, i) => (i < D ? 1e-4 : 1));
        const params: GaussianHMMParams = {
          nStates: K,
          nFeatures: D,
          covarianceType: 'diag',
          startProb,
          transMat,
          means,
          covars,
        };
        const T = 4 * FIRST_CHUNK_ROWS + 3;
        const X: Matrix = { data: new Float64Array(T * D).fill(1), rows: T, cols: D };
        expectSameEStep(params, X);
        const { b } = eStep(params, X, true);
        for (let t = 0; t < T; t++)
          expect(Math.max(...b.subarray(t * K, t * K + K)), `row ${t} re-referenced`).toBeGreaterThan(1);
      });

  for (const K of [2, 3, 4])
    it(`K=${K}: underflowing rows are really exercised by the structural-zero models`, () => {
      const rng = createSeededRandom(3101);
      const params = randomModel(rng, K, 2, 'diag', true);
      const X = randomData(rng, params, 3000);
      const { b } = eStep(params, X, true);
      // The rescue re-references a row on a state other than its most likely one, so some b in the row is > 1.
      let rescued = 0;
      for (let t = 0; t < X.rows; t++) if (Math.max(...b.subarray(t * K, t * K + K)) > 1) rescued++;
      expect(rescued, 'rows that took the rescue path').toBeGreaterThan(0);
    });
});
