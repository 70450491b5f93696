import type { IndicatorBarField } from './bar-indicator';

/**
 * An input an indicator cannot use: a non-finite value, or a bar with a bad field (not finite, a negative
 * volume, high below low, time going back). `field` names the bar field at fault; it is absent for values.
 */
export class IndicatorInputError extends Error {
  override readonly name = 'IndicatorInputError';
  constructor(
    readonly indicator: string,
    /** Position of the value in the stream (0-based; the bar index for a batch computation). */
    readonly index: number,
    readonly value: number,
    readonly field?: IndicatorBarField,
    reason = 'must be a finite number',
  ) {
    super(
      field === undefined
        ? `${indicator}: value ${index} ${reason}, got ${value}`
        : `${indicator}: bar ${index} ${field} ${reason}, got ${value}`,
    );
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
