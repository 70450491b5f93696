import type { Bar, Timeframe } from '@marketlens/contracts';
import { resampleBars, timeframeMs, type OhlcvBar } from '@marketlens/quant';

/**
 * The bars a backtest ran on, for its candle chart. The backtest reads stored bars of `source` and, when the
 * strategy's timeframe is coarser, resamples them (UTC buckets) before the engine sees them; the chart does the
 * same with the same function, so every entry and exit lands on a candle.
 */
export function strategyBars(bars: readonly Bar[], source: Timeframe, target: Timeframe): OhlcvBar[] {
  const raw = bars.map((b) => ({ ...b, ts: Date.parse(b.ts) }));
  if (source === target) return raw;
  return resampleBars(raw, target, { source }).bars;
}

/** The bars query's range for a backtest: its first bar up to the end of its last (the API's `to` is exclusive). */
export function backtestBarRange(first: string, last: string, timeframe: Timeframe): { from: string; to: string } {
  return { from: first, to: new Date(Date.parse(last) + timeframeMs(timeframe)).toISOString() };
}
