import { EMA } from './ema';
import { assertPeriod, StreamingIndicator } from './indicator';

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
  private readonly fastEma: EMA;
  private readonly slowEma: EMA;
  private readonly signalEma: EMA;

  constructor(
    readonly fast = 12,
    readonly slow = 26,
    readonly signal = 9,
  ) {
    super();
    assertPeriod('MACD fast', fast);
    assertPeriod('MACD slow', slow);
    assertPeriod('MACD signal', signal);
    if (fast >= slow) throw new RangeError(`MACD fast period (${fast}) must be below the slow period (${slow})`);
    this.fastEma = new EMA(fast);
    this.slowEma = new EMA(slow);
    this.signalEma = new EMA(signal);
    this.warmUp = slow + signal - 1;
    this.label = `MACD(${fast},${slow},${signal})`;
  }

  protected update(value: number, replacing: boolean): MACDResult | null {
    const f = replacing ? this.fastEma.replace(value) : this.fastEma.add(value);
    const s = replacing ? this.slowEma.replace(value) : this.slowEma.add(value);
    if (f === null || s === null) return null;
    const macd = f - s;
    // The line exists at the same positions for every version of a bar, so replace maps to replace.
    const signal = replacing ? this.signalEma.replace(macd) : this.signalEma.add(macd);
    if (signal === null) return null;
    return { macd, signal, histogram: macd - signal };
  }
}
