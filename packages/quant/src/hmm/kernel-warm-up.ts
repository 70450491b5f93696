// Runs the written-out kernels of one K on a small made-up series before their first real use, so that
// every branch they have (D = 1 and 2, diag and full, the first row, the stop at an underflowing row, exp's
// far tail, the scale product's flush) has V8 type feedback before V8 optimises them.
//
// Why: a kernel is first optimised while a long call is still running its loop, so V8 compiles the loop on
// its own too (on-stack replacement, OSR). When the whole-function code later deoptimises (a branch it had
// no feedback for, such as the first row of the next pass), every later call enters that OSR code at the
// loop, and code entered there never counts towards re-optimising the function. The OSR code keeps the
// loop's numbers boxed, so the fit ran ~1.5x slower until the process ended (bench/hmm.bench.ts,
// docs/benchmarks.md 2026-12-06). With feedback for every branch the kernels have nothing left to
// deoptimise on; the other half of the cure is that they take arrays and numbers, not objects whose shapes
// can change elsewhere in the process (kernel-chunks.ts).
import { createEmission, emissionDiag, emissionFull, setEmission } from './emission';
import type { CovarianceType, GaussianHMMParams, Matrix } from './hmm-types';
import { createStats, createWorkspace } from './hmm-workspace';
import type { UnrolledKernels } from './unrolled-kernels';

/** 64 rows: chunks of 16, 32 and 16, so a pass makes first, middle and last calls. */
const ROWS = 64;
/** V8 allocates a function's feedback vector only after its first few calls; later rounds fill it. */
const ROUNDS = 4;

/**
 * The series: state 0 absorbs (A[0][0] = 1) and starts with probability 1, and has a tiny variance, so
 * rows at state 1's mean underflow every state the past allows (the stop, and exp of < -700), rows just
 * off state 0's mean give scales of 1e-39 to 1e-20 (the product flush), and the rest are ordinary.
 */
function warmUpSeries(D: number): Matrix {
  const data = new Float64Array(ROWS * D);
  for (let t = 0; t < ROWS; t++) {
    const value = t % 16 === 7 ? 1 : t % 4 === 1 ? 0.1 : 0.001 * (t % 3);
    for (let d = 0; d < D; d++) data[t * D + d] = value;
  }
  return { data, rows: ROWS, cols: D };
}

function warmUpParams(K: number, D: number, covarianceType: CovarianceType): GaussianHMMParams {
  const transMat = new Float64Array(K * K);
  transMat[0] = 1;
  for (let i = 1; i < K; i++) for (let j = 0; j < K; j++) transMat[i * K + j] = 1 / K;
  const startProb = new Float64Array(K);
  startProb[0] = 1;
  const means = new Float64Array(K * D);
  for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) means[k * D + d] = k;
  const variance = (k: number) => (k === 0 ? 1e-4 : 1);
  const full = covarianceType === 'full';
  const covars = new Float64Array(full ? K * D * D : K * D);
  for (let k = 0; k < K; k++)
    for (let d = 0; d < D; d++) covars[full ? k * D * D + d * D + d : k * D + d] = variance(k);
  return { nStates: K, nFeatures: D, covarianceType, startProb, transMat, means, covars };
}

/** The warm-up's models and series: D in {1, 2} x layout in {diag, full}. */
export function warmUpCases(K: number): { params: GaussianHMMParams; X: Matrix }[] {
  return [1, 2].flatMap((D) =>
    (['diag', 'full'] as const).map((covarianceType) => ({
      params: warmUpParams(K, D, covarianceType),
      X: warmUpSeries(D),
    })),
  );
}

/** One forward and one statistics pass per warm-up case, ROUNDS times. */
export function warmUpKernels(K: number, kernels: UnrolledKernels): void {
  const cases = warmUpCases(K);
  for (let round = 0; round < ROUNDS; round++)
    for (const { params, X } of cases) {
      const em = createEmission(K, X.cols);
      setEmission(em, params);
      const ws = createWorkspace(X.rows, K);
      const fused = X.cols === 2;
      if (!fused) (em.full ? emissionFull : emissionDiag)(em, X, ws.b, ws.rowMax);
      kernels.forward(em, params.startProb, params.transMat, X, ws, fused);
      kernels.backwardStats(params.transMat, X, ws, createStats(K, X.cols, em.full));
    }
}
