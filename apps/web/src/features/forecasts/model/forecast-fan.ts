import type { ForecastAnswer, Timeframe } from '@marketlens/contracts';

export interface TimePoint {
  /** Seconds since the epoch (lightweight-charts' UTCTimestamp). */
  time: number;
  value: number;
}

export interface ForecastFan {
  /** Open time of the bar the forecast is for: `horizon` bars after the last one. */
  targetTime: number;
  /** From the last close to the expected price. */
  expected: TimePoint[];
  /** From the last close to the interval's bounds: the fan. */
  upper: TimePoint[];
  lower: TimePoint[];
}

const TIMEFRAME_SECONDS: Record<Timeframe, number> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '4h': 14_400,
  '1d': 86_400,
  '1w': 604_800,
};

export function timeframeSeconds(timeframe: Timeframe): number {
  return TIMEFRAME_SECONDS[timeframe];
}

/**
 * The forecast drawn after the last bar: lines from the last close to the expected price and to both interval
 * bounds, `horizon` bars later. Null for direction models, which forecast P(up) and no price.
 */
export function buildForecastFan(answer: ForecastAnswer): ForecastFan | null {
  const { expectedPrice, lower, upper } = answer.forecast;
  if (expectedPrice === null) return null;
  const start = Math.floor(Date.parse(answer.asOf) / 1000);
  const targetTime = start + answer.horizon * timeframeSeconds(answer.timeframe);
  const from = { time: start, value: answer.lastClose };
  return {
    targetTime,
    expected: [from, { time: targetTime, value: expectedPrice }],
    upper: upper === null ? [] : [from, { time: targetTime, value: upper }],
    lower: lower === null ? [] : [from, { time: targetTime, value: lower }],
  };
}

/** Close prices up to and including the bar the forecast is made from, ascending and without duplicates. */
export function historyUpTo(bars: readonly { ts: string; close: number }[], asOf: string): TimePoint[] {
  const limit = Date.parse(asOf);
  const out: TimePoint[] = [];
  for (const bar of bars) {
    const ms = Date.parse(bar.ts);
    if (ms > limit) break;
    const time = Math.floor(ms / 1000);
    if (out.length > 0 && out[out.length - 1]!.time >= time) continue;
    out.push({ time, value: bar.close });
  }
  return out;
}
