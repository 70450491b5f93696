import type { OhlcvBar } from '../bars/ohlcv-bar';
import { LogReturn } from './log-return';
import { RollingWindow } from './rolling-window';
import { StreamingFeature, type BarField } from './streaming-feature';

/**
 * volN_t = sample standard deviation (ddof 1) of the N log returns ending at t, logret_{t-N+1..t}.
 * Needs N + 1 bars (N returns). Two-pass over a preallocated window: O(N) per bar, exact to the last bits.
 */
export class RollingVolatility extends StreamingFeature {
  readonly warmUpBars: number;
  readonly label: string;
  protected readonly fields: readonly BarField[] = ['close'];
  private readonly logReturn = new LogReturn();
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    super();
    if (!Number.isInteger(period) || period < 2) {
      throw new RangeError(`RollingVolatility needs a period >= 2 (a sample sd), got ${period}`);
    }
    this.window = new RollingWindow(period);
    this.warmUpBars = period + 1;
    this.label = `vol${period}`;
  }

  protected update(bar: OhlcvBar, replacing: boolean): number | null {
    // The bar was validated for this feature's fields (close), which are the log return's.
    const r = replacing ? this.logReturn.replace(bar) : this.logReturn.addValidated(bar);
    if (r === null) return null;
    // A replaced bar had a return exactly when the new version has one (same position in the stream).
    if (replacing) this.window.replaceLast(r);
    else this.window.push(r);
    return this.window.isFull ? this.window.sampleSd() : null;
  }
}
