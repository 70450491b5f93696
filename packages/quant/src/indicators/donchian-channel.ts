import { BarIndicator, type BarInput } from './bar-indicator';
import { assertBarColumns, type BarColumnsOf } from './bar-columns';
import { assertPeriod, batchOutput, type BatchResult } from './indicator';
import { RollingMax } from './rolling-max';

export interface DonchianChannelResult {
  /** Highest high of the last `period` bars, this one included. */
  readonly upper: number;
  /** Lowest low of the same bars. */
  readonly lower: number;
  /** (upper + lower) / 2. */
  readonly middle: number;
}

/**
 * Donchian channel: highest high and lowest low of the last `period` bars *including* the current one
 * (trading-signals, TradingView); first result with bar `period`. For a breakout rule compare a close with
 * the previous bar's channel, since the current bar is always inside its own. Monotonic deques make it
 * O(1) amortised with an exact replace (RollingMax).
 */
export class DonchianChannel extends BarIndicator<DonchianChannelResult, 'high' | 'low'> {
  readonly fields = ['high', 'low'] as const;
  readonly warmUp: number;
  readonly label: string;
  private readonly highs: RollingMax;
  /** Negated lows: their maximum is minus the lowest low. */
  private readonly lows: RollingMax;

  constructor(readonly period = 20) {
    super();
    assertPeriod('DonchianChannel', period);
    this.warmUp = period;
    this.label = `Donchian(${period})`;
    this.highs = new RollingMax(period);
    this.lows = new RollingMax(period);
  }

  protected update(bar: BarInput<'high' | 'low'>, replacing: boolean): DonchianChannelResult | null {
    if (replacing) {
      this.highs.replaceLast(bar.high);
      this.lows.replaceLast(-bar.low);
    } else {
      this.highs.push(bar.high);
      this.lows.push(-bar.low);
    }
    if (this.count < this.period) return null;
    const upper = this.highs.max;
    const lower = -this.lows.max;
    return { upper, lower, middle: (upper + lower) / 2 };
  }
}

/** Donchian channel over a batch of bars: exactly the streaming values, NaN for the first period - 1. */
export function computeDonchianChannel(
  bars: BarColumnsOf<'high' | 'low'>,
  period = 20,
  out?: BatchResult<DonchianChannelResult>,
): BatchResult<DonchianChannelResult> {
  assertPeriod('DonchianChannel', period);
  const n = assertBarColumns(`Donchian(${period})`, bars, ['high', 'low']);
  const upper = batchOutput(n, period - 1, out?.upper);
  const lower = batchOutput(n, period - 1, out?.lower);
  const middle = batchOutput(n, period - 1, out?.middle);
  const highs = new RollingMax(period);
  const lows = new RollingMax(period);
  for (let i = 0; i < n; i++) {
    highs.push(bars.high[i]!);
    lows.push(-bars.low[i]!);
    if (i < period - 1) continue;
    upper[i] = highs.max;
    lower[i] = -lows.max;
    middle[i] = (upper[i]! + lower[i]!) / 2;
  }
  return { upper, lower, middle };
}
