// The bar timeframes of the platform and their UTC grid. The same list as `timeframeSchema` in
// @marketlens/contracts (quant imports nothing of ours; a server test checks the two agree).

export const BAR_TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'] as const;
export type BarTimeframe = (typeof BAR_TIMEFRAMES)[number];

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday; the first Monday 00:00 UTC is four days later. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

export const TIMEFRAME_MS: Readonly<Record<BarTimeframe, number>> = {
  '1m': MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  '4h': 240 * MINUTE_MS,
  '1d': DAY_MS,
  '1w': WEEK_MS,
};

export function isBarTimeframe(value: string): value is BarTimeframe {
  return (BAR_TIMEFRAMES as readonly string[]).includes(value);
}

/** Length of one bar of the timeframe in milliseconds. */
export function timeframeMs(timeframe: BarTimeframe): number {
  return TIMEFRAME_MS[timeframe];
}

/**
 * Open time of the UTC bucket holding `ts`: multiples of the length since the epoch, except weeks, which
 * start on Monday 00:00 UTC (ISO weeks) rather than on the epoch's Thursday.
 */
export function bucketStart(ts: number, timeframe: BarTimeframe): number {
  const step = TIMEFRAME_MS[timeframe];
  const origin = timeframe === '1w' ? FIRST_MONDAY_MS : 0;
  return ts - ((((ts - origin) % step) + step) % step);
}
