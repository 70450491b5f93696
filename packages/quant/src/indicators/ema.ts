import { assertFiniteValues, assertPeriod, batchOutput, StreamingIndicator } from './indicator';

/**
 * Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of the first `period` values
 * (the TA-Lib / technicalindicators convention; the first result comes with value `period`).
 * trading-signals instead seeds with the first value and reports from value `period` on; the two agree
 * once the seed has decayed, (1 - alpha)^k.
 */
export class EMA extends StreamingIndicator<number> {
  readonly warmUp: number;
  readonly label: string;
  private readonly state: EMAState;

  constructor(readonly period: number) {
    super();
    assertPeriod('EMA', period);
    this.warmUp = period;
    this.label = `EMA(${period})`;
    this.state = new EMAState(period);
  }

  protected update(value: number, replacing: boolean): number | null {
    const ema = this.state.step(value, replacing, this.count);
    return this.count >= this.period ? ema : null;
  }
}

/**
 * The EMA recursion and its replace snapshot, without the input checks: EMA wraps it, and MACD runs three
 * of them on a value it has already checked (three nested `add`s cost it more than the maths).
 */
export class EMAState {
  private readonly alpha: number;
  /** Sum of the seed values and the EMA, before the last value and after it (for replace). */
  private sumBefore = 0;
  private sum = 0;
  private emaBefore = Number.NaN;
  private ema = Number.NaN;

  constructor(readonly period: number) {
    this.alpha = 2 / (period + 1);
  }

  /**
   * Folds in value number `count` (1-based), or a new version of it; NaN while seeding (a plain number
   * rather than number | null, so V8 keeps it unboxed through the callers).
   */
  step(value: number, replacing: boolean, count: number): number {
    if (!replacing) {
      this.sumBefore = this.sum;
      this.emaBefore = this.ema;
    }
    if (count < this.period) {
      this.sum = this.sumBefore + value;
      return Number.NaN;
    }
    if (count === this.period) {
      this.sum = this.sumBefore + value;
      this.ema = this.sum / this.period;
    } else {
      this.ema = (value - this.emaBefore) * this.alpha + this.emaBefore;
    }
    return this.ema;
  }
}

/** EMA over a batch of values: exactly the streaming values, NaN for the first period - 1. */
export function computeEMA(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  assertPeriod('EMA', period);
  assertFiniteValues(`EMA(${period})`, values);
  const emas = batchOutput(values.length, period - 1, out);
  emaInto(values, 0, period, emas);
  return emas;
}

/** EMA of values[from..] written to out[from + period - 1..]; values are trusted (checked by the caller). */
export function emaInto(values: Float64Array, from: number, period: number, out: Float64Array): void {
  const alpha = 2 / (period + 1);
  const seedEnd = from + period - 1;
  if (seedEnd >= values.length) return;
  // Same operations in the same order as the class: a running sum, its mean, then the recursion.
  let sum = 0;
  for (let i = from; i <= seedEnd; i++) sum += values[i]!;
  let ema = sum / period;
  out[seedEnd] = ema;
  for (let i = seedEnd + 1; i < values.length; i++) {
    ema = (values[i]! - ema) * alpha + ema;
    out[i] = ema;
  }
}
