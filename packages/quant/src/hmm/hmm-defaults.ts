// Default fit options. hmmlearn's defaults are tuned for features of order 1; on raw daily returns
// (variance ~1e-4) its covars_prior = 0.01 adds 0.01 / N_k to every variance and its min_covar = 1e-3 makes
// the initial variances ~10x the data's, and fits flip-flop between states (reference README §5: the S&P
// 500 comes back with an A diagonal of 0.963 / 0.000 / 0.002). Ours are scale-free instead:
// - covarsPrior 0: plain maximum likelihood, so a state's variance is what its data say at any units;
// - minCovar 1e-3 *relative to each feature's data variance* (eigenvalues of the covariance in data-variance
//   units for full/tied): keeps a state from collapsing onto a point or a line (README §4.4) without
//   biting on real regimes, whose variances are 0.1-10x the data variance;
// - k-means++ means, data covariance + floor for every state, and a persistent transition matrix (0.9 on
//   the diagonal: daily regimes last weeks, and a persistent start steers EM to persistent solutions);
// - nInit 5 restarts keep the best likelihood, so one unlucky k-means start does not decide the fit;
// - maxIter 200 / tol 1e-4 on the total log-likelihood: converged fits typically stop after 20-80 iterations.
import type { FitOptions, HMMPriors } from './hmm-types';

/** hmmlearn 0.3.3's GaussianHMM priors (for matching its default-prior reference runs). */
export const HMMLEARN_PRIORS: HMMPriors = Object.freeze({
  startprobPrior: 1,
  transmatPrior: 1,
  covarsPrior: 1e-2,
  covarsWeight: 1,
});

/** Maximum likelihood: no priors at all (hmmlearn's `_mle` reference runs). */
export const MLE_PRIORS: HMMPriors = Object.freeze({
  startprobPrior: 1,
  transmatPrior: 1,
  covarsPrior: 0,
  covarsWeight: 1,
});

/** Diagonal of the initial transition matrix of a k-means start. */
export const INIT_PERSISTENCE = 0.9;

export const DEFAULT_FIT_OPTIONS: Omit<FitOptions, 'nStates' | 'init'> = Object.freeze({
  covarianceType: 'diag',
  maxIter: 200,
  tol: 1e-4,
  minCovar: 1e-3,
  priors: MLE_PRIORS,
  nInit: 5,
  seed: 0,
});
