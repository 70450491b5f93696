import type { OhlcvBar } from '../bars/ohlcv-bar';
import { StreamingFeature, type BarField } from './streaming-feature';

/**
 * range_t = ln(high_t / low_t): the bar's own intraday range, a volatility proxy that needs no window.
 * Close-only series (high = low) give 0, which the standardiser rejects as a constant feature.
 */
export class HighLowRange extends StreamingFeature {
  readonly warmUpBars = 1;
  readonly label = 'range';
  protected readonly fields: readonly BarField[] = ['high', 'low'];

  protected update(bar: OhlcvBar): number {
    return Math.log(bar.high / bar.low);
  }
}
