import type { CreateBacktestRequest, StrategyDefinition, Timeframe } from '@marketlens/contracts';
import { timeframeMs } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { BadRequestError } from '../../http/http-errors';
import { getBars, getInstrumentInfo, streamBarSeries, type InstrumentInfo } from '../instruments/instruments.service';
import { trackedRegimeModel } from '../regimes/regimes.service';
import { resolveRegimeFit } from './backtest-regime';
import { finerTimeframes, resampleStep } from './backtest-timeframes';
import { checkGateHonest, loadGateInput } from './gate-input';
import { requireRunnableVersion } from './strategies.service';
import { strategyWarmUpBars } from './strategy-document';

/** A backtest request checked against what is stored: everything the job needs, pinned at acceptance. */
export interface BacktestPlan {
  strategyId: string;
  version: number;
  definition: StrategyDefinition;
  instrument: InstrumentInfo;
  /** Timeframe of the stored bars to read (the strategy's, or a finer one to resample). */
  barsTimeframe: Timeframe;
  from?: number;
  to?: number;
  regimeFitId: string | null;
  /** The gate model's version behind its alias when the backtest was accepted (the job reads that one). */
  gateVersion: number | null;
}

const iso = (ts: number | undefined) => (ts === undefined ? undefined : new Date(ts).toISOString());

/** Fewest bars a strategy can be backtested on: its rules' warm-up, then one bar to fill an order. */
export const minimumBars = (definition: StrategyDefinition) => strategyWarmUpBars(definition) + 1;

/**
 * Checks a request before anything is stored or queued: strategy version (404, 409 archived), instrument
 * (404), range, timeframe (400 TIMEFRAME_MISMATCH), regime fit (400), enough bars (400 TOO_FEW_BARS) and the
 * forecast gate (400: model missing, wrong threshold kind, or GATE_LOOKS_AHEAD for a range that starts before
 * the model's last training bar closed).
 */
export async function planBacktest(ctx: AppContext, request: CreateBacktestRequest): Promise<BacktestPlan> {
  const { strategy, version, definition } = await requireRunnableVersion(ctx, request.strategyId, request.version);
  const instrument = await getInstrumentInfo(ctx, request.symbol);
  const from = request.from === undefined ? undefined : Date.parse(request.from);
  const to = request.to === undefined ? undefined : Date.parse(request.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new BadRequestError('BAD_RANGE', `from (${request.from}) must be before to (${request.to})`);
  }
  const minBars = minimumBars(definition);
  const barsTimeframe = await chooseBarsTimeframe(ctx, { instrument, definition, request, from, to, minBars });
  // Without a regime filter, the tracked fit of the series (if any) still labels each trade's regime at entry.
  const regimeFitId = definition.regime
    ? await resolveRegimeFit(ctx, definition.regime, instrument, definition.timeframe)
    : ((await trackedRegimeModel(ctx, instrument.id, definition.timeframe))?.fitId ?? null);
  let gateVersion: number | null = null;
  if (definition.gate) {
    const gate = await loadGateInput(ctx, definition.gate);
    const first = from ?? (await firstBarTs(ctx, instrument.symbol, barsTimeframe));
    const span = `${instrument.symbol} ${definition.timeframe}`;
    if (first !== undefined) checkGateHonest(gate, first + timeframeMs(definition.timeframe), span);
    gateVersion = gate.spec.version;
  }
  return {
    strategyId: strategy.id,
    version,
    definition,
    instrument,
    barsTimeframe,
    from,
    to,
    regimeFitId,
    gateVersion,
  };
}

/**
 * The stored timeframe to read. Named in the request: that one (finer is resampled, coarser is refused).
 * Not named: the strategy's when it has bars in the range, else the coarsest finer timeframe that has.
 */
async function chooseBarsTimeframe(
  ctx: AppContext,
  args: {
    instrument: InstrumentInfo;
    definition: StrategyDefinition;
    request: CreateBacktestRequest;
    from?: number;
    to?: number;
    minBars: number;
  },
): Promise<Timeframe> {
  const { instrument, definition, request, minBars } = args;
  const candidates = request.timeframe
    ? [request.timeframe]
    : [definition.timeframe, ...finerTimeframes(definition.timeframe)];
  for (const tf of candidates) resampleStep(tf, definition.timeframe);
  const range = { from: iso(args.from), to: iso(args.to) };
  const span =
    args.from !== undefined || args.to !== undefined
      ? ` from ${range.from ?? 'the start'} to ${range.to ?? 'the end'}`
      : '';
  for (const timeframe of candidates) {
    // The newest `minBars` bars of the range at most: enough to know whether there are enough.
    const { bars } = await getBars(ctx, instrument.symbol, { timeframe, ...range, limit: minBars });
    if (bars.length === 0) continue;
    if (bars.length < minBars && timeframe === definition.timeframe) {
      throw new BadRequestError(
        'TOO_FEW_BARS',
        `${instrument.symbol} has ${bars.length} ${timeframe} bars${span}; strategy "${definition.name}" needs at least ${minBars} ` +
          `(its rules warm up over ${minBars - 1} bars, then one more bar fills an order)`,
        { bars: bars.length, required: minBars },
      );
    }
    return timeframe;
  }
  throw new BadRequestError(
    'TOO_FEW_BARS',
    request.timeframe
      ? `${instrument.symbol} has no ${request.timeframe} bars${span}`
      : `${instrument.symbol} has no ${definition.timeframe} bars${span}, nor finer bars to resample (strategy "${definition.name}" runs on ${definition.timeframe} bars)`,
    { bars: 0, required: minBars },
  );
}

/** Open time of the oldest stored bar of a series (ms), undefined when it has none. */
async function firstBarTs(ctx: AppContext, symbol: string, timeframe: Timeframe): Promise<number | undefined> {
  for await (const page of streamBarSeries(ctx, symbol, timeframe)) return page[0]?.ts;
  return undefined;
}
