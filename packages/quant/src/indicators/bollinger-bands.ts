import {
  assertFiniteValues,
  assertPeriod,
  assertPositive,
  batchOutput,
  StreamingIndicator,
  type BatchResult,
} from './indicator';
import { RollingMoments, rollingMomentsInto } from './rolling-moments';

export interface BollingerBandsResult {
  /** SMA of the last `period` values. */
  readonly middle: number;
  /** middle + k * population standard deviation of the window. */
  readonly upper: number;
  /** middle - k * population standard deviation. */
  readonly lower: number;
}

/**
 * Bollinger Bands (Bollinger 2001): SMA(period) +/- k standard deviations of the same window, the
 * *population* deviation (divide by period), as Bollinger, TA-Lib, trading-signals and technicalindicators
 * all use. First result with value `period`. Band width and %B are left to the caller: they divide by the
 * middle or the band span, which means nothing for inputs that are not prices (returns, spreads).
 * Mean and deviation come from RollingMoments (O(1), exact recompute every `period` values).
 */
export class BollingerBands extends StreamingIndicator<BollingerBandsResult> {
  readonly warmUp: number;
  readonly label: string;
  private readonly moments: RollingMoments;

  constructor(
    readonly period = 20,
    readonly k = 2,
  ) {
    super();
    // One value has no spread: the bands would collapse onto it.
    assertPeriod('BollingerBands', period, 2);
    assertPositive('BollingerBands k', k);
    this.warmUp = period;
    this.label = `BB(${period},${k})`;
    this.moments = new RollingMoments(period);
  }

  protected update(value: number, replacing: boolean): BollingerBandsResult | null {
    if (replacing) this.moments.replaceLast(value);
    else this.moments.push(value);
    if (!this.moments.isFull) return null;
    const middle = this.moments.mean;
    const band = this.k * Math.sqrt(this.moments.variance);
    return { middle, upper: middle + band, lower: middle - band };
  }
}

/** Bollinger Bands over a batch of values: exactly the streaming values, NaN for the first period - 1. */
export function computeBollingerBands(
  values: Float64Array,
  period = 20,
  k = 2,
  out?: BatchResult<BollingerBandsResult>,
): BatchResult<BollingerBandsResult> {
  assertPeriod('BollingerBands', period, 2);
  assertPositive('BollingerBands k', k);
  assertFiniteValues(`BB(${period},${k})`, values);
  const n = values.length;
  const middle = batchOutput(n, period - 1, out?.middle);
  const upper = batchOutput(n, period - 1, out?.upper);
  const lower = batchOutput(n, period - 1, out?.lower);
  // The variance goes into `upper` first and becomes the band there.
  rollingMomentsInto(values, period, middle, upper);
  for (let i = period - 1; i < n; i++) {
    const band = k * Math.sqrt(upper[i]!);
    upper[i] = middle[i]! + band;
    lower[i] = middle[i]! - band;
  }
  return { middle, upper, lower };
}
