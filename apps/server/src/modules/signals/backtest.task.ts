import { performance } from 'node:perf_hooks';
import type { BacktestResultDto, Timeframe } from '@marketlens/contracts';
import {
  fromModelJson,
  InvalidParamsError,
  lookAheadCheck,
  ResampleInputError,
  resampleBars,
  runBacktest,
  type EntryFilter,
  type BacktestOptions,
  type OhlcvBar,
  type StrategySpec,
} from '@marketlens/quant';
import { packBars, unpackBars, type BarColumns } from '../../compute/bar-columns';
import type { ComputePool } from '../../compute/compute-pool';
import { defineComputeTask, type ComputeTaskIO } from '../../compute/compute-task';
import { toBacktestResultDto } from './backtest-result';
import { forecastGateFilter, type GateSpec, type GateTimeline } from './forecast-gate';
import { filteredRegimeProbs, regimeEntryFilter, regimeLabelAt } from './regime-filter';
import { TooFewBarsError } from './too-few-bars.error';

export interface BacktestRegimeInput {
  fitId: string;
  /** The fit's stored model JSON (validated again here by fromModelJson). */
  model: unknown;
  /** Allowed states (matchRegimeStates) and the minimum filtered probability of being in one of them. */
  states: number[];
  minProbability: number;
  /** false: the strategy has no regime filter; the fit only labels each trade's regime at entry. */
  filter: boolean;
}

export interface BacktestTaskInput {
  spec: StrategySpec;
  /** The bars of the range, and (regime filter) the bars just before it, to warm the regime filter up. */
  bars: BarColumns;
  warmUp: BarColumns | null;
  /** Stored bars finer than the strategy's timeframe are resampled first; a partial last bucket is dropped. */
  resample: { source: Timeframe; target: Timeframe } | null;
  lookAheadCuts: number;
  /** Fewer bars than this (after resampling) is TooFewBarsError; `describe` names them in its message. */
  minBars: number;
  describe: string;
  regime: BacktestRegimeInput | null;
  /** The forecast gate: the pinned model version's out-of-sample predictions (gate-input.ts). */
  gate: { spec: GateSpec; timeline: GateTimeline; barMs: number } | null;
}

function toStrategyBars(columns: BarColumns, resample: BacktestTaskInput['resample']): OhlcvBar[] {
  const bars = unpackBars(columns);
  if (!resample || bars.length === 0) return bars;
  const { bars: out, lastBarPartial } = resampleBars(bars, resample.target, { source: resample.source });
  // A bucket still open when the data ends is not a closed bar of the strategy's timeframe.
  return lastBarPartial ? out.slice(0, -1) : out;
}

/**
 * The entry filters. The regime filter as `prepare`: each pass (the full run, and every truncated run of the look-ahead check)
 * computes filtered probabilities from the history it is given, so a filter that peeked would be caught.
 */
function filterOptions(input: BacktestTaskInput, bars: readonly OhlcvBar[]): BacktestOptions {
  // The gate reads only predictions known when each signal bar closed: the same for every truncated history.
  const gate: Record<string, EntryFilter> = input.gate
    ? { gate: forecastGateFilter(input.gate.timeline, input.gate.spec, input.gate.barMs) }
    : {};
  const regime = input.regime;
  if (!regime) return { filters: gate };
  const model = fromModelJson(regime.model);
  const warmUp = input.warmUp ? toStrategyBars(input.warmUp, input.resample) : [];
  const full = filteredRegimeProbs(model, warmUp, bars);
  const spec = {
    fitId: regime.fitId,
    stateNames: model.stateNames,
    states: regime.states,
    minProbability: regime.minProbability,
  };
  if (!regime.filter) return { filters: gate, regimeAt: regimeLabelAt(full, model.stateNames) };
  return {
    prepare: (history) => {
      const probs = history.length === bars.length ? full : filteredRegimeProbs(model, warmUp, history);
      return { filters: { regime: regimeEntryFilter(probs, spec), ...gate } };
    },
    regimeAt: regimeLabelAt(full, model.stateNames),
  };
}

export function computeBacktest(input: BacktestTaskInput, onProgress?: (share: number) => void): BacktestResultDto {
  const bars = toStrategyBars(input.bars, input.resample);
  if (bars.length < input.minBars) throw new TooFewBarsError(bars.length, input.minBars, input.describe);
  const options = filterOptions(input, bars);
  // Progress: the main pass is 1 unit of work, the look-ahead re-runs about cuts / 2 more.
  const mainShare = 1 / (1 + input.lookAheadCuts / 2);
  const started = performance.now();
  const result = runBacktest(input.spec, bars, {
    ...options,
    lookAheadCuts: 0,
    progressEvery: Math.max(1_000, Math.ceil(bars.length / 20)),
    onProgress: onProgress ? (done) => onProgress(done * mainShare) : undefined,
  });
  const engineSeconds = (performance.now() - started) / 1000;
  const lookStarted = performance.now();
  result.lookAhead = lookAheadCheck(input.spec, bars, result.signals, {
    ...options,
    lookAheadCuts: input.lookAheadCuts,
  });
  const lookAheadSeconds = (performance.now() - lookStarted) / 1000;
  return toBacktestResultDto(result, bars, {
    engineSeconds,
    lookAheadSeconds,
    regimeFitId: input.regime?.fitId ?? null,
  });
}

/** computeBacktest on a compute worker: share of the work done as progress. */
export const backtestTask = defineComputeTask({
  name: 'signals.backtest',
  module: import.meta.url,
  errors: [TooFewBarsError, ResampleInputError, InvalidParamsError],
  run: (input: BacktestTaskInput, io: ComputeTaskIO<number>): BacktestResultDto =>
    computeBacktest(input, (share) => io.progress(share)),
});

export interface BacktestJobInput extends Omit<BacktestTaskInput, 'bars' | 'warmUp'> {
  bars: readonly OhlcvBar[];
  warmUp: readonly OhlcvBar[] | null;
}

/** Runs off the event loop; bars travel as transferred columns. Aborting terminates the worker. */
export function backtestOnComputePool(
  compute: ComputePool,
  input: BacktestJobInput,
  options: { onProgress?: (share: number) => Promise<void> | void; signal?: AbortSignal } = {},
): Promise<BacktestResultDto> {
  const bars = packBars(input.bars);
  const warmUp = input.warmUp ? packBars(input.warmUp) : null;
  return compute.run(
    backtestTask,
    { ...input, bars: bars.columns, warmUp: warmUp?.columns ?? null },
    { transfer: [...bars.transfer, ...(warmUp?.transfer ?? [])], ...options },
  );
}
