import { timeframeSchema, type Timeframe } from '@marketlens/contracts';
import { bucketStart, timeframeMs } from '@marketlens/quant';
import { BadRequestError } from '../../http/http-errors';

// Which stored bars a backtest reads. The strategy is written for one timeframe; bars of that timeframe are
// read as they are, finer stored bars are resampled to it (UTC buckets, quant resampleBars), coarser bars
// cannot be split and are refused.

const ORDER: readonly Timeframe[] = timeframeSchema.options;

export const isFiner = (a: Timeframe, than: Timeframe) => ORDER.indexOf(a) < ORDER.indexOf(than);

/** Timeframes finer than `tf`, coarsest first: the order in which stored bars are looked for. */
export const finerTimeframes = (tf: Timeframe): Timeframe[] => ORDER.slice(0, ORDER.indexOf(tf)).reverse();

/** How many `source` bars make one `target` bar (1 when they are the same). */
export const barsPerBucket = (source: Timeframe, target: Timeframe) => timeframeMs(target) / timeframeMs(source);

/** Reading `stored` bars for a strategy on `strategy`: the resampling step, or 400 TIMEFRAME_MISMATCH. */
export function resampleStep(stored: Timeframe, strategy: Timeframe): { source: Timeframe; target: Timeframe } | null {
  if (stored === strategy) return null;
  if (isFiner(stored, strategy)) return { source: stored, target: strategy };
  throw new BadRequestError(
    'TIMEFRAME_MISMATCH',
    `The strategy is written for ${strategy} bars; ${stored} bars are coarser and cannot be split into ${strategy} bars`,
    { strategyTimeframe: strategy, barsTimeframe: stored },
  );
}

/**
 * The range to read when resampling: `from` moves up and `to` down to the strategy's bucket boundaries, so
 * the first and last resampled bars are whole buckets, not the tail or head of one.
 */
export function alignedRange(range: { from?: number; to?: number }, target: Timeframe): { from?: number; to?: number } {
  const step = timeframeMs(target);
  const up = (t: number) => (bucketStart(t, target) === t ? t : bucketStart(t, target) + step);
  return {
    ...(range.from === undefined ? {} : { from: up(range.from) }),
    ...(range.to === undefined ? {} : { to: bucketStart(range.to, target) }),
  };
}
