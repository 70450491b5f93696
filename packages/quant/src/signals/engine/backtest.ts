import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { compileRuleSetBatch, type BatchRuleSet } from '../rules/rule-batch';
import { computeBacktestMetrics, type BacktestMetrics } from './backtest-metrics';
import type { StrategySpec } from './strategy-spec';
import { StrategyRunner, type ClosedTrade, type RunnerOptions, type StrategySignal } from './strategy-runner';

export interface BacktestOptions extends RunnerOptions {
  /**
   * Builds the runner options (filters, catalog) from the history a pass sees. The look-ahead check calls it
   * again on each truncated history, so a filter computed over the whole series is caught peeking.
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

/** A pass of the engine over `bars`: the same StrategyRunner the live engine uses, bar by bar. */
function replay(spec: StrategySpec, bars: readonly OhlcvBar[], options: BacktestOptions, withEquity: boolean) {
  const prepared = options.prepare ? { ...options, ...options.prepare(bars) } : options;
  // The batch evaluator gets this pass's bars only: a truncated look-ahead pass builds its own.
  let batch: BatchRuleSet | undefined;
  const compileRules =
    prepared.compileRules ??
    (options.ruleEvaluation === 'streaming'
      ? undefined
      : <N extends string>(rules: Readonly<Record<N, string>>, catalog?: RunnerOptions['catalog']) =>
          (batch = compileRuleSetBatch(rules, bars, catalog)));
  const runner = new StrategyRunner(spec, { ...prepared, compileRules });
  const equity = new Float64Array(withEquity ? bars.length : 0);
  const trades: ClosedTrade[] = [];
  const signals: StrategySignal[] = [];
  const every = options.progressEvery ?? 100_000;
  let exposed = 0;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    const ev = runner.step(bar);
    if (ev.closed) trades.push(ev.closed);
    if (ev.signal) signals.push(ev.signal);
    if (withEquity) {
      // Flat, the equity is the realised one: reading bar.close would cost a cache miss per bar for nothing
      // (a million bar objects do not fit in cache).
      if (runner.openPosition === null) equity[i] = runner.realisedEquity;
      else {
        exposed += 1;
        equity[i] = runner.equityAt(bar.close);
      }
    }
    if (options.onProgress && (i + 1) % every === 0) options.onProgress((i + 1) / bars.length);
  }
  const last = runner.finish();
  if (last) {
    trades.push(last);
    if (withEquity && bars.length > 0) equity[bars.length - 1] = runner.realisedEquity;
  }
  // The signals hold copies of the evidence: the columns can serve the next pass.
  batch?.release();
  return { trades, signals, equity, exposed };
}

/**
 * Backtest of one strategy on one series, with every figure of the report, the per-regime breakdown and the
 * look-ahead check. Pure: the caller brings the bars, the entry filters and the regime labels.
 */
export function runBacktest(
  spec: StrategySpec,
  bars: readonly OhlcvBar[],
  options: BacktestOptions = {},
): BacktestResult {
  if (bars.length === 0) throw new RangeError('a backtest needs at least one bar');
  const { trades, signals, equity, exposed } = replay(spec, bars, options, true);
  const metrics = computeBacktestMetrics({
    equity,
    trades,
    firstTs: bars[0]!.ts,
    lastTs: bars[bars.length - 1]!.ts,
    firstOpen: bars[0]!.open,
    lastClose: bars[bars.length - 1]!.close,
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
  bars: readonly OhlcvBar[],
  fullSignals: readonly StrategySignal[],
  options: BacktestOptions = {},
): LookAheadReport {
  const cuts = Math.min(options.lookAheadCuts ?? 5, Math.max(0, bars.length - 1));
  let mismatches = 0;
  let firstMismatch: LookAheadReport['firstMismatch'] = null;
  for (let k = 1; k <= cuts; k++) {
    const cut = Math.floor((bars.length * k) / (cuts + 1));
    const truncated = replay(spec, bars.slice(0, cut), { ...options, onProgress: undefined }, false).signals;
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
