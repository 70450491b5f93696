import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { BacktestBars, type BacktestInput } from './backtest-bars';
import { computeBacktestMetrics, type BacktestMetrics } from './backtest-metrics';
import { replay } from './backtest-replay';
import type { StrategySpec } from './strategy-spec';
import type { ClosedTrade, RunnerOptions, StrategySignal } from './strategy-runner';

export interface BacktestOptions extends RunnerOptions {
  /**
   * Builds the runner options (filters, catalog) from the history a pass sees. The look-ahead check calls it
   * again on each truncated history, so a filter computed over the whole series is caught peeking. Bars
   * given as columns are turned into objects for it.
   */
  prepare?: (history: readonly OhlcvBar[]) => RunnerOptions;
  /** Regime label at a bar (e.g. from filtered regime probabilities), for the per-regime breakdown. */
  regimeAt?: (index: number) => string | null;
  /** Cut points of the look-ahead check (0 skips it). */
  lookAheadCuts?: number;
  /** Called every `progressEvery` bars with the share done (long backtests run as jobs). */
  onProgress?: (done: number) => void;
  progressEvery?: number;
  /**
   * `batch` (default): the rules are evaluated over the whole history of each pass at once, then the runner
   * steps through them; `streaming`: bar by bar as live. Same signals and trades (rule-batch.test.ts).
   */
  ruleEvaluation?: 'batch' | 'streaming';
}

export interface RegimeBreakdown {
  /** Regime at the entry signal's bar; `unknown` where none was known. */
  regime: string;
  trades: number;
  winRate: number;
  /** Compounded return of these trades alone, at the strategy's sizing. */
  totalReturn: number;
  avgReturn: number;
}

export interface LookAheadReport {
  cutPoints: number;
  /** Signals before a cut that differ between the full run and the run truncated there. */
  mismatches: number;
  /** The first difference, for the report. */
  firstMismatch: { cut: number; index: number; full: string | null; truncated: string | null } | null;
}

export interface BacktestResult {
  bars: number;
  trades: ClosedTrade[];
  signals: StrategySignal[];
  /** Equity after each bar's close (marked to market), starting from 1. */
  equity: Float64Array;
  metrics: BacktestMetrics;
  regimes: RegimeBreakdown[];
  lookAhead: LookAheadReport;
}

/**
 * Backtest of one strategy on one series, with every figure of the report, the per-regime breakdown and the
 * look-ahead check. Pure: the caller brings the bars (objects or columns, BacktestInput), the entry filters
 * and the regime labels.
 */
export function runBacktest(spec: StrategySpec, input: BacktestInput, options: BacktestOptions = {}): BacktestResult {
  const bars = BacktestBars.of(input);
  if (bars.length === 0) throw new RangeError('a backtest needs at least one bar');
  const { trades, signals, equity, exposed } = replay(spec, bars, options, true);
  const first = bars.bar(0);
  const last = bars.bar(bars.length - 1);
  const metrics = computeBacktestMetrics({
    equity,
    trades,
    firstTs: first.ts,
    lastTs: last.ts,
    firstOpen: first.open,
    lastClose: last.close,
    exposedBars: exposed,
  });
  const fraction = spec.sizing?.fraction ?? 1;
  return {
    bars: bars.length,
    trades,
    signals,
    equity,
    metrics,
    regimes: regimeBreakdown(trades, fraction, options.regimeAt),
    lookAhead: lookAheadCheck(spec, bars, signals, options),
  };
}

function regimeBreakdown(
  trades: readonly ClosedTrade[],
  fraction: number,
  regimeAt: ((index: number) => string | null) | undefined,
): RegimeBreakdown[] {
  if (!regimeAt) return [];
  const groups = new Map<string, number[]>();
  for (const t of trades) {
    const regime = regimeAt(t.signalIndex) ?? 'unknown';
    const list = groups.get(regime) ?? [];
    list.push(t.returnPct);
    groups.set(regime, list);
  }
  return [...groups.entries()]
    .map(([regime, rs]) => ({
      regime,
      trades: rs.length,
      winRate: rs.filter((r) => r > 0).length / rs.length,
      totalReturn: rs.reduce((e, r) => e * (1 + fraction * r), 1) - 1,
      avgReturn: rs.reduce((s, r) => s + r, 0) / rs.length,
    }))
    .sort((a, b) => a.regime.localeCompare(b.regime));
}

const signalKey = (s: StrategySignal | undefined) => (s ? `${s.index}:${s.action}:${s.rule ?? ''}` : null);

/**
 * Freqtrade's lookahead-analysis, for this engine: re-run on the history truncated at `cuts` evenly spaced
 * points and check that every signal before each cut is the same as in the full run. A rule or indicator that
 * read a later bar would change an earlier signal when the later bars are missing.
 */
export function lookAheadCheck(
  spec: StrategySpec,
  input: BacktestInput | BacktestBars,
  fullSignals: readonly StrategySignal[],
  options: BacktestOptions = {},
): LookAheadReport {
  const bars = BacktestBars.of(input);
  const cuts = Math.min(options.lookAheadCuts ?? 5, Math.max(0, bars.length - 1));
  let mismatches = 0;
  let firstMismatch: LookAheadReport['firstMismatch'] = null;
  for (let k = 1; k <= cuts; k++) {
    const cut = Math.floor((bars.length * k) / (cuts + 1));
    const truncated = replay(spec, bars.slice(cut), { ...options, onProgress: undefined }, false).signals;
    const before = fullSignals.filter((s) => s.index < cut);
    const count = Math.max(before.length, truncated.length);
    for (let j = 0; j < count; j++) {
      const a = signalKey(before[j]);
      const b = signalKey(truncated[j]);
      if (a !== b) {
        mismatches += 1;
        firstMismatch ??= { cut, index: before[j]?.index ?? truncated[j]!.index, full: a, truncated: b };
      }
    }
  }
  return { cutPoints: cuts, mismatches, firstMismatch };
}
