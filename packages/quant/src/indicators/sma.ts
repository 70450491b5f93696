import { RollingWindow } from '../features/rolling-window';
import { assertPeriod, StreamingIndicator } from './indicator';

/** Simple moving average of the last `period` values, summed oldest first over a preallocated ring. */
export class SMA extends StreamingIndicator<number> {
  readonly warmUp: number;
  readonly label: string;
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    super();
    assertPeriod('SMA', period);
    this.warmUp = period;
    this.label = `SMA(${period})`;
    this.window = new RollingWindow(period);
  }

  protected update(value: number, replacing: boolean): number | null {
    // Re-summing the window (O(period)) rather than a running sum keeps replace bit-identical to add.
    if (replacing) this.window.replaceLast(value);
    else this.window.push(value);
    return this.window.isFull ? this.window.mean() : null;
  }
}
