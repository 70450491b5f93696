import { annualisedSharpe } from '../../forecast/forecast-metrics';
import type { ClosedTrade } from './strategy-runner';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export interface DrawdownDetail {
  /** Largest fall from a peak of equity, as a positive fraction (0.25 = -25%). */
  value: number;
  /** Bar indices of the peak before the fall, the trough, and the first bar back at the peak (null: not yet). */
  peakIndex: number;
  troughIndex: number;
  recoveryIndex: number | null;
  /** Bars from the peak to the recovery, or to the last bar when not recovered. */
  durationBars: number;
}

export interface BacktestMetrics {
  totalReturn: number;
  cagr: number | null;
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  calmar: number | null;
  maxDrawdown: number;
  drawdown: DrawdownDetail;
  /** Share of bar closes with a position open. */
  exposure: number;
  trades: number;
  winRate: number | null;
  /** Sum of winning trade returns / |sum of losing ones|; null without a losing trade. */
  profitFactor: number | null;
  /** Mean trade return (= win rate x average win + loss rate x average loss). */
  expectancy: number | null;
  avgTrade: number | null;
  bestTrade: number | null;
  worstTrade: number | null;
  maxConsecutiveWins: number;
  maxConsecutiveLosses: number;
  /** Van Tharp's system quality number: sqrt(n) x mean / sd (ddof 1) of trade returns. */
  sqn: number | null;
  /** First bar's open to last bar's close, no fees: the span the equity curve covers. */
  buyAndHoldReturn: number;
  /** Bars per year of this series, (n - 1) / years between the first and last bar: annualises per-bar figures. */
  periodsPerYear: number | null;
}

export interface MetricsInput {
  /** Equity after each bar's close, starting from 1 before the first bar. */
  equity: Float64Array;
  trades: readonly ClosedTrade[];
  firstTs: number;
  lastTs: number;
  firstOpen: number;
  lastClose: number;
  exposedBars: number;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Every figure of a backtest report from its equity curve and trade list (definitions: docs/signals.md). */
export function computeBacktestMetrics(input: MetricsInput): BacktestMetrics {
  const { equity, trades } = input;
  const n = equity.length;
  const final = n > 0 ? equity[n - 1]! : 1;
  const years = (input.lastTs - input.firstTs) / YEAR_MS;
  const ppy = n > 1 && years > 0 ? (n - 1) / years : null;

  const perBar = new Float64Array(n);
  let prev = 1;
  for (let i = 0; i < n; i++) {
    perBar[i] = equity[i]! / prev - 1;
    prev = equity[i]!;
  }
  const drawdown = drawdownDetail(equity);
  const cagr = years > 0 && final > 0 ? final ** (1 / years) - 1 : null;
  const returns = trades.map((t) => t.returnPct);
  const wins = returns.filter((r) => r > 0);
  const losses = returns.filter((r) => r <= 0);
  const grossWin = wins.reduce((s, r) => s + r, 0);
  const grossLoss = -losses.reduce((s, r) => s + r, 0);
  const mean = returns.length > 0 ? returns.reduce((s, r) => s + r, 0) / returns.length : null;

  return {
    totalReturn: final - 1,
    cagr: cagr === null ? null : finiteOrNull(cagr),
    volatility: ppy === null ? null : finiteOrNull(sampleSd(perBar) * Math.sqrt(ppy)),
    sharpe: ppy === null ? null : annualisedSharpe(perBar, ppy),
    sortino: ppy === null ? null : sortino(perBar, ppy),
    calmar: cagr !== null && drawdown.value > 0 ? finiteOrNull(cagr / drawdown.value) : null,
    maxDrawdown: drawdown.value,
    drawdown,
    exposure: n > 0 ? input.exposedBars / n : 0,
    trades: trades.length,
    winRate: returns.length > 0 ? wins.length / returns.length : null,
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : null,
    expectancy: mean,
    avgTrade: mean,
    bestTrade: returns.length > 0 ? Math.max(...returns) : null,
    worstTrade: returns.length > 0 ? Math.min(...returns) : null,
    maxConsecutiveWins: longestRun(returns, (r) => r > 0),
    maxConsecutiveLosses: longestRun(returns, (r) => r <= 0),
    sqn:
      returns.length > 1 && mean !== null ? finiteOrNull((Math.sqrt(returns.length) * mean) / sampleSd(returns)) : null,
    buyAndHoldReturn: buyAndHoldEquity(input.firstOpen, input.lastClose) - 1,
    periodsPerYear: ppy,
  };
}

/** Buy-and-hold equity at a close: bought at the first bar's open, no fees (the span the equity curve covers). */
export function buyAndHoldEquity(firstOpen: number, close: number): number {
  return close / firstOpen;
}

/**
 * Peak-to-trough fall of an equity curve that starts at 1 before its first value (peak index -1 is that
 * start). The duration runs from the peak to the first bar back at the peak, or to the last bar.
 */
export function drawdownDetail(equity: ArrayLike<number>): DrawdownDetail {
  let peak = 1;
  let peakIndex = -1;
  let value = 0;
  let worstPeak = -1;
  let worstPeakValue = 1;
  let troughIndex = -1;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) {
      peak = e;
      peakIndex = i;
    } else if (1 - e / peak > value) {
      value = 1 - e / peak;
      worstPeak = peakIndex;
      worstPeakValue = peak;
      troughIndex = i;
    }
  }
  if (value === 0) return { value: 0, peakIndex: -1, troughIndex: -1, recoveryIndex: null, durationBars: 0 };
  let recoveryIndex: number | null = null;
  for (let i = troughIndex + 1; i < equity.length; i++) {
    if (equity[i]! >= worstPeakValue) {
      recoveryIndex = i;
      break;
    }
  }
  const end = recoveryIndex ?? equity.length - 1;
  return { value, peakIndex: worstPeak, troughIndex, recoveryIndex, durationBars: end - worstPeak };
}

function sampleSd(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i]!;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - m) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Mean / downside deviation (root mean square of min(r, 0) over all periods, target 0), annualised. */
function sortino(returns: ArrayLike<number>, ppy: number): number | null {
  const n = returns.length;
  if (n < 2) return null;
  let m = 0;
  let down = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    m += r;
    if (r < 0) down += r * r;
  }
  const dd = Math.sqrt(down / n);
  return dd > 0 ? finiteOrNull((m / n / dd) * Math.sqrt(ppy)) : null;
}

function longestRun(xs: readonly number[], test: (x: number) => boolean): number {
  let best = 0;
  let run = 0;
  for (const x of xs) {
    run = test(x) ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}
