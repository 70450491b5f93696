import { assertFiniteValues, assertInteger, batchOutput, StreamingIndicator, type BatchResult } from './indicator';
import { KDSmoothing, rawStochastic } from './kd-smoothing';
import { RollingMax } from './rolling-max';
import type { StochasticResult } from './stochastic';

/**
 * The stochastic of a value series (high = low = close = the value): where the value sits between the
 * lowest and highest of its last `period` values, 0-100, then the %K / %D smoothing. StochRSI is this over
 * RSI values; it is its own indicator so a test can feed it other RSI values (technicalindicators' rounded
 * ones) and show that rounding is the only difference.
 */
export class SeriesStochastic extends StreamingIndicator<StochasticResult> {
  readonly warmUp: number;
  readonly label: string;
  private readonly highs: RollingMax;
  private readonly lows: RollingMax;
  private readonly kd: KDSmoothing;

  constructor(
    readonly period: number,
    readonly smoothK: number,
    readonly dPeriod: number,
  ) {
    super();
    assertPeriods(period, smoothK, dPeriod);
    this.warmUp = period + smoothK + dPeriod - 2;
    this.label = `SeriesStoch(${period},${smoothK},${dPeriod})`;
    this.highs = new RollingMax(period);
    this.lows = new RollingMax(period);
    this.kd = new KDSmoothing(smoothK, dPeriod);
  }

  protected update(value: number, replacing: boolean): StochasticResult | null {
    if (replacing) {
      this.highs.replaceLast(value);
      this.lows.replaceLast(-value);
    } else {
      this.highs.push(value);
      this.lows.push(-value);
    }
    if (this.count < this.period) return null;
    const raw = rawStochastic(value, this.highs.max, -this.lows.max);
    return this.kd.update(raw, replacing) ? { k: this.kd.k, d: this.kd.d } : null;
  }
}

function assertPeriods(period: number, smoothK: number, dPeriod: number): void {
  assertInteger('SeriesStochastic period', period);
  assertInteger('SeriesStochastic smoothK', smoothK);
  assertInteger('SeriesStochastic dPeriod', dPeriod);
}

/**
 * SeriesStochastic over values[from..] into `k` and `d` (same positions): the batch core of StochRSI,
 * exactly the streaming values.
 */
export function seriesStochasticInto(
  values: Float64Array,
  from: number,
  period: number,
  smoothK: number,
  dPeriod: number,
  k: Float64Array,
  d: Float64Array,
): void {
  const highs = new RollingMax(period);
  const lows = new RollingMax(period);
  const kd = new KDSmoothing(smoothK, dPeriod);
  for (let i = from; i < values.length; i++) {
    const v = values[i]!;
    highs.push(v);
    lows.push(-v);
    if (i - from < period - 1) continue;
    if (kd.update(rawStochastic(v, highs.max, -lows.max), false)) {
      k[i] = kd.k;
      d[i] = kd.d;
    }
  }
}

export function computeSeriesStochastic(
  values: Float64Array,
  period: number,
  smoothK: number,
  dPeriod: number,
  out?: BatchResult<StochasticResult>,
): BatchResult<StochasticResult> {
  assertPeriods(period, smoothK, dPeriod);
  assertFiniteValues(`SeriesStoch(${period},${smoothK},${dPeriod})`, values);
  const first = period + smoothK + dPeriod - 3;
  const k = batchOutput(values.length, first, out?.k);
  const d = batchOutput(values.length, first, out?.d);
  seriesStochasticInto(values, 0, period, smoothK, dPeriod, k, d);
  return { k, d };
}
