import { BarIndicator, type BarInput } from './bar-indicator';
import { assertBarColumns, type BarColumnsOf } from './bar-columns';
import { assertPeriod, batchOutput } from './indicator';
import { trueRange } from './true-range';

/**
 * Average true range, Wilder (1978) and TA-Lib: true ranges start with the second bar (they need the
 * previous close); the first ATR is the simple mean of the first `period` of them, so it comes with bar
 * period + 1; then ATR = ATR + (TR - ATR) / period. technicalindicators: the same. trading-signals instead
 * counts the first bar's high - low as a true range and reports from bar `period`; its ATR differs from
 * this one by a seed difference that shrinks by (1 - 1/period) each bar.
 */
export class ATR extends BarIndicator<number, 'high' | 'low' | 'close'> {
  readonly fields = ['high', 'low', 'close'] as const;
  readonly warmUp: number;
  readonly label: string;
  private previousClose = Number.NaN;
  private previousCloseBefore = Number.NaN;
  /** The sum of true ranges while seeding, then the ATR; before the last bar too (for replace). */
  private atr = 0;
  private atrBefore = 0;

  constructor(readonly period = 14) {
    super();
    assertPeriod('ATR', period);
    this.warmUp = period + 1;
    this.label = `ATR(${period})`;
  }

  protected update(bar: BarInput<'high' | 'low' | 'close'>, replacing: boolean): number | null {
    if (!replacing) {
      this.previousCloseBefore = this.previousClose;
      this.atrBefore = this.atr;
    }
    this.previousClose = bar.close;
    const ranges = this.count - 1;
    if (ranges === 0) return null;
    const tr = trueRange(bar.high, bar.low, this.previousCloseBefore);
    const n = this.period;
    if (ranges < n) {
      this.atr = this.atrBefore + tr;
      return null;
    }
    this.atr = ranges === n ? (this.atrBefore + tr) / n : this.atrBefore + (tr - this.atrBefore) / n;
    return this.atr;
  }
}

/** ATR over a batch of bars: exactly the streaming values, NaN for the first `period` bars. */
export function computeATR(
  bars: BarColumnsOf<'high' | 'low' | 'close'>,
  period = 14,
  out?: Float64Array,
): Float64Array {
  assertPeriod('ATR', period);
  const count = assertBarColumns(`ATR(${period})`, bars, ['high', 'low', 'close']);
  const { high, low, close } = bars;
  const atrs = batchOutput(count, period, out);
  let atr = 0;
  for (let i = 1; i < count; i++) {
    const tr = trueRange(high[i]!, low[i]!, close[i - 1]!);
    if (i < period) atr += tr;
    else if (i === period) atrs[i] = atr = (atr + tr) / period;
    else atrs[i] = atr = atr + (tr - atr) / period;
  }
  return atrs;
}
