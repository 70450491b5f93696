/** A value an indicator cannot use (NaN or infinite). */
export class IndicatorInputError extends Error {
  override readonly name = 'IndicatorInputError';
  constructor(
    readonly indicator: string,
    /** Position of the value in the stream (0-based; the bar index for a batch computation). */
    readonly index: number,
    readonly value: number,
  ) {
    super(`${indicator}: value ${index} must be a finite number, got ${value}`);
  }
}

/** getResultOrThrow() before the indicator has seen enough values. */
export class IndicatorNotReadyError extends Error {
  override readonly name = 'IndicatorNotReadyError';
  constructor(
    readonly indicator: string,
    /** Values needed before the first result. */
    readonly required: number,
    readonly received: number,
  ) {
    super(`${indicator} needs ${required} values before its first result, has ${received}`);
  }
}
