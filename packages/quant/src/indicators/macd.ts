import { EMAState, emaInto } from './ema';
import { assertFiniteValues, assertPeriod, batchOutput, StreamingIndicator, type BatchResult } from './indicator';

export interface MACDResult {
  /** EMA(fast) - EMA(slow). */
  macd: number;
  /** EMA(signal) of the MACD line. */
  signal: number;
  /** macd - signal. */
  histogram: number;
}

/**
 * MACD (Appel): line = EMA(fast) - EMA(slow) of the values, signal = EMA(signal) of the line, all EMAs
 * SMA-seeded (technicalindicators with SimpleMAOscillator/SimpleMASignal false; trading-signals seeds with
 * the first value). A result only when all three are defined: slow + signal - 1 values.
 */
export class MACD extends StreamingIndicator<MACDResult> {
  readonly warmUp: number;
  readonly label: string;
  private readonly fastEma: EMAState;
  private readonly slowEma: EMAState;
  private readonly signalEma: EMAState;

  constructor(
    readonly fast = 12,
    readonly slow = 26,
    readonly signal = 9,
  ) {
    super();
    assertMACDPeriods(fast, slow, signal);
    this.fastEma = new EMAState(fast);
    this.slowEma = new EMAState(slow);
    this.signalEma = new EMAState(signal);
    this.warmUp = slow + signal - 1;
    this.label = `MACD(${fast},${slow},${signal})`;
  }

  protected update(value: number, replacing: boolean): MACDResult | null {
    const n = this.count;
    const f = this.fastEma.step(value, replacing, n);
    const s = this.slowEma.step(value, replacing, n);
    if (n < this.slow) return null;
    const macd = f - s;
    // The line exists from value `slow` on, at the same positions for every version of a value, so a
    // replaced value replaces in the signal EMA too.
    const signal = this.signalEma.step(macd, replacing, n - this.slow + 1);
    if (n < this.warmUp) return null;
    return { macd, signal, histogram: macd - signal };
  }
}

function assertMACDPeriods(fast: number, slow: number, signal: number): void {
  assertPeriod('MACD fast', fast);
  assertPeriod('MACD slow', slow);
  assertPeriod('MACD signal', signal);
  if (fast >= slow) throw new RangeError(`MACD fast period (${fast}) must be below the slow period (${slow})`);
}

/** MACD over a batch of values: exactly the streaming values, NaN where the stream gives null. */
export function computeMACD(
  values: Float64Array,
  fast = 12,
  slow = 26,
  signal = 9,
  out?: BatchResult<MACDResult>,
): BatchResult<MACDResult> {
  assertMACDPeriods(fast, slow, signal);
  assertFiniteValues(`MACD(${fast},${slow},${signal})`, values);
  const n = values.length;
  const first = slow + signal - 2;
  // Three outputs and no scratch arrays: the fast EMA and then the line live in `macd`, the slow EMA in
  // `histogram`, until the signal (an EMA of the line from value `slow` on) is known.
  const macd = batchOutput(n, first, out?.macd);
  const histogram = batchOutput(n, first, out?.histogram);
  const signalLine = batchOutput(n, first, out?.signal);
  emaInto(values, 0, fast, macd);
  emaInto(values, 0, slow, histogram);
  for (let i = slow - 1; i < n; i++) macd[i] = macd[i]! - histogram[i]!;
  emaInto(macd, slow - 1, signal, signalLine);
  for (let i = 0; i < Math.min(first, n); i++) macd[i] = histogram[i] = Number.NaN;
  for (let i = first; i < n; i++) histogram[i] = macd[i]! - signalLine[i]!;
  return { macd, signal: signalLine, histogram };
}
