import type { BarTimeframe } from './timeframe';

/** Resampling input that is out of order, repeated, or off the source timeframe's UTC grid. */
export class ResampleInputError extends Error {
  override readonly name = 'ResampleInputError';
  constructor(
    /** Position of the offending bar (0-based; for the streaming resampler, the count of bars added before it). */
    readonly index: number,
    readonly ts: number,
    readonly reason: 'unsorted' | 'duplicate' | 'misaligned' | 'not-finite',
    detail: string,
  ) {
    super(`resample: bar ${index} (ts ${ts}) ${detail}`);
  }
}

/** A target timeframe finer than the source: bars cannot be split. */
export class ResampleTimeframeError extends Error {
  override readonly name = 'ResampleTimeframeError';
  constructor(
    readonly source: BarTimeframe,
    readonly target: BarTimeframe,
  ) {
    super(`resample: cannot turn ${source} bars into ${target} bars (the target must be ${source} or coarser)`);
  }
}
