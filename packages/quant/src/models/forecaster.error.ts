/** Bad input to a forecaster (shape, NaN, too few rows, bad params or JSON): names the field and position. */
export class ForecasterInputError extends Error {
  override readonly name = 'ForecasterInputError';
  constructor(
    /** The model, e.g. "ridge". */
    readonly model: string,
    /** What was wrong, e.g. "X[12][3]", "y", "params.lambda", "state.coef". */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${model}: ${field} ${reason}`);
  }
}

/** predict() or toJSON() before fit(). */
export class ForecasterNotFittedError extends Error {
  override readonly name = 'ForecasterNotFittedError';
  constructor(readonly model: string) {
    super(`${model}: predict before fit`);
  }
}
