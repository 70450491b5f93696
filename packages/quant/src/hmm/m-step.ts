// The M-step, exactly as hmmlearn 0.3.3's GaussianHMM._do_mstep (reference README §4), plus our guards:
// a state with no posterior mass keeps its previous parameters, and covariances are floored relative to
// the data's per-feature variance (variances for diag/spherical, eigenvalues for full/tied), which also
// stops a full-covariance state from collapsing onto a line (README §4.4).
import { floorCovariance, type EigenScratch } from './emission-linalg';
import type { SufficientStats } from './hmm-workspace';
import type { HMMPriors } from './hmm-types';

/** Mutable parameter arrays updated in place by the M-step. */
export interface MutableParams {
  readonly covarianceType: 'full' | 'diag' | 'spherical' | 'tied';
  readonly startProb: Float64Array;
  readonly transMat: Float64Array;
  readonly means: Float64Array;
  readonly covars: Float64Array;
}

export interface CovarianceFloor {
  /** Floor as a fraction of each feature's data variance (`minCovar`). */
  readonly relative: number;
  /** Per-feature data variance (the unit the floor is measured in). */
  readonly scale: Float64Array;
  readonly scratch: EigenScratch;
}

/** Below this posterior mass a state is "empty" and keeps its parameters (hmmlearn would divide by ~0). */
export const EMPTY_STATE_MASS = 1e-10;
/** Full/tied eigenvalue floor never goes below this (relative), so the Cholesky factor always exists. */
const MIN_RELATIVE_EIGENVALUE = 1e-10;

/** hmmlearn: max(prior - 1 + counts, 0), an entry that is exactly 0 stays 0, then normalise (row kept if it sums to 0). */
function updateDistribution(
  target: Float64Array,
  offset: number,
  counts: Float64Array,
  n: number,
  prior: number,
): void {
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const current = target[offset + j]!;
    sum += current === 0 ? 0 : Math.max(prior - 1 + counts[offset + j]!, 0);
  }
  if (!(sum > 0) || !Number.isFinite(sum)) return;
  for (let j = 0; j < n; j++) {
    const current = target[offset + j]!;
    target[offset + j] = current === 0 ? 0 : Math.max(prior - 1 + counts[offset + j]!, 0) / sum;
  }
}

export function mStep(params: MutableParams, stats: SufficientStats, priors: HMMPriors, floor: CovarianceFloor): void {
  const { K, D, post, obs, obs2 } = stats;
  const { means, covars, covarianceType } = params;
  updateDistribution(params.startProb, 0, stats.start, K, priors.startprobPrior);
  for (let i = 0; i < K; i++) updateDistribution(params.transMat, i * K, stats.trans, K, priors.transmatPrior);

  for (let k = 0; k < K; k++) {
    if (!(post[k]! > EMPTY_STATE_MASS)) continue;
    for (let d = 0; d < D; d++) means[k * D + d] = obs[k * D + d]! / post[k]!;
  }
  const { covarsPrior, covarsWeight } = priors;
  const { relative, scale } = floor;

  if (covarianceType === 'diag' || covarianceType === 'spherical') {
    const denomExtra = Math.max(covarsWeight - 1, 0);
    for (let k = 0; k < K; k++) {
      if (!(post[k]! > EMPTY_STATE_MASS)) continue;
      const denom = Math.max(denomExtra + post[k]!, 1e-5);
      let sum = 0;
      let scaleSum = 0;
      for (let d = 0; d < D; d++) {
        const i = k * D + d;
        const mu = means[i]!;
        // Same grouping as hmmlearn: prior + (S2 - 2 μ S1 + μ² N).
        const v = (covarsPrior + (obs2[i]! - 2 * mu * obs[i]! + mu * mu * post[k]!)) / denom;
        if (covarianceType === 'diag') covars[i] = Math.max(v, relative * scale[d]!);
        sum += v;
        scaleSum += scale[d]!;
      }
      if (covarianceType === 'spherical') covars[k] = Math.max(sum / D, (relative * scaleSum) / D);
    }
    return;
  }

  const eigenFloor = Math.max(relative, MIN_RELATIVE_EIGENVALUE);
  const cvWeight = Math.max(covarsWeight - D, 0);
  if (covarianceType === 'full') {
    for (let k = 0; k < K; k++) {
      if (!(post[k]! > EMPTY_STATE_MASS)) continue;
      const denom = cvWeight + post[k]!;
      writeScatter(covars, k * D * D, stats, k, covarsPrior, 1 / denom, false);
      floorCovariance(covars, k * D * D, D, scale, eigenFloor, floor.scratch);
    }
    return;
  }
  // tied: (prior + Σ_k scatter_k) / (cvWeight + Σ_k N_k)
  let total = 0;
  for (let k = 0; k < K; k++) total += post[k]!;
  if (!(total > EMPTY_STATE_MASS)) return;
  covars.fill(0);
  for (let k = 0; k < K; k++) writeScatter(covars, 0, stats, k, 0, 1, true);
  const inv = 1 / (cvWeight + total);
  for (let i = 0; i < D * D; i++) covars[i] = (covarsPrior + covars[i]!) * inv;
  floorCovariance(covars, 0, D, scale, eigenFloor, floor.scratch);
}

/** (prior + S2_k - S1_k μ_kᵀ - μ_k S1_kᵀ + μ_k μ_kᵀ N_k) * factor into (or added to) covars at offset. */
function writeScatter(
  covars: Float64Array,
  offset: number,
  stats: SufficientStats,
  k: number,
  prior: number,
  factor: number,
  add: boolean,
): void {
  const { D, post, obs, obs2 } = stats;
  const n = post[k]!;
  // Empty states take no part in the tied scatter either (their mean may be stale).
  if (add && !(n > EMPTY_STATE_MASS)) return;
  const mean = (d: number) => obs[k * D + d]! / n;
  for (let d = 0; d < D; d++) {
    for (let e = d; e < D; e++) {
      const md = mean(d);
      const me = mean(e);
      const scatter = obs2[k * D * D + d * D + e]! - obs[k * D + d]! * me - md * obs[k * D + e]! + md * me * n;
      const value = (prior + scatter) * factor;
      covars[offset + d * D + e] = (add ? covars[offset + d * D + e]! : 0) + value;
      if (e !== d) covars[offset + e * D + d] = covars[offset + d * D + e]!;
    }
  }
}
