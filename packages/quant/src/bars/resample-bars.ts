import { BarResampler } from './bar-resampler';
import type { OhlcvBar } from './ohlcv-bar';
import { timeframeMs, type BarTimeframe } from './timeframe';

export interface ResampleOptions {
  /** Timeframe of the input bars; the target must be the same or coarser. */
  source: BarTimeframe;
  /**
   * Epoch ms up to which the source is known to be complete (e.g. when it was fetched). Default: the end of
   * the last source bar, which suits dense (24/7) series; sparse series should pass it.
   */
  asOf?: number;
}

export interface ResampleResult {
  /** One bar per UTC bucket that holds at least one source bar, ascending. */
  bars: OhlcvBar[];
  /** The last bar's bucket ends after the data does: more source bars may still join it. */
  lastBarPartial: boolean;
}

/**
 * Aggregates bars into UTC-aligned buckets (epoch multiples; weeks from Monday 00:00 UTC): first open, max
 * high, min low, last close, summed volume. The input must be ascending without duplicates, every bar on
 * the source grid (ResampleInputError names the index otherwise). Buckets without source bars produce no bar.
 */
export function resampleBars(
  bars: readonly OhlcvBar[],
  target: BarTimeframe,
  options: ResampleOptions,
): ResampleResult {
  const resampler = new BarResampler(options.source, target);
  const out: OhlcvBar[] = [];
  for (const bar of bars) {
    const completed = resampler.add(bar);
    if (completed) out.push(completed);
  }
  const lastTs = resampler.lastSourceTs;
  const tail = resampler.flush();
  if (!tail || lastTs === null) return { bars: out, lastBarPartial: false };
  out.push(tail);
  const coveredUntil = options.asOf ?? lastTs + timeframeMs(options.source);
  return { bars: out, lastBarPartial: coveredUntil < tail.ts + timeframeMs(target) };
}
