// Shared types of the Gaussian HMM engine. Matrices are row-major Float64Arrays: hot loops stay on typed
// arrays and nothing is allocated per row.

export const COVARIANCE_TYPES = ['full', 'diag', 'spherical', 'tied'] as const;
export type CovarianceType = (typeof COVARIANCE_TYPES)[number];

/** A T x D observation matrix, row-major: `data[t * cols + d]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Parameters of a Gaussian HMM with K states on D features (hmmlearn's layout).
 * covars: full K*D*D, diag K*D (variances), spherical K (one variance per state), tied D*D (shared).
 */
export interface GaussianHMMParams {
  readonly nStates: number;
  readonly nFeatures: number;
  readonly covarianceType: CovarianceType;
  readonly startProb: Float64Array;
  /** K x K, row i = P(next state | state i). */
  readonly transMat: Float64Array;
  /** K x D. */
  readonly means: Float64Array;
  readonly covars: Float64Array;
}

/** Priors in hmmlearn's parametrisation; defaults are ours (see docs/regimes.md), not hmmlearn's. */
export interface HMMPriors {
  /** Dirichlet concentration for the start probabilities (1 = none). */
  startprobPrior: number;
  /** Dirichlet concentration for each transition row (1 = none). */
  transmatPrior: number;
  /** Added to the covariance numerator (hmmlearn's `covars_prior`; 0 = maximum likelihood). */
  covarsPrior: number;
  /** hmmlearn's `covars_weight`. */
  covarsWeight: number;
}

export interface FitOptions {
  nStates: number;
  covarianceType: CovarianceType;
  maxIter: number;
  /** Stop when the log-likelihood gain falls below tol; -Infinity runs exactly maxIter iterations. */
  tol: number;
  /** Floor added to / enforced on variances (eigenvalues for full/tied) so no state collapses. */
  minCovar: number;
  priors: HMMPriors;
  /** Explicit start parameters; otherwise k-means++ (seeded) with nInit restarts, best log-likelihood kept. */
  init?: GaussianHMMParams;
  nInit: number;
  seed: number;
}

export interface FitResult {
  params: GaussianHMMParams;
  /** Log-likelihood of the final parameters. */
  logLikelihood: number;
  /** history[i] = log-likelihood of the parameters before the (i+1)-th M-step (hmmlearn's convention). */
  history: number[];
  nIter: number;
  converged: boolean;
}
