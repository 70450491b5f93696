import { randomUUID } from 'node:crypto';
import type {
  ForecastTrainingResult,
  QueuedForecastTraining,
  TrainForecastRequest,
  Timeframe,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { RawBar } from '../../providers/market-data-provider';
import { VERSION } from '../../version';
import { getInstrumentInfo, loadBarSeries, type InstrumentInfo } from '../instruments/instruments.service';
import {
  discardUnregisteredRun,
  finishRun,
  logArtifact,
  logMetrics,
  registerModelVersion,
  resolveAlias,
  runOutcome,
  setAlias,
  startRun,
} from '../registry/registry.service';
import { periodsPerYear } from '../regimes/periods-per-year';
import { trackedRegimeModel } from '../regimes/regimes.service';
import { MODEL_ARTIFACT } from './forecast-artifact';
import { toForecastHttpError } from './forecast-input-errors';
import { metricsDto, trainingWork, type ForecastTrainingComputation } from './forecast-training-compute';
import { trainOnComputePool } from './forecast-training.task';
import { forecastModelName } from './forecast-names';

export const FORECASTS_TRAIN_JOB = 'forecasts.train';

export type TrainOutcome =
  { status: 201; result: ForecastTrainingResult } | { status: 202; queued: QueuedForecastTraining };

/** POST /forecasts/train: small trainings answer 201 with the result; larger ones are queued (202). */
export async function trainForecast(
  ctx: AppContext,
  request: TrainForecastRequest,
  userId?: string,
): Promise<TrainOutcome> {
  const instrument = await getInstrumentInfo(ctx, request.symbol);
  const bars = await loadBarSeries(ctx, instrument.symbol, request.timeframe);
  if (trainingWork(bars.length, request.model) > ctx.config.forecasts.inlineMaxWork) {
    // The training's id becomes its registry run's id: a job retried after a killed worker finds its earlier
    // run instead of registering a second one (the fault suite's worker-kill scenario).
    const trainingId = randomUUID();
    const job = await ctx.jobs.enqueue(
      FORECASTS_TRAIN_JOB,
      { request, userId, trainingId },
      { idempotencyKey: trainingId },
    );
    return { status: 202, queued: { status: 'queued', job: FORECASTS_TRAIN_JOB, jobId: job.id } };
  }
  return { status: 201, result: await trainAndRegister(ctx, instrument, request, bars, { mode: 'inline', userId }) };
}

interface TrainOptions {
  mode: 'inline' | 'job';
  userId?: string;
  /** A queued training's id (its run's id): makes a retried job register its result once. */
  trainingId?: string;
  onStage?: (stage: string) => void;
  /** A job's signal: aborting (queue shutdown) stops the computation and fails the training. */
  signal?: AbortSignal;
}

/** Loads the bars again and trains: the `forecasts.train` job and the retrain job. */
export async function trainStored(
  ctx: AppContext,
  request: TrainForecastRequest,
  options: TrainOptions = { mode: 'job' },
): Promise<ForecastTrainingResult> {
  const instrument = await getInstrumentInfo(ctx, request.symbol);
  const bars = await loadBarSeries(ctx, instrument.symbol, request.timeframe);
  return trainAndRegister(ctx, instrument, request, bars, options);
}

function settingsOf(request: TrainForecastRequest, bars: readonly RawBar[], kind?: string) {
  return {
    model: request.model,
    horizon: request.horizon,
    interval: request.interval,
    window: request.window,
    params: request.params,
    timeframe: request.timeframe,
    periodsPerYear: periodsPerYear(request.timeframe, bars, kind),
  };
}

async function trainAndRegister(
  ctx: AppContext,
  instrument: InstrumentInfo,
  request: TrainForecastRequest,
  bars: RawBar[],
  { mode, userId, onStage, signal, trainingId }: TrainOptions,
): Promise<ForecastTrainingResult> {
  const end = ctx.metrics.forecastTrainDuration.startTimer({ mode });
  try {
    // The series' tracked regime fit, when there is one, adds its filtered probabilities as features.
    const regime = await trackedRegimeModel(ctx, instrument.id, request.timeframe);
    onStage?.('walk-forward');
    // On a compute worker: seconds of CPU for gbdt that must not stall the event loop (docs/decisions.md).
    const settings = settingsOf(request, bars, instrument.kind);
    const computed = await trainOnComputePool(
      ctx.compute,
      { bars, symbol: instrument.symbol, settings, regime: regime ?? undefined },
      signal,
    ).catch((err: unknown) => {
      throw toForecastHttpError(err);
    });
    onStage?.('registering');
    const result = await registerTraining(ctx, instrument.symbol, request, computed, userId, trainingId);
    end({ status: 'succeeded' });
    return result;
  } catch (err) {
    end({ status: 'failed' });
    throw err;
  }
}

/**
 * Records a computed training in the registry: run (params, dataset fingerprint, per-fold and final metrics,
 * model.json), then a model version with alias `challenger` (and `champion` when the model has none).
 * Any failure before the version exists marks the run failed, so nothing is left half-registered.
 */
export async function registerTraining(
  ctx: AppContext,
  symbol: string,
  request: TrainForecastRequest,
  computed: ForecastTrainingComputation,
  userId?: string,
  trainingId?: string,
): Promise<ForecastTrainingResult> {
  const modelName = forecastModelName(symbol, request.horizon);
  if (trainingId) {
    // A retry of a job whose worker died: a version already registered is the result (the computation is
    // deterministic, so `computed` equals the first attempt's); a run left without one is started again.
    const earlier = await runOutcome(ctx, trainingId);
    if (earlier?.version) {
      const { version, aliases } = earlier.version;
      return toResult(symbol, request, computed, { runId: trainingId, modelName, version, aliases });
    }
    if (earlier) await discardUnregisteredRun(ctx, trainingId);
  }
  const { runId } = await startRun(ctx, {
    ...(trainingId ? { runId: trainingId } : {}),
    experiment: `forecasts/${symbol}/${request.horizon}`,
    name: `${request.model} h${request.horizon}`,
    userId,
    params: runParams(request, computed),
    tags: {
      module: 'forecasts',
      symbol,
      model: request.model,
      baseline: computed.baselineName,
      regimeFeatures: String(computed.regime !== null),
      ...(computed.regime ? { regimeFitId: computed.regime.fitId } : {}),
    },
    source: {
      codeVersion: VERSION,
      dataset: {
        symbol,
        timeframe: request.timeframe,
        from: new Date(computed.dataset.from).toISOString(),
        to: new Date(computed.dataset.to).toISOString(),
        rows: computed.dataset.rows,
        sha256: computed.dataset.sha256,
      },
    },
  });
  try {
    await logMetrics(ctx, runId, runMetrics(computed));
    await logArtifact(ctx, runId, { name: MODEL_ARTIFACT, contentType: 'application/json', body: computed.artifact });
    await finishRun(ctx, runId, { status: 'succeeded' });
  } catch (err) {
    await finishRun(ctx, runId, { status: 'failed', error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  const { version } = await registerModelVersion(ctx, {
    model: modelName,
    runId,
    artifactName: MODEL_ARTIFACT,
    userId,
    description: `${request.model}, horizon ${request.horizon}, ${request.window} walk-forward`,
  });
  const aliases = ['challenger'];
  await setAlias(ctx, { model: modelName, alias: 'challenger', version, userId, reason: 'trained' });
  if (!(await resolveAlias(ctx, modelName, 'champion'))) {
    await setAlias(ctx, { model: modelName, alias: 'champion', version, userId, reason: 'first version' });
    aliases.push('champion');
  }
  return toResult(symbol, request, computed, { runId, modelName, version, aliases });
}

function runParams(request: TrainForecastRequest, computed: ForecastTrainingComputation) {
  const params: Record<string, string | number | boolean> = {
    model: request.model,
    horizon: request.horizon,
    interval: request.interval,
    window: request.window,
    timeframe: request.timeframe,
    baseline: computed.baselineName,
    trainSize: computed.plan.trainSize,
    testSize: computed.plan.testSize,
    purge: computed.plan.purge,
    folds: computed.plan.folds,
    features: computed.features.join(','),
    regimeFeatures: computed.regime !== null,
  };
  if (computed.regime) params.regimeFitId = computed.regime.fitId;
  for (const [key, value] of Object.entries(request.params ?? {})) params[`param.${key}`] = value;
  return params;
}

/** Per-fold metrics as steps (`fold.rmse` step i), the overall walk-forward metrics, and the baseline's. */
function runMetrics(computed: ForecastTrainingComputation): { key: string; value: number; step?: number }[] {
  const out: { key: string; value: number; step?: number }[] = [];
  const push = (prefix: string, metrics: Record<string, number | null>, step?: number) => {
    for (const [key, value] of Object.entries(metrics)) {
      if (value !== null && Number.isFinite(value)) out.push({ key: `${prefix}${key}`, value, step });
    }
  };
  computed.model.folds.forEach((fold, i) => push('fold.', metricsDto(fold.metrics), i));
  push('', metricsDto(computed.model.metrics));
  push('baseline.', metricsDto(computed.baseline.metrics));
  return out;
}

/**
 * The job queue stopped trying a training job (its worker stopped too often, or its last attempt was cut off):
 * a registry run it left `running` (killed between starting the run and registering the version) is marked
 * failed with the reason. A run with a version finished; none at all means the job stopped before the registry.
 */
export async function failAbandonedTraining(ctx: AppContext, trainingId: string, reason: string): Promise<void> {
  const run = await runOutcome(ctx, trainingId);
  if (run?.status !== 'running' || run.version) return;
  await finishRun(ctx, trainingId, { status: 'failed', error: `The training's job was given up: ${reason}` });
  ctx.log.warn({ runId: trainingId, reason }, 'forecast training failed: its job was given up');
}

export function toResult(
  symbol: string,
  request: {
    model: TrainForecastRequest['model'];
    horizon: number;
    interval: number;
    window: TrainForecastRequest['window'];
    timeframe: Timeframe;
  },
  computed: ForecastTrainingComputation,
  registered: { runId: string; modelName: string; version: number; aliases: string[] },
): ForecastTrainingResult {
  return {
    symbol,
    timeframe: request.timeframe,
    model: request.model,
    kind: computed.kind,
    horizon: request.horizon,
    interval: request.interval,
    window: request.window,
    rows: computed.plan.rows,
    features: computed.features,
    folds: computed.model.folds.map((f) => ({
      trainStart: f.trainStart,
      trainEnd: f.trainEnd,
      testStart: f.testStart,
      testEnd: f.testEnd,
      metrics: metricsDto(f.metrics),
    })),
    metrics: metricsDto(computed.model.metrics),
    baseline: { name: computed.baselineName, metrics: metricsDto(computed.baseline.metrics) },
    runId: registered.runId,
    registeredModel: registered.modelName,
    modelVersion: registered.version,
    aliases: registered.aliases,
  };
}
