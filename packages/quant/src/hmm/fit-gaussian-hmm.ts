// Baum-Welch EM for a Gaussian HMM (hmmlearn 0.3.3 semantics, reference README §4), from explicit start
// parameters or from nInit seeded k-means++ starts keeping the best log-likelihood. All buffers are
// allocated once per fit and shared by the iterations and restarts.
import { createSeededRandom } from '../random/seeded-random';
import { createEigenScratch, floorCovariance } from './emission-linalg';
import { createEmission, setEmission } from './emission';
import { forwardPass } from './forward-backward';
import { createStats, createWorkspace } from './hmm-workspace';
import { backwardStats } from './forward-backward-smooth';
import { assertObservations, assertParams, InsufficientDataError, InvalidParamsError } from './hmm-errors';
import { DEFAULT_FIT_OPTIONS, INIT_PERSISTENCE } from './hmm-defaults';
import {
  COVARIANCE_TYPES,
  type CovarianceType,
  type FitOptions,
  type FitResult,
  type GaussianHMMParams,
  type Matrix,
} from './hmm-types';
import { kmeansPlusPlus } from './kmeans';
import { mStep, type CovarianceFloor, type MutableParams } from './m-step';

/** Rows needed to fit K states on D features: every state must be able to own D + 1 rows. */
export const requiredRows = (K: number, D: number): number => K * (D + 1);

/**
 * Fits a Gaussian HMM. `onIteration(iter, logLikelihood)` is called after every E-step with a 1-based
 * iteration count that keeps rising across restarts (at most nInit * maxIter), for progress reporting.
 */
export function fitGaussianHMM(
  X: Matrix,
  options: Partial<FitOptions> & { nStates: number },
  onIteration?: (iter: number, logLikelihood: number) => void,
): FitResult {
  const opts = resolveOptions(options, X);
  assertObservations(X, opts.init?.nFeatures);
  const K = opts.nStates;
  const D = X.cols;
  if (X.rows < requiredRows(K, D)) throw new InsufficientDataError(requiredRows(K, D), X.rows);

  const variance = featureVariance(X);
  const covFull = opts.covarianceType === 'full' || opts.covarianceType === 'tied';
  const em = createEmission(K, D);
  const ws = createWorkspace(X.rows, K);
  const stats = createStats(K, D, covFull);
  const floor: CovarianceFloor = { relative: opts.minCovar, scale: variance, scratch: createEigenScratch(D) };
  let iterations = 0;

  const runEM = (start: GaussianHMMParams): FitResult => {
    const params: MutableParams = {
      covarianceType: start.covarianceType,
      startProb: start.startProb.slice(),
      transMat: start.transMat.slice(),
      means: start.means.slice(),
      covars: start.covars.slice(),
    };
    const model = { ...start, ...params };
    const history: number[] = [];
    let converged = false;
    for (let iter = 0; iter < opts.maxIter; iter++) {
      setEmission(em, model);
      const logLik = forwardPass(em, params.startProb, params.transMat, X, ws);
      backwardStats(params.transMat, X, ws, stats);
      history.push(logLik);
      onIteration?.(++iterations, logLik);
      mStep(params, stats, opts.priors, floor);
      // hmmlearn's rule: the M-step of the converging iteration is kept; a decrease also stops.
      if (history.length >= 2 && logLik - history[history.length - 2]! < opts.tol) {
        converged = true;
        break;
      }
    }
    setEmission(em, model);
    const logLikelihood = forwardPass(em, params.startProb, params.transMat, X, ws);
    return { params: model, logLikelihood, history, nIter: history.length, converged };
  };

  if (opts.init) return runEM(opts.init);
  let best: FitResult | null = null;
  for (let restart = 0; restart < opts.nInit; restart++) {
    const rng = createSeededRandom(opts.seed * 7919 + restart);
    const result = runEM(kmeansStart(X, K, opts.covarianceType, variance, opts.minCovar, rng));
    if (best === null || result.logLikelihood > best.logLikelihood) best = result;
  }
  return best!;
}

function resolveOptions(options: Partial<FitOptions> & { nStates: number }, X: Matrix): FitOptions {
  const merged: FitOptions = {
    ...DEFAULT_FIT_OPTIONS,
    ...options,
    priors: { ...DEFAULT_FIT_OPTIONS.priors, ...options.priors },
  };
  const { nStates, maxIter, tol, minCovar, nInit, seed, priors, init } = merged;
  if (!Number.isInteger(nStates) || nStates < 1)
    throw new InvalidParamsError('nStates', `must be an integer >= 1, got ${nStates}`);
  if (!COVARIANCE_TYPES.includes(merged.covarianceType))
    throw new InvalidParamsError(
      'covarianceType',
      `must be one of ${COVARIANCE_TYPES.join(', ')}, got '${merged.covarianceType}'`,
    );
  if (!Number.isInteger(maxIter) || maxIter < 0)
    throw new InvalidParamsError('maxIter', `must be an integer >= 0, got ${maxIter}`);
  if (Number.isNaN(tol) || tol === Infinity)
    throw new InvalidParamsError('tol', `must be a number < Infinity, got ${tol}`);
  if (!(minCovar >= 0) || !Number.isFinite(minCovar))
    throw new InvalidParamsError('minCovar', `must be finite and >= 0, got ${minCovar}`);
  if (!Number.isInteger(nInit) || nInit < 1)
    throw new InvalidParamsError('nInit', `must be an integer >= 1, got ${nInit}`);
  if (!Number.isFinite(seed)) throw new InvalidParamsError('seed', `must be finite, got ${seed}`);
  for (const [key, value] of Object.entries(priors))
    if (!Number.isFinite(value)) throw new InvalidParamsError(`priors.${key}`, `must be finite, got ${value}`);
  if (priors.covarsPrior < 0)
    throw new InvalidParamsError('priors.covarsPrior', `must be >= 0, got ${priors.covarsPrior}`);
  if (init) {
    assertParams(init);
    if (init.nStates !== nStates)
      throw new InvalidParamsError('init.nStates', `is ${init.nStates}, nStates is ${nStates}`);
    if (init.nFeatures !== X.cols)
      throw new InvalidParamsError('init.nFeatures', `is ${init.nFeatures}, X has ${X.cols} columns`);
    if (options.covarianceType !== undefined && options.covarianceType !== init.covarianceType)
      throw new InvalidParamsError(
        'covarianceType',
        `is '${options.covarianceType}' but init is '${init.covarianceType}'`,
      );
    merged.covarianceType = init.covarianceType;
  }
  return merged;
}

/**
 * Per-feature population variance: the unit of the covariance floor and of k-means distances. A constant
 * column has none, so it is measured against its squared level (or 1 at 0) instead.
 */
export function featureVariance(X: Matrix): Float64Array {
  const { rows: T, cols: D, data } = X;
  const mean = new Float64Array(D);
  const variance = new Float64Array(D);
  for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) mean[d] = mean[d]! + data[t * D + d]!;
  for (let d = 0; d < D; d++) mean[d] = mean[d]! / T;
  for (let t = 0; t < T; t++)
    for (let d = 0; d < D; d++) {
      const y = data[t * D + d]! - mean[d]!;
      variance[d] = variance[d]! + y * y;
    }
  for (let d = 0; d < D; d++) {
    const v = variance[d]! / T;
    variance[d] = v > 0 ? v : Math.max(mean[d]! * mean[d]!, 1);
  }
  return variance;
}

/** k-means++ means, the data covariance (+ floor) for every state, uniform start, persistent transitions. */
function kmeansStart(
  X: Matrix,
  K: number,
  covarianceType: CovarianceType,
  variance: Float64Array,
  minCovar: number,
  rng: ReturnType<typeof createSeededRandom>,
): GaussianHMMParams {
  const D = X.cols;
  const means = kmeansPlusPlus(X, K, rng, variance);
  const cov = dataCovariance(X, variance, minCovar);
  let covars: Float64Array;
  if (covarianceType === 'diag') {
    covars = new Float64Array(K * D);
    for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) covars[k * D + d] = cov[d * D + d]!;
  } else if (covarianceType === 'spherical') {
    let trace = 0;
    for (let d = 0; d < D; d++) trace += cov[d * D + d]!;
    covars = new Float64Array(K).fill(trace / D);
  } else if (covarianceType === 'tied') {
    covars = cov;
  } else {
    covars = new Float64Array(K * D * D);
    for (let k = 0; k < K; k++) covars.set(cov, k * D * D);
  }
  const transMat = new Float64Array(K * K).fill(K > 1 ? (1 - INIT_PERSISTENCE) / (K - 1) : 0);
  for (let k = 0; k < K; k++) transMat[k * K + k] = K > 1 ? INIT_PERSISTENCE : 1;
  return {
    nStates: K,
    nFeatures: D,
    covarianceType,
    startProb: new Float64Array(K).fill(1 / K),
    transMat,
    means,
    covars,
  };
}

/** Sample covariance of X plus minCovar * variance on the diagonal, eigenvalue-floored so it is positive definite. */
function dataCovariance(X: Matrix, variance: Float64Array, minCovar: number): Float64Array {
  const { rows: T, cols: D, data } = X;
  const mean = new Float64Array(D);
  for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) mean[d] = mean[d]! + data[t * D + d]!;
  for (let d = 0; d < D; d++) mean[d] = mean[d]! / T;
  const cov = new Float64Array(D * D);
  for (let t = 0; t < T; t++)
    for (let d = 0; d < D; d++) {
      const yd = data[t * D + d]! - mean[d]!;
      for (let e = 0; e < D; e++) cov[d * D + e] = cov[d * D + e]! + yd * (data[t * D + e]! - mean[e]!);
    }
  for (let i = 0; i < D * D; i++) cov[i] = cov[i]! / Math.max(T - 1, 1);
  for (let d = 0; d < D; d++) cov[d * D + d] = cov[d * D + d]! + minCovar * variance[d]!;
  floorCovariance(cov, 0, D, variance, Math.max(minCovar, 1e-10), createEigenScratch(D));
  return cov;
}
