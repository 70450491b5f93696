import { computeATR } from '../indicators/atr';
import { computeDonchianChannel } from '../indicators/donchian-channel';
import { computeRSI } from '../indicators/rsi';
import { computeSMA } from '../indicators/sma';
import { checkDailyColumns, usableRange } from './daily-columns';
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
  type ScreenMetricsSeries,
} from './screen-metrics';
import { trailingReturnSeries } from './trailing-return';
import { rollingMaxDrawdown } from './window-drawdown';

/**
 * Every metric as of every bar in one pass per metric, O(n) each: entry t of each array equals
 * computeScreenMetrics(bars, t, benchmarkRet3m[t]) bit for bit, with NaN for null. For rebuilding snapshots
 * of many past dates (a single date's computation is O(t), so date by date would be O(n^2) per symbol).
 *
 * `benchmarkRet3m`, when given, is the benchmark's ret3m as of each of this symbol's bars (same length as
 * `close`, NaN where unknown): align it by date first (alignAsOf of trailingReturnSeries(benchmark close, 63)).
 * Without it rs3m is all NaN.
 */
export function screenMetricsSeries(bars: DailyColumns, benchmarkRet3m?: Float64Array): ScreenMetricsSeries {
  const n = bars.close.length;
  if (benchmarkRet3m !== undefined && benchmarkRet3m.length !== n)
    throw new RangeError(`benchmarkRet3m has ${benchmarkRet3m.length} values for ${n} bars`);
  checkDailyColumns(bars, n);
  const { close, volume } = bars;
  const { high, low } = usableRange(bars, n);
  const series = {} as ScreenMetricsSeries;

  for (const [name, bars] of RETURN_METRICS) series[name] = trailingReturnSeries(close, bars);
  for (const [name, period] of SMA_METRICS) series[name] = distanceTo(close, computeSMA(close, period));
  series.rsi14 = computeRSI(close, RSI_PERIOD);
  const channel = computeDonchianChannel({ high, low }, YEAR_BARS);
  series.high52wDist = distanceTo(close, channel.upper);
  series.low52wDist = distanceTo(close, channel.lower);
  series.atr14Pct = ratioTo(computeATR({ high, low, close }, ATR_PERIOD), close);
  const avgVol = computeSMA(volume, VOLUME_BARS);
  series.avgVol20 = avgVol;
  series.relVol = relativeVolume(volume, avgVol);
  series.vol63 = rollingLogReturnVolatility(close, VOLATILITY_RETURNS);
  series.maxDd1y = rollingMaxDrawdown(close, YEAR_BARS);
  series.rs3m = relativeStrength(series.ret3m, benchmarkRet3m);
  return series;
}

const finiteOrNaN = (x: number): number => (Number.isFinite(x) ? x : Number.NaN);

/** a[i] / b[i] - 1 (NaN where b is NaN or the result is not finite); reuses b, which the caller drops. */
function distanceTo(a: Float64Array, b: Float64Array): Float64Array {
  for (let i = 0; i < b.length; i++) b[i] = finiteOrNaN(a[i]! / b[i]! - 1);
  return b;
}

/** a[i] / b[i] into a. */
function ratioTo(a: Float64Array, b: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = finiteOrNaN(a[i]! / b[i]!);
  return a;
}

/** volume / avgVol20, NaN where the average is NaN or 0 (no trades in 20 bars: no base to compare with). */
function relativeVolume(volume: Float64Array, avgVol: Float64Array): Float64Array {
  const out = new Float64Array(volume.length);
  for (let i = 0; i < volume.length; i++) {
    const base = avgVol[i]!;
    out[i] = base > 0 ? finiteOrNaN(volume[i]! / base) : Number.NaN;
  }
  return out;
}

function relativeStrength(ret3m: Float64Array, benchmark: Float64Array | undefined): Float64Array {
  const out = new Float64Array(ret3m.length).fill(Number.NaN);
  if (benchmark === undefined) return out;
  // NaN in either side gives NaN, as null does in the single-date form.
  for (let i = 0; i < out.length; i++) out[i] = finiteOrNaN(ret3m[i]! - benchmark[i]!);
  return out;
}
