import {
  regimeFitOptionsSchema,
  type CreateRegimeFitRequest,
  type CurrentRegime,
  type RegimeFit,
  type RegimeFitOptions,
  type RegimeSeries,
  type Timeframe,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { Orm } from '../../db/database';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/http-errors';
import type { RawBar } from '../../providers/market-data-provider';
import { getInstrumentInfo, loadBarSeries, type InstrumentInfo } from '../instruments/instruments.service';
import { seriesForChart } from './downsample-series';
import { periodsPerYear } from './periods-per-year';
import type { RegimeFitComputation } from './regime-fit-compute';
import { planRegimeFit, type RegimeFitPlan } from './regime-fit-plan';
import { toRegimeFit } from './regime-fit-record';
import { recordFitRun } from './regime-fit-tracking';
import { fitOnComputePool } from './regime-fit.task';
import { asBadRequest, toHttpError } from './regime-errors';
import {
  deleteRegimeFit,
  findCurrentFit,
  findRegimeFit,
  fitUnfinished,
  insertRegimeFit,
  listRegimeFits,
  listTrackedFits,
  readRegimeFitColumn,
  untrackFits,
  updateRegimeFit,
  type NewRegimeFitRow,
  type RegimeFitHead,
} from './regimes.store';

export const REGIMES_FIT_JOB = 'regimes.fit';

/** 201 with the finished fit, or 202 with the queued record when the fit is large enough to run as a job. */
export interface CreatedRegimeFit {
  status: 201 | 202;
  fit: RegimeFit;
}

/** What a fit is made from once its bars are in hand: a stored instrument or an uploaded file. */
export interface RegimeFitSource {
  symbol: string;
  timeframe: Timeframe;
  instrument: InstrumentInfo | null;
  bars: RawBar[];
  from?: number;
  to?: number;
}

const parseTs = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/** POST /regimes/fits: a fit of stored bars. Unknown symbol 404; any data problem 400; nothing stored then. */
export async function createFitFromBars(
  ctx: AppContext,
  request: CreateRegimeFitRequest,
  userId?: string,
): Promise<CreatedRegimeFit> {
  const instrument = await getInstrumentInfo(ctx, request.symbol);
  const from = parseTs(request.from);
  const to = parseTs(request.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new BadRequestError('BAD_RANGE', `from (${request.from}) must be before to (${request.to})`);
  }
  const bars = await loadBarSeries(ctx, instrument.symbol, request.timeframe, { from, to });
  const { symbol: _s, timeframe, from: _f, to: _t, ...options } = request;
  return createFit(ctx, { symbol: instrument.symbol, timeframe, instrument, bars, from, to }, options, userId);
}

/** Plans (validates), then fits inline or queues. Shared by the JSON and the upload routes and the refit job. */
export async function createFit(
  ctx: AppContext,
  source: RegimeFitSource,
  requested: Partial<RegimeFitOptions>,
  userId?: string,
): Promise<CreatedRegimeFit> {
  // An upload has no instrument to follow: it is never tracked.
  const options = regimeFitOptionsSchema.parse({
    ...requested,
    tracked: source.instrument ? requested.tracked : false,
  });
  const plan = asBadRequest(() => planRegimeFit(source.bars, options));
  const base = baseRow(source, options, userId);
  if (plan.work > ctx.config.regimes.inlineMaxWork) {
    // An upload's bars exist nowhere else: they wait in the row until the job has used them.
    const input = source.instrument ? null : toInputColumns(source.bars);
    const row = await insertRegimeFit(ctx.db.orm, { ...base, input });
    await ctx.jobs.enqueue(REGIMES_FIT_JOB, { fitId: row.id }, { idempotencyKey: row.id });
    return { status: 202, fit: toRegimeFit(row) };
  }
  const result = await timedFit(ctx, 'inline', () =>
    fitOnComputePool(ctx.compute, plan, { settings: options, periodsPerYear: ppyOf(source) }),
  );
  return { status: 201, fit: await insertSucceededFit(ctx, source, options, result, userId) };
}

/** Stores a fit computed elsewhere (the CLI fits in its own process, then saves). */
export async function insertSucceededFit(
  ctx: AppContext,
  source: RegimeFitSource,
  options: RegimeFitOptions,
  result: RegimeFitComputation,
  userId?: string,
): Promise<RegimeFit> {
  // One transaction: no reader ever sees two tracked fits of one series.
  const row = await ctx.db.orm.transaction(async (tx) => {
    const inserted = await insertRegimeFit(tx, { ...baseRow(source, options, userId), ...succeeded(result) });
    if (inserted.tracked) await handOverTracking(tx, inserted);
    return inserted;
  });
  await recordFitRun(ctx, { id: row.id, source, options, result, ...(userId ? { userId } : {}) });
  return toRegimeFit(row);
}

function baseRow(source: RegimeFitSource, options: RegimeFitOptions, userId?: string): NewRegimeFitRow {
  return {
    instrumentId: source.instrument?.id ?? null,
    symbol: source.symbol.toUpperCase(),
    timeframe: source.timeframe,
    source: source.instrument ? 'bars' : 'csv',
    synthetic: source.instrument?.synthetic ?? false,
    status: 'queued',
    options: { ...options },
    fromTs: source.from === undefined ? null : new Date(source.from),
    toTs: source.to === undefined ? null : new Date(source.to),
    tracked: options.tracked,
    createdBy: userId ?? null,
  };
}

const ppyOf = (source: RegimeFitSource) => periodsPerYear(source.timeframe, source.bars, source.instrument?.kind);

function toInputColumns(bars: readonly RawBar[]) {
  return {
    ts: bars.map((b) => b.ts),
    open: bars.map((b) => b.open),
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
    volume: bars.map((b) => b.volume),
  };
}

function succeeded(result: RegimeFitComputation): Partial<NewRegimeFitRow> {
  return {
    status: 'succeeded',
    progress: 1,
    model: result.model,
    summary: result.summary,
    series: result.series,
    current: { ...result.current, firstBarTs: result.firstBarTs },
    input: null,
    finishedAt: new Date(),
  };
}

/** Times a fit into the duration histogram; a failure after acceptance is counted as failed. */
export async function timedFit<T>(ctx: AppContext, mode: 'inline' | 'job', work: () => Promise<T>): Promise<T> {
  const end = ctx.metrics.regimeFitDuration.startTimer({ mode });
  try {
    const result = await work();
    end({ status: 'succeeded' });
    return result;
  } catch (err) {
    end({ status: 'failed' });
    ctx.metrics.regimeFitsFailed.inc({ mode });
    throw toHttpError(err);
  }
}

/**
 * A new tracked fit takes over: older tracked fits of the same series stop being tracked. Called inside the
 * transaction that makes the new fit succeeded, so the hand-over is never seen half done.
 */
async function handOverTracking(orm: Orm, row: RegimeFitHead): Promise<void> {
  const others = (await listRegimeFits(orm, { symbol: row.symbol, limit: 200 })).filter(
    (f) => f.id !== row.id && f.tracked && f.timeframe === row.timeframe,
  );
  await untrackFits(
    orm,
    others.map((f) => f.id),
  );
}

/** Runs a queued fit (job `regimes.fit`), storing progress between units of work. Idempotent. */
export async function runQueuedFit(ctx: AppContext, fitId: string, signal?: AbortSignal): Promise<RegimeFit | null> {
  const row = await findRegimeFit(ctx.db.orm, fitId);
  if (!row || row.status === 'succeeded') return row ? toRegimeFit(row) : null;
  await updateRegimeFit(ctx.db.orm, fitId, { status: 'running', progress: 0, error: null });
  const options = regimeFitOptionsSchema.parse(row.options);
  let plan: RegimeFitPlan;
  let source: RegimeFitSource;
  try {
    source = await loadSource(ctx, row);
    plan = planRegimeFit(source.bars, options);
  } catch (err) {
    // The data changed since the request was accepted (instrument deleted, bars gone): a retry cannot help.
    await fail(ctx, fitId, err);
    return null;
  }
  try {
    const result = await timedFit(ctx, 'job', () =>
      fitOnComputePool(ctx.compute, plan, {
        settings: options,
        periodsPerYear: ppyOf(source),
        signal,
        onProgress: async (done, planned) => {
          await updateRegimeFit(ctx.db.orm, fitId, { progress: Math.min(1, done / planned) });
        },
      }),
    );
    // Recorded before the fit turns succeeded, so whoever waits for that status finds the run too.
    const userId = row.createdBy ?? undefined;
    await recordFitRun(ctx, { id: fitId, source, options, result, ...(userId ? { userId } : {}) });
    const stored = await ctx.db.orm.transaction(async (tx) => {
      const updated = await updateRegimeFit(tx, fitId, succeeded(result));
      if (updated?.tracked) await handOverTracking(tx, updated);
      return updated;
    });
    return stored ? toRegimeFit(stored) : null;
  } catch (err) {
    if (signal?.aborted) throw err; // shutting down: the queue retries the run later
    await fail(ctx, fitId, err);
    return null;
  }
}

/**
 * The job queue stopped trying the fit's job (its worker stopped too often, or its last attempt was cut off):
 * an unfinished fit is marked failed with the reason, so it does not show `running` for good.
 */
export async function failAbandonedFit(ctx: AppContext, fitId: string, reason: string): Promise<void> {
  const failed = await updateRegimeFit(
    ctx.db.orm,
    fitId,
    {
      status: 'failed',
      error: `The fit's job was given up: ${reason}`.slice(0, 1000),
      input: null,
      finishedAt: new Date(),
    },
    fitUnfinished,
  );
  if (failed) ctx.log.warn({ fitId, reason }, 'regime fit failed: its job was given up');
}

async function fail(ctx: AppContext, fitId: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  ctx.log.warn({ fitId, err }, 'regime fit failed');
  await updateRegimeFit(ctx.db.orm, fitId, {
    status: 'failed',
    error: message.slice(0, 1000),
    input: null,
    finishedAt: new Date(),
  });
}

async function loadSource(ctx: AppContext, row: RegimeFitHead): Promise<RegimeFitSource> {
  const timeframe = row.timeframe as Timeframe;
  if (row.source === 'csv') {
    const input = await readRegimeFitColumn(ctx.db.orm, row.id, 'input');
    if (!input) throw new Error('the uploaded bars of this fit are no longer stored');
    const bars = input.ts.map((ts, i) => ({
      ts,
      open: input.open[i]!,
      high: input.high[i]!,
      low: input.low[i]!,
      close: input.close[i]!,
      volume: input.volume[i]!,
    }));
    return { symbol: row.symbol, timeframe, instrument: null, bars };
  }
  const instrument = await getInstrumentInfo(ctx, row.symbol);
  const from = row.fromTs?.getTime();
  const to = row.toTs?.getTime();
  const bars = await loadBarSeries(ctx, row.symbol, timeframe, { from, to });
  return { symbol: row.symbol, timeframe, instrument, bars, from, to };
}

export async function getFit(ctx: AppContext, id: string): Promise<RegimeFit> {
  return toRegimeFit(await requireFit(ctx, id));
}

async function requireFit(ctx: AppContext, id: string): Promise<RegimeFitHead> {
  const row = await findRegimeFit(ctx.db.orm, id);
  if (!row) throw new NotFoundError(`Regime fit ${id}`, 'FIT_NOT_FOUND');
  return row;
}

export async function listFits(ctx: AppContext, query: { symbol?: string; limit: number }): Promise<RegimeFit[]> {
  return (await listRegimeFits(ctx.db.orm, query)).map(toRegimeFit);
}

export async function removeFit(ctx: AppContext, id: string): Promise<void> {
  if (!(await deleteRegimeFit(ctx.db.orm, id))) throw new NotFoundError(`Regime fit ${id}`, 'FIT_NOT_FOUND');
}

async function requireSucceeded(ctx: AppContext, id: string): Promise<RegimeFitHead> {
  const row = await requireFit(ctx, id);
  if (row.status !== 'succeeded') {
    throw new ConflictError('FIT_NOT_READY', `Regime fit ${id} is ${row.status}; it has no result yet`);
  }
  return row;
}

export async function getSeries(ctx: AppContext, id: string, maxPoints: number): Promise<RegimeSeries> {
  await requireSucceeded(ctx, id);
  const series = await readRegimeFitColumn(ctx.db.orm, id, 'series');
  if (!series) throw new NotFoundError(`Series of regime fit ${id}`, 'FIT_NOT_FOUND');
  return seriesForChart(id, series, maxPoints);
}

export async function getModel(ctx: AppContext, id: string): Promise<unknown> {
  await requireSucceeded(ctx, id);
  return readRegimeFitColumn(ctx.db.orm, id, 'model');
}

/** Latest filtered probabilities of the symbol's newest tracked (else newest) succeeded fit. */
export async function getCurrent(ctx: AppContext, symbol: string): Promise<CurrentRegime> {
  const row = await findCurrentFit(ctx.db.orm, symbol);
  const fit = row ? toRegimeFit(row) : undefined;
  if (!row || !fit?.result) {
    throw new NotFoundError(`A succeeded regime fit of ${symbol.toUpperCase()} (fit one first)`, 'NO_REGIME_FIT');
  }
  return {
    symbol: row.symbol,
    fitId: row.id,
    ts: fit.result.current.ts,
    states: fit.result.states.map((s) => ({
      index: s.index,
      name: s.name,
      prob: fit.result!.current.probs[s.index] ?? 0,
    })),
  };
}

/** A stored regime model and the fit it belongs to: what the forecasts module uses as features. */
export interface StoredRegimeModel {
  fitId: string;
  model: unknown;
}

/** The model of the series' newest tracked, succeeded fit, or null when the series has none. */
export async function trackedRegimeModel(
  ctx: AppContext,
  instrumentId: number,
  timeframe: Timeframe,
): Promise<StoredRegimeModel | null> {
  const [fit] = await listTrackedFits(ctx.db.orm, { instrumentId, timeframe });
  if (!fit) return null;
  const model = await readRegimeFitColumn(ctx.db.orm, fit.id, 'model');
  return model ? { fitId: fit.id, model } : null;
}

/** The stored model of one succeeded fit, or null when the fit is gone (deleted) or has no model. */
export async function regimeModelOfFit(ctx: AppContext, fitId: string): Promise<StoredRegimeModel | null> {
  const fit = await findRegimeFit(ctx.db.orm, fitId);
  if (!fit || fit.status !== 'succeeded') return null;
  const model = await readRegimeFitColumn(ctx.db.orm, fitId, 'model');
  return model ? { fitId, model } : null;
}
