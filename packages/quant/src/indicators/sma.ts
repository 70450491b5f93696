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
  smaFrom(values, period, period - 1, smas);
  return smas;
}

/**
 * RollingSum's arithmetic over the array itself, without the ring and the object: from the first full window
 * (`first` = period - 1, where RollingSum re-sums) on, the exact sum of the window oldest first at every
 * `period`-th value, else add the new value and subtract the one that left. Written for V8: the function
 * starts at its loop (code run once before it, while a first call has no type feedback yet, would later
 * throw the optimised code away), and the sum stays a local of the loop (merged with a call's result it
 * would be boxed on every value).
 */
function smaFrom(values: Float64Array, period: number, first: number, smas: Float64Array): void {
  let total = 0;
  let phase = 0;
  for (let i = first; i < values.length; i++) {
    if (phase === 0) {
      total = 0;
      for (let j = i + 1 - period; j <= i; j++) total += values[j]!;
    } else total = total - values[i - period]! + values[i]!;
    phase = phase + 1 === period ? 0 : phase + 1;
    smas[i] = total / period;
  }
}
