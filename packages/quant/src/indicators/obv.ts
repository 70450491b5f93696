import { BarIndicator, type BarInput } from './bar-indicator';
import { assertBarColumns, type BarColumnsOf } from './bar-columns';
import { batchOutput } from './indicator';

/**
 * On-balance volume (Granville): 0 on the first bar, then + volume when the close rises, - volume when it
 * falls, unchanged when it is flat. A result from the first bar. technicalindicators starts the same way but
 * reports from the second bar; trading-signals' OBV(2) matches from the second bar too.
 */
export class OBV extends BarIndicator<number, 'close' | 'volume'> {
  readonly fields = ['close', 'volume'] as const;
  readonly warmUp = 1;
  readonly label = 'OBV';
  private previousClose = Number.NaN;
  private previousCloseBefore = Number.NaN;
  private obv = 0;
  private obvBefore = 0;

  protected update(bar: BarInput<'close' | 'volume'>, replacing: boolean): number {
    if (!replacing) {
      this.previousCloseBefore = this.previousClose;
      this.obvBefore = this.obv;
    }
    this.previousClose = bar.close;
    this.obv = this.count === 1 ? 0 : obvStep(this.obvBefore, bar.close, this.previousCloseBefore, bar.volume);
    return this.obv;
  }
}

function obvStep(obv: number, close: number, previousClose: number, volume: number): number {
  if (close > previousClose) return obv + volume;
  if (close < previousClose) return obv - volume;
  return obv;
}

/** OBV over a batch of bars: exactly the streaming values (defined from the first bar). */
export function computeOBV(bars: BarColumnsOf<'close' | 'volume'>, out?: Float64Array): Float64Array {
  const n = assertBarColumns('OBV', bars, ['close', 'volume']);
  const obv = batchOutput(n, 0, out);
  if (n > 0) obv[0] = 0;
  for (let i = 1; i < n; i++) obv[i] = obvStep(obv[i - 1]!, bars.close[i]!, bars.close[i - 1]!, bars.volume[i]!);
  return obv;
}
