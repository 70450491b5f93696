import type { Timeframe } from '@marketlens/contracts';
import { timeframeMs, type OhlcvBar } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { ConflictError } from '../../http/http-errors';
import { getBars, loadBarSeries } from '../instruments/instruments.service';
import { loadBreakdownRegime, loadRegimeInput } from './backtest-regime';
import { minimumBars } from './backtest-plan';
import { alignedRange, barsPerBucket, resampleStep } from './backtest-timeframes';
import type { BacktestJobInput, BacktestRegimeInput } from './backtest.task';
import type { BacktestHead } from './backtests.store';
import { loadGateInput } from './gate-input';
import { getStrategyVersion } from './strategies.service';

/** What the job carries besides the backtest's id: pinned when the backtest was accepted. */
export interface BacktestJobOptions {
  lookAheadCuts: number;
  regimeFitId: string | null;
  /** The gate model's version pinned at acceptance; absent in jobs queued before gates ran in backtests. */
  gateVersion?: number | null;
}

/** Regime warm-up read before the range, in stored bars at most (a 1m series resampled to 1d would need 720k). */
const MAX_WARM_UP_SOURCE_BARS = 100_000;

const iso = (ts: number) => new Date(ts).toISOString();

/** Everything the compute task needs for a queued backtest, read from the database now. */
export async function loadBacktestInput(
  ctx: AppContext,
  row: BacktestHead,
  options: BacktestJobOptions,
): Promise<BacktestJobInput> {
  const { definition } = await getStrategyVersion(ctx, row.strategyId, row.version);
  const barsTimeframe = row.timeframe as Timeframe;
  const resample = resampleStep(barsTimeframe, definition.timeframe);
  const requested = { from: row.fromTs?.getTime(), to: row.toTs?.getTime() };
  const range = resample ? alignedRange(requested, definition.timeframe) : requested;
  const bars = await loadBarSeries(ctx, row.symbol, barsTimeframe, range);

  let regime: BacktestRegimeInput | null = null;
  let warmUp: OhlcvBar[] | null = null;
  if (definition.regime && !options.regimeFitId) {
    throw new ConflictError('REGIME_FIT_MISSING', 'the job names no regime fit');
  }
  // With a filter, its fit must still exist; for the breakdown alone, a fit deleted meanwhile just means none.
  const loaded = !options.regimeFitId
    ? null
    : definition.regime
      ? await loadRegimeInput(ctx, options.regimeFitId, definition.regime)
      : await loadBreakdownRegime(ctx, options.regimeFitId);
  if (loaded) {
    regime = loaded.input;
    const start = range.from ?? bars[0]?.ts;
    const perBar = resample ? barsPerBucket(resample.source, resample.target) : 1;
    const limit = Math.min(MAX_WARM_UP_SOURCE_BARS, loaded.warmUpBars * perBar);
    if (start !== undefined) warmUp = await barsBefore(ctx, row.symbol, barsTimeframe, start, limit);
  }
  const span =
    requested.from !== undefined || requested.to !== undefined
      ? ` from ${requested.from === undefined ? 'the start' : iso(requested.from)} to ${requested.to === undefined ? 'the end' : iso(requested.to)}`
      : '';
  const gate = definition.gate ? await loadGateInput(ctx, definition.gate, options.gateVersion ?? undefined) : null;
  return {
    spec: definition,
    bars,
    warmUp,
    resample,
    lookAheadCuts: options.lookAheadCuts,
    minBars: minimumBars(definition),
    describe: `${resample ? `${barsTimeframe} bars resampled to ` : ''}${definition.timeframe} bars of ${row.symbol}${span}`,
    regime,
    gate: gate ? { spec: gate.spec, timeline: gate.timeline, barMs: timeframeMs(definition.timeframe) } : null,
  };
}

/** The `limit` stored bars just before `start`, ascending. */
async function barsBefore(
  ctx: AppContext,
  symbol: string,
  timeframe: Timeframe,
  start: number,
  limit: number,
): Promise<OhlcvBar[]> {
  const { bars } = await getBars(ctx, symbol, { timeframe, to: iso(start), limit });
  return bars.map((b) => ({ ...b, ts: Date.parse(b.ts) }));
}
