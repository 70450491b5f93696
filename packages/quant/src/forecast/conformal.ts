import { ForecastInputError } from './forecast-input.error';

/** Calibration residuals split-conformal needs for a (1 - alpha) interval: ceil((n + 1)(1 - alpha)) <= n. */
export function minCalibrationSize(alpha: number): number {
  return Math.ceil(1 / alpha) - 1;
}

/**
 * Split-conformal half-width (Vovk et al.; Lei et al. 2018, "Distribution-free predictive inference for
 * regression"): with n absolute residuals from a calibration slice the model was not fit on, the
 * k-th smallest, k = ceil((n + 1)(1 - alpha)), i.e. the ceil((n+1)(1-alpha))/n empirical quantile. For
 * exchangeable data, yhat +- q covers a new target with probability >= 1 - alpha.
 */
export function conformalHalfWidth(absResiduals: ArrayLike<number>, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new ForecastInputError('alpha', `must be in (0, 1), got ${alpha}`);
  const n = absResiduals.length;
  const k = Math.ceil((n + 1) * (1 - alpha));
  if (k > n) {
    throw new ForecastInputError(
      'calibration',
      `has ${n} residuals; a ${1 - alpha} interval needs at least ${minCalibrationSize(alpha)}`,
    );
  }
  const sorted = Float64Array.from(absResiduals).sort();
  if (!Number.isFinite(sorted[n - 1]!) || !(sorted[0]! >= 0))
    throw new ForecastInputError('calibration', 'residuals must be finite and >= 0');
  return sorted[k - 1]!;
}
