// Test helper: every screen metric written out again the plain way, one date at a time, straight from the
// definitions in docs/screener.md (loops over the window, Wilder's recursions from bar 0, a two-pass
// variance, every pair for the drawdown). Deliberately shares no code with the module, so that a test
// comparing the two checks the definitions rather than one implementation against itself.
import type { DailyColumns, ScreenMetrics } from './screen-metrics';

const value = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The range a bar is read with: a bar whose high is below its low counts as trading only at its close. */
function range(bars: DailyColumns, i: number): [number, number] {
  const h = bars.high[i]!;
  const l = bars.low[i]!;
  return h < l ? [bars.close[i]!, bars.close[i]!] : [h, l];
}

function mean(xs: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i <= to; i++) s += xs[i]!;
  return s / (to - from + 1);
}

function wilderRSI(c: Float64Array, t: number, n: number): number {
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = c[i]! - c[i - 1]!;
    gain += Math.max(d, 0);
    loss += Math.max(-d, 0);
  }
  gain /= n;
  loss /= n;
  for (let i = n + 1; i <= t; i++) {
    const d = c[i]! - c[i - 1]!;
    gain = (gain * (n - 1) + Math.max(d, 0)) / n;
    loss = (loss * (n - 1) + Math.max(-d, 0)) / n;
  }
  return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
}

function wilderATR(bars: DailyColumns, t: number, n: number): number {
  const tr = (i: number) => {
    const [h, l] = range(bars, i);
    const pc = bars.close[i - 1]!;
    return Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  };
  let atr = 0;
  for (let i = 1; i <= n; i++) atr += tr(i);
  atr /= n;
  for (let i = n + 1; i <= t; i++) atr = (atr * (n - 1) + tr(i)) / n;
  return atr;
}

function sampleSdOfLogReturns(c: Float64Array, t: number, n: number): number {
  const r: number[] = [];
  for (let i = t - n + 1; i <= t; i++) r.push(Math.log(c[i]! / c[i - 1]!));
  const m = r.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1));
}

function pairwiseMaxDrawdown(c: Float64Array, from: number, to: number): number {
  let worst = 0;
  for (let i = from; i <= to; i++) for (let j = i; j <= to; j++) worst = Math.max(worst, (c[i]! - c[j]!) / c[i]!);
  return worst;
}

export function referenceMetrics(bars: DailyColumns, t: number, benchmarkRet3m: number | null): ScreenMetrics {
  const c = bars.close;
  const ret = (n: number) => (t >= n ? value(c[t]! / c[t - n]! - 1) : null);
  const smaDist = (n: number) => (t >= n - 1 ? value(c[t]! / mean(c, t - n + 1, t) - 1) : null);
  let high = -Infinity;
  let low = Infinity;
  if (t >= 251) {
    for (let i = t - 251; i <= t; i++) {
      const [h, l] = range(bars, i);
      high = Math.max(high, h);
      low = Math.min(low, l);
    }
  }
  const avgVol20 = t >= 19 ? mean(bars.volume, t - 19, t) : null;
  const ret3m = ret(63);
  return {
    ret1w: ret(5),
    ret1m: ret(21),
    ret3m,
    ret6m: ret(126),
    ret1y: ret(252),
    sma20Dist: smaDist(20),
    sma50Dist: smaDist(50),
    sma200Dist: smaDist(200),
    rsi14: t >= 14 ? wilderRSI(c, t, 14) : null,
    high52wDist: t >= 251 ? value(c[t]! / high - 1) : null,
    low52wDist: t >= 251 ? value(c[t]! / low - 1) : null,
    atr14Pct: t >= 14 ? wilderATR(bars, t, 14) / c[t]! : null,
    avgVol20,
    relVol: avgVol20 !== null && avgVol20 > 0 ? bars.volume[t]! / avgVol20 : null,
    vol63: t >= 63 ? sampleSdOfLogReturns(c, t, 63) * Math.sqrt(252) : null,
    maxDd1y: t >= 251 ? pairwiseMaxDrawdown(c, t - 251, t) : null,
    rs3m: ret3m !== null && benchmarkRet3m !== null ? ret3m - benchmarkRet3m : null,
  };
}
