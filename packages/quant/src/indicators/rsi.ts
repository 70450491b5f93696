import { assertFiniteValues, assertPeriod, batchOutput, StreamingIndicator } from './indicator';

/**
 * Wilder's RSI in [0, 100]. Average gain and loss are seeded with the simple mean of the first `period`
 * changes, then smoothed as avg = avg + (x - avg) / period (Wilder 1978; trading-signals' WSMA, the same
 * convention). The first result needs period + 1 values. With no losses in the window the RSI is 100
 * (trading-signals' choice), including a flat window, where 50 could also be argued.
 */
export class RSI extends StreamingIndicator<number> {
  readonly warmUp: number;
  readonly label: string;
  private prevBefore = Number.NaN;
  private prev = Number.NaN;
  private gainBefore = 0;
  private gain = 0;
  private lossBefore = 0;
  private loss = 0;

  constructor(readonly period: number) {
    super();
    assertPeriod('RSI', period);
    this.warmUp = period + 1;
    this.label = `RSI(${period})`;
  }

  protected update(value: number, replacing: boolean): number | null {
    if (!replacing) {
      this.prevBefore = this.prev;
      this.gainBefore = this.gain;
      this.lossBefore = this.loss;
    }
    this.prev = value;
    const changes = this.count - 1;
    if (changes === 0) return null;
    const change = value - this.prevBefore;
    const up = change > 0 ? change : 0;
    const down = change < 0 ? -change : 0;
    const n = this.period;
    if (changes < n) {
      // Seed phase: gain/loss hold running sums.
      this.gain = this.gainBefore + up;
      this.loss = this.lossBefore + down;
      return null;
    }
    if (changes === n) {
      this.gain = (this.gainBefore + up) / n;
      this.loss = (this.lossBefore + down) / n;
    } else {
      this.gain = this.gainBefore + (up - this.gainBefore) / n;
      this.loss = this.lossBefore + (down - this.lossBefore) / n;
    }
    if (this.loss === 0) return 100;
    return 100 - 100 / (1 + this.gain / this.loss);
  }
}

/** RSI over a batch of values: exactly the streaming values, NaN for the first `period`. */
export function computeRSI(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  assertPeriod('RSI', period);
  assertFiniteValues(`RSI(${period})`, values);
  const rsis = batchOutput(values.length, period, out);
  // The class's operations in its order: sums of the first `period` moves, their means, then Wilder.
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < values.length; i++) {
    const change = values[i]! - values[i - 1]!;
    const up = change > 0 ? change : 0;
    const down = change < 0 ? -change : 0;
    if (i < period) {
      gain += up;
      loss += down;
      continue;
    }
    if (i === period) {
      gain = (gain + up) / period;
      loss = (loss + down) / period;
    } else {
      gain = gain + (up - gain) / period;
      loss = loss + (down - loss) / period;
    }
    rsis[i] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return rsis;
}
