import { computeATR } from '../indicators/atr';
import { computeRSI } from '../indicators/rsi';
import { computeSMA } from '../indicators/sma';
import { checkDailyColumns, checkEnd, usableRange } from './daily-columns';
import { rollingLogReturnVolatility } from './log-return-volatility';
import {
  ATR_PERIOD,
  RETURN_METRICS,
  RSI_PERIOD,
  SMA_METRICS,
  VOLATILITY_RETURNS,
  VOLUME_BARS,
  YEAR_BARS,
  type DailyColumns,
  type ScreenMetrics,
} from './screen-metrics';
import { trailingReturn } from './trailing-return';
import { windowMaxDrawdown } from './window-drawdown';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
/** a / b - 1, the form of every "distance" metric; null when b is 0. */
const distance = (a: number, b: number): number | null => finite(a / b - 1);

/**
 * Metrics at bar index `end` (inclusive), using bars 0..end only. benchmarkRet3m null => rs3m null.
 *
 * The Wilder indicators (RSI, ATR) carry their whole history, so they are run over bars 0..end; so are the
 * SMAs and the volatility, whose batch forms re-sum on a fixed phase from bar 0, so that every value here is
 * bit-identical to screenMetricsSeries' value at `end` (tested on real files). The window metrics (returns,
 * 52-week range, drawdown) read only their window. O(end) per call: for many dates use the series.
 */
export function computeScreenMetrics(bars: DailyColumns, end: number, benchmarkRet3m: number | null): ScreenMetrics {
  checkEnd(end, bars.close.length);
  const count = end + 1;
  checkDailyColumns(bars, count);
  const close = bars.close.subarray(0, count);
  const volume = bars.volume.subarray(0, count);
  const { high, low } = usableRange(bars, count);
  const last = close[end]!;

  const metrics = {} as ScreenMetrics;
  for (const [name, n] of RETURN_METRICS) metrics[name] = trailingReturn(close, end, n);
  for (const [name, period] of SMA_METRICS) {
    metrics[name] = end >= period - 1 ? distance(last, computeSMA(close, period)[end]!) : null;
  }
  metrics.rsi14 = end >= RSI_PERIOD ? computeRSI(close, RSI_PERIOD)[end]! : null;
  const yearStart = end - YEAR_BARS + 1;
  metrics.high52wDist = yearStart >= 0 ? distance(last, maxOf(high, yearStart, end)) : null;
  metrics.low52wDist = yearStart >= 0 ? distance(last, minOf(low, yearStart, end)) : null;
  metrics.atr14Pct = end >= ATR_PERIOD ? finite(computeATR({ high, low, close }, ATR_PERIOD)[end]! / last) : null;
  const avgVol = end >= VOLUME_BARS - 1 ? computeSMA(volume, VOLUME_BARS)[end]! : null;
  metrics.avgVol20 = avgVol;
  metrics.relVol = avgVol !== null && avgVol > 0 ? finite(volume[end]! / avgVol) : null;
  metrics.vol63 = end >= VOLATILITY_RETURNS ? rollingLogReturnVolatility(close, VOLATILITY_RETURNS)[end]! : null;
  metrics.maxDd1y = yearStart >= 0 ? windowMaxDrawdown(close, yearStart, end) : null;
  const benchmark = benchmarkRet3m !== null && Number.isFinite(benchmarkRet3m) ? benchmarkRet3m : null;
  metrics.rs3m = metrics.ret3m !== null && benchmark !== null ? metrics.ret3m - benchmark : null;
  return metrics;
}

function maxOf(values: Float64Array, from: number, to: number): number {
  let m = values[from]!;
  for (let i = from + 1; i <= to; i++) if (values[i]! > m) m = values[i]!;
  return m;
}

function minOf(values: Float64Array, from: number, to: number): number {
  let m = values[from]!;
  for (let i = from + 1; i <= to; i++) if (values[i]! < m) m = values[i]!;
  return m;
}
