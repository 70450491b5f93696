/**
 * The screen metrics: what each is (docs/screener.md, "Metrics", is the full definition) and how many of
 * the symbol's own daily bars each looks back over. Windows count bars, not calendar days, so a thin stock
 * with missing trading days looks back further in time than a liquid one: the metric is about its own tape.
 */
export const SCREEN_METRICS = [
  'ret1w',
  'ret1m',
  'ret3m',
  'ret6m',
  'ret1y',
  'sma20Dist',
  'sma50Dist',
  'sma200Dist',
  'rsi14',
  'high52wDist',
  'low52wDist',
  'atr14Pct',
  'avgVol20',
  'relVol',
  'vol63',
  'maxDd1y',
  'rs3m',
] as const;

export type ScreenMetricName = (typeof SCREEN_METRICS)[number];

/** One value per metric; null where the history is too short or the value is undefined (never 0 for "unknown"). */
export type ScreenMetrics = Record<ScreenMetricName, number | null>;

/** Every metric for every bar of a series: entry i is the metric as of bar i; NaN where it is null. */
export type ScreenMetricsSeries = Record<ScreenMetricName, Float64Array>;

/** A symbol's daily bars as columns, oldest first, one bar each (extra columns such as `ts` are ignored). */
export interface DailyColumns {
  close: Float64Array;
  high: Float64Array;
  low: Float64Array;
  volume: Float64Array;
}

/** Trading days in a year: annualises vol63 and is the "1y" / "52w" window. */
export const TRADING_DAYS_PER_YEAR = 252;

/** ret<N> = close[t] / close[t - bars] - 1. */
export const RETURN_BARS = { ret1w: 5, ret1m: 21, ret3m: 63, ret6m: 126, ret1y: 252 } as const;

/** sma<N>Dist = close[t] / SMA(N)[t] - 1. */
export const SMA_PERIODS = { sma20Dist: 20, sma50Dist: 50, sma200Dist: 200 } as const;

export const RSI_PERIOD = 14;
export const ATR_PERIOD = 14;
/** Bars of avgVol20, the base of relVol. */
export const VOLUME_BARS = 20;
/** Daily log returns behind vol63 (so 64 closes). */
export const VOLATILITY_RETURNS = 63;
/** Bars of the 52-week high and low and of maxDd1y. */
export const YEAR_BARS = TRADING_DAYS_PER_YEAR;

/** Names of the return metrics with their bars, in SCREEN_METRICS order. */
export const RETURN_METRICS = Object.entries(RETURN_BARS) as [keyof typeof RETURN_BARS, number][];
export const SMA_METRICS = Object.entries(SMA_PERIODS) as [keyof typeof SMA_PERIODS, number][];
