import type { BacktestOptions } from './backtest';
import type { BacktestBars } from './backtest-bars';
import { compileRuleSetBatch, type BatchRuleSet } from '../rules/rule-batch';
import type { StrategySpec } from './strategy-spec';
import { StrategyRunner, type ClosedTrade, type RunnerOptions, type StrategySignal } from './strategy-runner';

export interface Replay {
  trades: ClosedTrade[];
  signals: StrategySignal[];
  /** Equity after each bar's close (empty without `withEquity`). */
  equity: Float64Array;
  /** Bar closes with a position open. */
  exposed: number;
}

/**
 * A pass of the engine over `bars`: the same StrategyRunner the live engine uses. With the rules evaluated
 * ahead (the default), the runner skips the flat bars at which no entry rule holds (StrategyRunner.skipIdle:
 * they change nothing but the count) and their equity, the realised equity, is filled in bulk; a strategy
 * is flat on most bars, so the runner steps through few of them. `stepEveryBar` turns the skipping off (the
 * tests compare both ways).
 */
export function replay(
  spec: StrategySpec,
  bars: BacktestBars,
  options: BacktestOptions,
  withEquity: boolean,
  stepEveryBar = false,
): Replay {
  const prepared = options.prepare ? { ...options, ...options.prepare(bars.asObjects()) } : options;
  // The batch evaluator gets this pass's bars only: a truncated look-ahead pass builds its own.
  let batch: BatchRuleSet | undefined;
  const compileRules =
    prepared.compileRules ??
    (options.ruleEvaluation === 'streaming'
      ? undefined
      : <N extends string>(rules: Readonly<Record<N, string>>, catalog?: RunnerOptions['catalog']) =>
          (batch = compileRuleSetBatch(rules, bars, catalog)));
  const runner = new StrategyRunner(spec, { ...prepared, compileRules });
  const n = bars.length;
  const equity = new Float64Array(withEquity ? n : 0);
  const trades: ClosedTrade[] = [];
  const signals: StrategySignal[] = [];
  const { onProgress } = options;
  const every = options.progressEvery ?? 100_000;
  const barAt = (i: number) => bars.bar(i);
  let exposed = 0;
  for (let i = 0; i < n;) {
    const skipped = stepEveryBar ? 0 : runner.skipIdle(n - i, barAt);
    if (skipped > 0) {
      if (withEquity) equity.fill(runner.realisedEquity, i, i + skipped);
      // The progress calls stepping would have made, at every `every`-th bar.
      if (onProgress)
        for (let done = (Math.floor(i / every) + 1) * every; done <= i + skipped; done += every) onProgress(done / n);
      i += skipped;
      continue;
    }
    const bar = bars.bar(i);
    const ev = runner.step(bar);
    if (ev.closed) trades.push(ev.closed);
    if (ev.signal) signals.push(ev.signal);
    if (withEquity) {
      // Flat, the equity is the realised one: reading bar.close would cost a cache miss per bar for nothing.
      if (runner.openPosition === null) equity[i] = runner.realisedEquity;
      else {
        exposed += 1;
        equity[i] = runner.equityAt(bar.close);
      }
    }
    i += 1;
    if (onProgress && i % every === 0) onProgress(i / n);
  }
  const last = runner.finish();
  if (last) {
    trades.push(last);
    if (withEquity && n > 0) equity[n - 1] = runner.realisedEquity;
  }
  // The signals hold copies of the evidence: the columns can serve the next pass.
  batch?.release();
  return { trades, signals, equity, exposed };
}
