import { assertFiniteValues, assertPeriod, batchOutput, StreamingIndicator } from './indicator';
import { RollingSum } from './rolling-sum';

/**
 * Simple moving average of the last `period` values; first result with value `period`. O(1) per value: a
 * running sum re-summed exactly every `period` values (RollingSum), and replace redoes the last step.
 */
export class SMA extends StreamingIndicator<number> {
  readonly warmUp: number;
  readonly label: string;
  private readonly window: RollingSum;

  constructor(readonly period: number) {
    super();
    assertPeriod('SMA', period);
    this.warmUp = period;
    this.label = `SMA(${period})`;
    this.window = new RollingSum(period);
  }

  protected update(value: number, replacing: boolean): number | null {
    if (replacing) this.window.replaceLast(value);
    else this.window.push(value);
    return this.window.isFull ? this.window.sum / this.period : null;
  }
}

/** SMA over a batch of values: exactly the streaming values, NaN for the first period - 1. */
export function computeSMA(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  assertPeriod('SMA', period);
  assertFiniteValues(`SMA(${period})`, values);
  const smas = batchOutput(values.length, period - 1, out);
  const window = new RollingSum(period);
  for (let i = 0; i < values.length; i++) {
    window.push(values[i]!);
    if (i >= period - 1) smas[i] = window.sum / period;
  }
  return smas;
}
