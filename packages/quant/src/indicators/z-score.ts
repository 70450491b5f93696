import { assertFiniteValues, assertPeriod, batchOutput, StreamingIndicator } from './indicator';
import { RollingMoments, rollingMomentsInto } from './rolling-moments';

/**
 * Rolling z-score: (x - mean) / sd over the last `period` values *including* x, sd the population
 * deviation (divide by period), like pandas `(x - x.rolling(n).mean()) / x.rolling(n).std(ddof=0)` and
 * trading-signals' getZScore. First result with value `period`. A window of equal values has no spread:
 * the z-score is 0 there (trading-signals throws), a neutral finite value a rule can compare.
 */
export class ZScore extends StreamingIndicator<number> {
  readonly warmUp: number;
  readonly label: string;
  private readonly moments: RollingMoments;

  constructor(readonly period: number) {
    super();
    // With one value the deviation is always 0.
    assertPeriod('ZScore', period, 2);
    this.warmUp = period;
    this.label = `ZScore(${period})`;
    this.moments = new RollingMoments(period);
  }

  protected update(value: number, replacing: boolean): number | null {
    if (replacing) this.moments.replaceLast(value);
    else this.moments.push(value);
    if (!this.moments.isFull) return null;
    const sd = Math.sqrt(this.moments.variance);
    return sd > 0 ? (value - this.moments.mean) / sd : 0;
  }
}

/** Rolling z-score over a batch of values: exactly the streaming values, NaN for the first period - 1. */
export function computeZScore(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  assertPeriod('ZScore', period, 2);
  assertFiniteValues(`ZScore(${period})`, values);
  const n = values.length;
  const mean = batchOutput(n, period - 1);
  const z = batchOutput(n, period - 1, out);
  // The variance goes into `z` first and becomes the z-score there.
  rollingMomentsInto(values, period, mean, z);
  for (let i = period - 1; i < n; i++) {
    const sd = Math.sqrt(z[i]!);
    z[i] = sd > 0 ? (values[i]! - mean[i]!) / sd : 0;
  }
  return z;
}
