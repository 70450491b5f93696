/** A bar a feature cannot use (non-finite or non-positive price, high below low, negative volume). */
export class FeatureInputError extends Error {
  override readonly name = 'FeatureInputError';
  constructor(
    /** Position of the bar in the stream (the bar index for a batch computation). */
    readonly index: number,
    readonly field: string,
    readonly value: number,
    readonly reason: string,
  ) {
    super(`bar ${index}: ${field} ${reason}, got ${value}`);
  }
}

/** getResultOrThrow() before the feature's window is full. */
export class FeatureNotReadyError extends Error {
  override readonly name = 'FeatureNotReadyError';
  constructor(
    readonly feature: string,
    /** Bars needed before the first value. */
    readonly required: number,
    readonly received: number,
  ) {
    super(`${feature} needs ${required} bars before its first value, has ${received}`);
  }
}

/** A feature name outside REGIME_FEATURE_NAMES, a duplicate, or an empty list. */
export class UnknownFeatureError extends Error {
  override readonly name = 'UnknownFeatureError';
  constructor(
    readonly feature: string,
    readonly reason: string,
  ) {
    super(`feature "${feature}": ${reason}`);
  }
}
