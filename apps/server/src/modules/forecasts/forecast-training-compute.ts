import { createHash } from 'node:crypto';
import type { ForecastBaseline, ForecastMetricsDto, ForecastModel, Timeframe } from '@marketlens/contracts';
import {
  baselineFor,
  buildForecastDataset,
  createForecaster,
  DEFAULT_FEATURE_SPEC,
  walkForward,
  type ForecastMetrics,
  type WalkForwardResult,
} from '@marketlens/quant';
import type { RawBar } from '../../providers/market-data-provider';
import { buildArtifact, type ForecastArtifactInput } from './forecast-artifact';
import { TooFewRowsError } from './forecast-errors';
import {
  parseRegimeModel,
  regimeProbMatrix,
  type RegimeFeatureRecord,
  type RegimeFeatureSource,
} from './forecast-regime-features';

/** Walk-forward protocol: initial training share, number of test folds, least rows per fold. */
const TRAIN_SHARE = 0.4;
const MIN_TRAIN = 100;
const FOLDS = 5;
const MIN_TEST = 20;
/** Rough cost of one fit relative to ridge, for the inline-or-job decision. */
const MODEL_WEIGHT: Record<ForecastModel, number> = {
  zero: 1,
  last: 1,
  'moving-average': 1,
  ridge: 1,
  logistic: 3,
  ar: 1,
  gbdt: 40,
};

export interface ForecastTrainingSettings {
  model: ForecastModel;
  horizon: number;
  interval: number;
  window: 'expanding' | 'rolling';
  params?: Record<string, number>;
  timeframe: Timeframe;
  periodsPerYear: number;
}

export interface WalkForwardPlan {
  rows: number;
  trainSize: number;
  testSize: number;
  purge: number;
  folds: number;
}

/** Sizes of the walk-forward protocol for `rows` labelled rows; too few rows is a 400. */
export function planWalkForward(rows: number, horizon: number): WalkForwardPlan {
  const required = MIN_TRAIN + horizon + FOLDS * MIN_TEST;
  if (rows < required) throw new TooFewRowsError(required, rows);
  const trainSize = Math.max(MIN_TRAIN, Math.floor(rows * TRAIN_SHARE));
  const purge = horizon;
  const testSize = Math.max(MIN_TEST, Math.floor((rows - trainSize - purge) / FOLDS));
  return { rows, trainSize, testSize, purge, folds: Math.floor((rows - trainSize - purge) / testSize) };
}

/** Work units of a training, compared with config forecasts.inlineMaxWork. */
export function trainingWork(bars: number, model: ForecastModel): number {
  return bars * (FOLDS + 1) * MODEL_WEIGHT[model];
}

export interface ForecastTrainingComputation {
  kind: 'regression' | 'direction';
  features: string[];
  plan: WalkForwardPlan;
  model: WalkForwardResult;
  baselineName: ForecastBaseline;
  baseline: WalkForwardResult;
  /** model.json, ready to store. */
  artifact: string;
  dataset: { rows: number; from: number; to: number; sha256: string };
  /** The regime model whose filtered probabilities are feature columns, or null when none was used. */
  regime: RegimeFeatureRecord | null;
}

/**
 * Features -> targets -> walk-forward of the model and its baseline -> final fit on every labelled row.
 * Pure apart from hashing: the CLI (--csv) runs it with no database, the service stores what it returns.
 * With `regime` (the series' tracked regime fit), its filtered probabilities are extra feature columns.
 */
export function computeForecastTraining(
  bars: readonly RawBar[],
  symbol: string,
  settings: ForecastTrainingSettings,
  regime?: RegimeFeatureSource,
): ForecastTrainingComputation {
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) throw new TooFewRowsError(MIN_TRAIN, 0);
  const regimeModel = regime ? parseRegimeModel(regime) : null;
  const regimeProbs = regimeModel ? regimeProbMatrix(regimeModel.model, bars) : undefined;
  const dataset = buildForecastDataset(bars, DEFAULT_FEATURE_SPEC, settings.horizon, regimeProbs);
  const names = dataset.names;
  const plan = planWalkForward(dataset.y.length, settings.horizon);
  // walkForward takes log returns and turns them into 0/1 labels itself for direction models.
  const common = {
    X: dataset.X,
    y: dataset.y,
    // the trading metrics hold each forecast's position over the h one-bar returns its target spans
    barReturns: dataset.barReturns,
    horizon: settings.horizon,
    window: settings.window,
    trainSize: plan.trainSize,
    testSize: plan.testSize,
    purge: plan.purge,
    interval: settings.interval,
    periodsPerYear: settings.periodsPerYear,
  };
  const modelResult = walkForward({ ...common, model: settings.model, params: settings.params });
  // 'zero' (a 0 return) for regression models, 'base-rate' (P(up) = training share of ups) for direction ones.
  const baselineSpec = baselineFor(settings.model, settings.params);
  const baselineName = baselineSpec.name;
  const baselineResult = walkForward({ ...common, model: baselineSpec.model, params: baselineSpec.params });

  const final = createForecaster(settings.model, settings.params);
  final.fit(dataset.X, final.kind === 'direction' ? dataset.up : dataset.y);
  const baseline = createForecaster(baselineSpec.model, baselineSpec.params);
  baseline.fit(dataset.X, baseline.kind === 'direction' ? dataset.up : dataset.y);
  const section: ForecastArtifactInput = {
    symbol,
    timeframe: settings.timeframe,
    horizon: settings.horizon,
    interval: settings.interval,
    window: settings.window,
    params: settings.params ?? {},
    kind: final.kind,
    metrics: metricsDto(modelResult.metrics),
    featureSpec: DEFAULT_FEATURE_SPEC,
    featureNames: names,
    offsets: final.kind === 'regression' ? lastOffsets(modelResult) : null,
    baseline: {
      name: baselineName,
      forecaster: baseline.toJSON(),
      offsets: baseline.kind === 'regression' ? lastOffsets(baselineResult) : null,
    },
    trainedThrough: last.ts,
    rows: dataset.y.length,
    regime: regimeModel?.record ?? null,
  };
  return {
    kind: final.kind,
    features: names,
    plan: { ...plan, folds: modelResult.folds.length },
    model: modelResult,
    baselineName,
    baseline: baselineResult,
    artifact: buildArtifact(final.toJSON(), section),
    dataset: { rows: bars.length, from: first.ts, to: last.ts, sha256: barsSha256(bars) },
    regime: regimeModel?.record ?? null,
  };
}

/**
 * The conformal offsets of the newest walk-forward prediction: its interval was calibrated on every
 * residual before it, which is exactly what a forecast made now should use.
 */
function lastOffsets(result: WalkForwardResult): { lower: number; upper: number } | null {
  const last = result.predictions[result.predictions.length - 1];
  if (!last || !Number.isFinite(last.lower) || !Number.isFinite(last.upper)) return null;
  return { lower: last.lower - last.yhat, upper: last.upper - last.yhat };
}

/** Fingerprint of the exact bars a model was trained on (ts and OHLCV, in order). */
export function barsSha256(bars: readonly RawBar[]): string {
  const hash = createHash('sha256');
  for (const b of bars) hash.update(`${b.ts},${b.open},${b.high},${b.low},${b.close},${b.volume}\n`);
  return hash.digest('hex');
}

/** Metrics with NaN / infinities as null, so they survive JSON and the response schema. */
export function metricsDto(metrics: ForecastMetrics): ForecastMetricsDto {
  const finite = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
  return {
    rmse: finite(metrics.rmse),
    mae: finite(metrics.mae),
    directionalAccuracy: finite(metrics.directionalAccuracy),
    logLoss: finite(metrics.logLoss),
    brier: finite(metrics.brier),
    intervalCoverage: finite(metrics.intervalCoverage),
    intervalWidth: finite(metrics.intervalWidth),
    sharpe: finite(metrics.sharpe),
    maxDrawdown: finite(metrics.maxDrawdown),
    buyHoldSharpe: finite(metrics.buyHoldSharpe),
    buyHoldMaxDrawdown: finite(metrics.buyHoldMaxDrawdown),
    n: metrics.n,
  };
}
