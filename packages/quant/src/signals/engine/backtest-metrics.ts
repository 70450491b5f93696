import { curveStats, type CurveStats, type DrawdownDetail } from './equity-curve';
import type { ClosedTrade } from './strategy-runner';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export type { DrawdownDetail };

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

  const curve = curveStats(equity);
  const drawdown = curve.drawdown;
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
    volatility: ppy === null ? null : finiteOrNull(curveSd(curve) * Math.sqrt(ppy)),
    sharpe: ppy === null ? null : sharpe(curve, ppy),
    sortino: ppy === null ? null : sortino(curve, ppy),
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
  return curveStats(equity).drawdown;
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

/** Sample sd (ddof 1) of the per-bar returns; NaN under two bars. */
function curveSd({ bars, squares }: CurveStats): number {
  return bars < 2 ? Number.NaN : Math.sqrt(squares / (bars - 1));
}

/** annualisedSharpe (forecast-metrics.ts) of the per-bar returns: mean / sd x sqrt(ppy), 0 without variation. */
function sharpe(curve: CurveStats, ppy: number): number {
  if (curve.bars < 2) return 0;
  const sd = curveSd(curve);
  return sd > 0 ? (curve.sum / curve.bars / sd) * Math.sqrt(ppy) : 0;
}

/** Mean / downside deviation (root mean square of min(r, 0) over all periods, target 0), annualised. */
function sortino({ bars, sum, downside }: CurveStats, ppy: number): number | null {
  if (bars < 2) return null;
  const dd = Math.sqrt(downside / bars);
  return dd > 0 ? finiteOrNull((sum / bars / dd) * Math.sqrt(ppy)) : null;
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
