import type { OhlcvBar } from '../bars/ohlcv-bar';
import { StreamingFeature, type BarField } from './streaming-feature';

/**
 * logret_t = ln(close_t) - ln(close_{t-1}): the difference of logs, as numpy's `np.diff(np.log(close))`
 * that the hmmlearn reference features use (reference README §3), not ln(close_t / close_{t-1}), which
 * differs in the last bits. The first bar has no return.
 */
export class LogReturn extends StreamingFeature {
  readonly warmUpBars = 2;
  readonly label = 'logret';
  protected readonly fields: readonly BarField[] = ['close'];
  private logPrev: number | null = null;
  private logLast: number | null = null;

  protected update(bar: OhlcvBar, replacing: boolean): number | null {
    if (!replacing) this.logPrev = this.logLast;
    this.logLast = Math.log(bar.close);
    return this.logPrev === null ? null : this.logLast - this.logPrev;
  }
}
