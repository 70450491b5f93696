import type { OhlcvBar } from '../bars/ohlcv-bar';
import { LogReturn } from './log-return';
import { StreamingFeature, type BarField } from './streaming-feature';

/** absret_t = |logret_t|: the size of the move regardless of direction. */
export class AbsReturn extends StreamingFeature {
  readonly warmUpBars = 2;
  readonly label = 'absret';
  protected readonly fields: readonly BarField[] = ['close'];
  private readonly logReturn = new LogReturn();

  protected update(bar: OhlcvBar, replacing: boolean): number | null {
    const r = replacing ? this.logReturn.replace(bar) : this.logReturn.add(bar);
    return r === null ? null : Math.abs(r);
  }
}
