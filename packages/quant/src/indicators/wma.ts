import { assertFiniteValues, assertPeriod, batchOutput, StreamingIndicator } from './indicator';
import { RingBuffer } from './ring-buffer';

/**
 * Linearly weighted moving average: the newest of the last `period` values weighs `period`, the oldest 1,
 * divided by period (period + 1) / 2 (TA-Lib WMA, trading-signals and technicalindicators alike). First
 * result with value `period`.
 *
 * O(1) per value from two running sums, S = sum of the window and W = sum of weight x value: when x enters
 * and the oldest leaves, every remaining weight drops by one, so W' = W - S + period x and S' = S - old + x.
 * Both are recomputed exactly every `period` values so rounding cannot accumulate (see RollingSum).
 */
export class WMA extends StreamingIndicator<number> {
  readonly warmUp: number;
  readonly label: string;
  private readonly state: WMAState;

  constructor(readonly period: number) {
    super();
    assertPeriod('WMA', period);
    this.warmUp = period;
    this.label = `WMA(${period})`;
    this.state = new WMAState(period);
  }

  protected update(value: number, replacing: boolean): number | null {
    if (replacing) this.state.replaceLast(value);
    else this.state.push(value);
    return this.count >= this.period ? this.state.value : null;
  }
}

/** WMA over a batch of values: exactly the streaming values, NaN for the first period - 1. */
export function computeWMA(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  assertPeriod('WMA', period);
  assertFiniteValues(`WMA(${period})`, values);
  const wmas = batchOutput(values.length, period - 1, out);
  const state = new WMAState(period);
  for (let i = 0; i < values.length; i++) {
    state.push(values[i]!);
    if (i >= period - 1) wmas[i] = state.value;
  }
  return wmas;
}

/** The running sums behind WMA, shared by the class and the batch form so both round identically. */
class WMAState {
  private readonly ring: RingBuffer;
  private readonly divisor: number;
  private pushes = 0;
  /** pushes % period, kept incrementally (cheaper than a division per push). */
  private phase = 0;
  private evicted = Number.NaN;
  private sum = 0;
  private sumBefore = 0;
  private weighted = 0;
  private weightedBefore = 0;

  constructor(private readonly period: number) {
    this.ring = new RingBuffer(period);
    this.divisor = (period * (period + 1)) / 2;
  }

  get value(): number {
    return this.weighted / this.divisor;
  }

  push(x: number): void {
    this.pushes += 1;
    this.phase = this.phase + 1 === this.period ? 0 : this.phase + 1;
    this.sumBefore = this.sum;
    this.weightedBefore = this.weighted;
    this.evicted = this.ring.push(x);
    this.next(x);
  }

  replaceLast(x: number): void {
    this.ring.replaceLast(x);
    this.next(x);
  }

  private next(x: number): void {
    const n = this.period;
    if (this.phase === 0) {
      let s = 0;
      let w = 0;
      for (let i = 0; i < n; i++) {
        const v = this.ring.at(i);
        s += v;
        w += (i + 1) * v;
      }
      this.sum = s;
      this.weighted = w;
    } else if (this.pushes < n) {
      // Filling: the newest of k values weighs k.
      this.sum = this.sumBefore + x;
      this.weighted = this.weightedBefore + this.pushes * x;
    } else {
      this.sum = this.sumBefore - this.evicted + x;
      this.weighted = this.weightedBefore - this.sumBefore + n * x;
    }
  }
}
