import { fitGaussianHMM } from './fit-gaussian-hmm';
import { InvalidParamsError } from './hmm-errors';
import type { CovarianceType, FitOptions, FitResult, Matrix } from './hmm-types';

/**
 * Free parameters of a Gaussian HMM, counted as hmmlearn does (`_get_n_fit_scalars_per_param`):
 * start probabilities K-1, transitions K(K-1), means KD, and covariances full K*D(D+1)/2, diag KD,
 * spherical K, tied D(D+1)/2.
 */
export function parameterCount(K: number, D: number, covarianceType: CovarianceType): number {
  if (!Number.isInteger(K) || K < 1) throw new InvalidParamsError('nStates', `must be an integer >= 1, got ${K}`);
  if (!Number.isInteger(D) || D < 1) throw new InvalidParamsError('nFeatures', `must be an integer >= 1, got ${D}`);
  const covars: Record<CovarianceType, number> = {
    full: (K * D * (D + 1)) / 2,
    diag: K * D,
    spherical: K,
    tied: (D * (D + 1)) / 2,
  };
  return K - 1 + K * (K - 1) + K * D + covars[covarianceType];
}

/** AIC = 2p - 2 ln L; BIC = p ln n - 2 ln L (lower is better). */
export function informationCriteria(
  logLikelihood: number,
  nParams: number,
  nObs: number,
): { aic: number; bic: number } {
  return { aic: 2 * nParams - 2 * logLikelihood, bic: nParams * Math.log(nObs) - 2 * logLikelihood };
}

export interface StatesCandidate {
  states: number;
  logLikelihood: number;
  aic: number;
  bic: number;
}

export interface StateSelection {
  /** The fit with the lowest BIC. */
  best: FitResult;
  /** One entry per candidate, in the order given: the UI's BIC-by-K chart. */
  byK: StatesCandidate[];
}

export type SelectionOptions = Partial<Omit<FitOptions, 'nStates' | 'init'>> & {
  /** Called after each candidate is fitted (progress for long jobs). */
  onCandidate?: (candidate: StatesCandidate, index: number, total: number) => void;
};

/**
 * Fits each candidate K (the engine's fitGaussianHMM with the same options and seed) and keeps the lowest
 * BIC. BIC rather than AIC: AIC keeps adding states on long daily series, each splitting a regime into
 * near-copies; BIC's ln(n) penalty stops that (see docs/regimes.md for what it picks on real data).
 */
export function selectStates(X: Matrix, candidates: readonly number[], options: SelectionOptions = {}): StateSelection {
  if (candidates.length === 0) throw new InvalidParamsError('candidates', 'at least one K is needed');
  candidates.forEach((K, i) => {
    if (!Number.isInteger(K) || K < 1)
      throw new InvalidParamsError(`candidates[${i}]`, `must be an integer >= 1, got ${K}`);
  });
  if (new Set(candidates).size !== candidates.length) throw new InvalidParamsError('candidates', 'has duplicates');
  const { onCandidate, ...fitOptions } = options;
  const byK: StatesCandidate[] = [];
  let best: FitResult | null = null;
  let bestBic = Number.POSITIVE_INFINITY;
  candidates.forEach((K, i) => {
    const fit = fitGaussianHMM(X, { ...fitOptions, nStates: K });
    const p = parameterCount(K, X.cols, fit.params.covarianceType);
    const candidate = {
      states: K,
      logLikelihood: fit.logLikelihood,
      ...informationCriteria(fit.logLikelihood, p, X.rows),
    };
    byK.push(candidate);
    if (candidate.bic < bestBic) {
      best = fit;
      bestBic = candidate.bic;
    }
    onCandidate?.(candidate, i, candidates.length);
  });
  if (best === null) throw new InvalidParamsError('candidates', 'no candidate gave a finite BIC');
  return { best, byK };
}
