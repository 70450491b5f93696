import type { OhlcvBar } from '../bars/ohlcv-bar';
import { RollingWindow } from './rolling-window';
import { StreamingFeature, type BarField } from './streaming-feature';

/**
 * volzN_t = (v_t - mean(v_{t-N..t-1})) / sd(v_{t-N..t-1}), sd sample (ddof 1): today's volume against the
 * N bars before it, so bar t never enters its own baseline. Needs N + 1 bars.
 *
 * When the previous N volumes are all equal (sd 0) the value is 0: there is no spread to measure surprise
 * against, and a finite neutral value keeps the HMM input free of NaN/Inf (a series whose volume never
 * varies then gives a constant column, which the standardiser rejects by name).
 */
export class VolumeZScore extends StreamingFeature {
  readonly warmUpBars: number;
  readonly label: string;
  protected readonly fields: readonly BarField[] = ['volume'];
  private readonly window: RollingWindow;
  /** Volume of the last bar: it joins the baseline only when the next bar arrives. */
  private lastVolume: number | null = null;

  constructor(readonly period: number) {
    super();
    if (!Number.isInteger(period) || period < 2) {
      throw new RangeError(`VolumeZScore needs a period >= 2 (a sample sd), got ${period}`);
    }
    this.window = new RollingWindow(period);
    this.warmUpBars = period + 1;
    this.label = `volz${period}`;
  }

  protected update(bar: OhlcvBar, replacing: boolean): number | null {
    if (!replacing && this.lastVolume !== null) this.window.push(this.lastVolume);
    this.lastVolume = bar.volume;
    if (!this.window.isFull) return null;
    const mean = this.window.mean();
    const sd = this.window.sampleSd(mean);
    return sd > 0 ? (bar.volume - mean) / sd : 0;
  }
}
