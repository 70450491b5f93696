// The backward half of forward-backward, fused with what consumes it: the M-step's sufficient statistics
// (one loop per covariance family, no per-row branching) or the smoothed posteriors. β is renormalised at
// every row so that Σ_i α̂_t[i] β_t[i] = 1; γ_t = α̂_t ⊙ β_t and the per-step ξ_t then come out normalised
// (as hmmlearn's) whatever the scale, and β can neither overflow nor underflow.
import type { HMMWorkspace, SufficientStats } from './hmm-workspace';
import type { Matrix } from './hmm-types';
import { unrolledKernels } from './unrolled-kernels';

const BETA_CAP = 1e300;

/**
 * β_{t-1} from β_t (in ws.beta, replaced), and ξ_{t-1} accumulated without its A[i,j] factor (applied once
 * at the end) when `xi` is given.
 */
function stepBack(transMat: Float64Array, ws: HMMWorkspace, t: number, xi: Float64Array | null): void {
  const { K, alpha, b, beta, betaPrev, w } = ws;
  const bOff = t * K;
  for (let j = 0; j < K; j++) w[j] = b[bOff + j]! * beta[j]!;
  const pOff = bOff - K;
  let gp = 0;
  for (let i = 0, base = 0; i < K; i++, base += K) {
    let s = 0;
    for (let j = 0; j < K; j++) s += transMat[base + j]! * w[j]!;
    betaPrev[i] = s;
    gp += alpha[pOff + i]! * s;
  }
  // Only reachable when structural zeros in A meet capped emission ratios: restart β rather than divide by 0.
  if (!(gp > 0 && gp < Infinity)) {
    betaPrev.fill(1);
    gp = 1;
  }
  const invGp = 1 / gp;
  if (xi !== null) {
    for (let i = 0, base = 0; i < K; i++, base += K) {
      const ai = alpha[pOff + i]! * invGp;
      for (let j = 0; j < K; j++) xi[base + j] = xi[base + j]! + ai * w[j]!;
    }
  }
  for (let i = 0; i < K; i++) {
    const v = betaPrev[i]! * invGp;
    beta[i] = v < BETA_CAP ? v : BETA_CAP;
  }
}

/** 1 / Σ_i α̂_t[i] β_t[i]: the normaliser of γ_t. */
function gammaNorm(ws: HMMWorkspace, t: number): number {
  const { K, alpha, beta } = ws;
  let g = 0;
  for (let i = 0; i < K; i++) g += alpha[t * K + i]! * beta[i]!;
  return 1 / g;
}

/** Smoothed posteriors γ (T x K) into `gammaOut`, after forwardPass. */
export function backwardPosteriors(transMat: Float64Array, X: Matrix, ws: HMMWorkspace, gammaOut: Float64Array): void {
  const { K, alpha, beta } = ws;
  beta.fill(1);
  for (let t = X.rows - 1; t >= 0; t--) {
    const inv = gammaNorm(ws, t);
    for (let i = 0; i < K; i++) gammaOut[t * K + i] = alpha[t * K + i]! * beta[i]! * inv;
    if (t > 0) stepBack(transMat, ws, t, null);
  }
}

/**
 * Sufficient statistics of one E-step into `stats`, after forwardPass. The written-out kernels for K = 2, 3,
 * 4 and D <= 2 run unless `kernels` is false, which forces the generic loops.
 */
export function backwardStats(
  transMat: Float64Array,
  X: Matrix,
  ws: HMMWorkspace,
  stats: SufficientStats,
  kernels = true,
): void {
  const kernel = kernels && X.cols <= 2 ? unrolledKernels(ws.K) : null;
  if (kernel) kernel.backwardStats(transMat, X, ws, stats);
  else backwardStatsGeneric(transMat, X, ws, stats);
}

function backwardStatsGeneric(transMat: Float64Array, X: Matrix, ws: HMMWorkspace, stats: SufficientStats): void {
  const { K, alpha, beta, xi } = ws;
  const { D, post, obs, obs2, start } = stats;
  const x = X.data;
  post.fill(0);
  obs.fill(0);
  obs2.fill(0);
  xi.fill(0);
  beta.fill(1);
  const T = X.rows;
  if (!stats.full) {
    for (let t = T - 1; t >= 0; t--) {
      const inv = gammaNorm(ws, t);
      const xOff = t * D;
      for (let i = 0, oBase = 0; i < K; i++, oBase += D) {
        const gamma = alpha[t * K + i]! * beta[i]! * inv;
        post[i] = post[i]! + gamma;
        for (let d = 0; d < D; d++) {
          const v = x[xOff + d]!;
          const gv = gamma * v;
          obs[oBase + d] = obs[oBase + d]! + gv;
          obs2[oBase + d] = obs2[oBase + d]! + gv * v;
        }
        if (t === 0) start[i] = gamma;
      }
      if (t > 0) stepBack(transMat, ws, t, xi);
    }
  } else {
    const DD = D * D;
    for (let t = T - 1; t >= 0; t--) {
      const inv = gammaNorm(ws, t);
      const xOff = t * D;
      for (let i = 0, oBase = 0, sBase = 0; i < K; i++, oBase += D, sBase += DD) {
        const gamma = alpha[t * K + i]! * beta[i]! * inv;
        post[i] = post[i]! + gamma;
        for (let d = 0; d < D; d++) {
          const gv = gamma * x[xOff + d]!;
          obs[oBase + d] = obs[oBase + d]! + gv;
          // Upper triangle only; mirrored once at the end.
          for (let e = d; e < D; e++) obs2[sBase + d * D + e] = obs2[sBase + d * D + e]! + gv * x[xOff + e]!;
        }
        if (t === 0) start[i] = gamma;
      }
      if (t > 0) stepBack(transMat, ws, t, xi);
    }
    for (let k = 0; k < K; k++)
      for (let d = 0; d < D; d++) for (let e = 0; e < d; e++) obs2[k * DD + d * D + e] = obs2[k * DD + e * D + d]!;
  }
  for (let i = 0; i < K * K; i++) stats.trans[i] = xi[i]! * transMat[i]!;
}
