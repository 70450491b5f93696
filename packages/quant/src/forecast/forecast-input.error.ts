/** Unusable input to the forecasting pipeline: names the argument, the position and what was wrong. */
export class ForecastInputError extends Error {
  override readonly name = 'ForecastInputError';
  constructor(
    /** What was wrong, e.g. "regimeProbs", "y[12]", "spec.lags". */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
