import { z } from 'zod';
import { isoDateTime, timeframeSchema } from './common.schema';
import { symbolSchema } from './market-data.schema';

/** Models a user can train; 'zero', 'last' and 'moving-average' are the naive baselines. */
export const FORECAST_MODELS = ['zero', 'last', 'moving-average', 'ridge', 'logistic', 'gbdt', 'ar'] as const;
export const forecastModelSchema = z.enum(FORECAST_MODELS);
export type ForecastModel = z.infer<typeof forecastModelSchema>;

/**
 * What a model is compared with, named for what it does: 'zero' forecasts a 0 return (regression models);
 * 'base-rate' forecasts P(up) = the training share of up bars, i.e. always the more frequent direction
 * (direction models). Runs stored before 'base-rate' existed call a direction model's baseline 'zero'.
 */
export const FORECAST_BASELINES = ['zero', 'base-rate'] as const;
export const forecastBaselineSchema = z.enum(FORECAST_BASELINES);
export type ForecastBaseline = z.infer<typeof forecastBaselineSchema>;

export const MIN_HORIZON = 1;
export const MAX_HORIZON = 30;
/** Bars ahead the forecast is for (1 = next bar). */
export const horizonSchema = z.coerce.number().int().min(MIN_HORIZON).max(MAX_HORIZON);
export const forecastWindowSchema = z.enum(['expanding', 'rolling']);

export const trainForecastRequestSchema = z.object({
  symbol: symbolSchema,
  timeframe: timeframeSchema.default('1d'),
  model: forecastModelSchema,
  horizon: horizonSchema.default(1),
  /** Central coverage of the conformal prediction interval. */
  interval: z.number().min(0.5).max(0.99).default(0.9),
  window: forecastWindowSchema.default('expanding'),
  /** Model hyper-parameters (e.g. ridge `lambda`, gbdt `trees`); validated by the model. */
  params: z.record(z.string(), z.number()).optional(),
});
export type TrainForecastRequest = z.infer<typeof trainForecastRequestSchema>;

/** Walk-forward metrics of one model (out of sample only). Null where a metric does not apply. */
export const forecastMetricsSchema = z.object({
  rmse: z.number().nullable(),
  mae: z.number().nullable(),
  directionalAccuracy: z.number().nullable(),
  logLoss: z.number().nullable(),
  brier: z.number().nullable(),
  intervalCoverage: z.number().nullable(),
  intervalWidth: z.number().nullable(),
  sharpe: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  buyHoldSharpe: z.number().nullable(),
  buyHoldMaxDrawdown: z.number().nullable(),
  n: z.number().int(),
});
export type ForecastMetricsDto = z.infer<typeof forecastMetricsSchema>;

export const forecastFoldSchema = z.object({
  trainStart: z.number().int(),
  trainEnd: z.number().int(),
  testStart: z.number().int(),
  testEnd: z.number().int(),
  metrics: forecastMetricsSchema,
});

export const forecastTrainingResultSchema = z.object({
  symbol: z.string(),
  timeframe: timeframeSchema,
  model: forecastModelSchema,
  kind: z.enum(['regression', 'direction']),
  horizon: z.number().int(),
  interval: z.number(),
  window: forecastWindowSchema,
  rows: z.number().int(),
  features: z.array(z.string()),
  folds: z.array(forecastFoldSchema),
  metrics: forecastMetricsSchema,
  baseline: z.object({ name: forecastBaselineSchema, metrics: forecastMetricsSchema }),
  runId: z.string(),
  registeredModel: z.string(),
  modelVersion: z.number().int(),
  /** Aliases this version received: always `challenger`, and `champion` when the model had none. */
  aliases: z.array(z.string()),
});
export type ForecastTrainingResult = z.infer<typeof forecastTrainingResultSchema>;

/** 202: the training runs as job `forecasts.train`; follow it under /jobs/runs?name=forecasts.train. */
export const queuedForecastTrainingSchema = z.object({
  status: z.literal('queued'),
  job: z.literal('forecasts.train'),
  jobId: z.string(),
});
export type QueuedForecastTraining = z.infer<typeof queuedForecastTrainingSchema>;

export const forecastQuerySchema = z.object({ horizon: horizonSchema.default(1) });

/** One forecast: a log return (regression) or P(up) (direction), with the price it implies and its interval. */
export const forecastValueSchema = z.object({
  kind: z.enum(['regression', 'direction']),
  /** Forecast log return over the horizon (regression models), else null. */
  logReturn: z.number().nullable(),
  /** Probability the close is higher after the horizon (direction models), else null. */
  probUp: z.number().nullable(),
  /** Price implied by the forecast log return; null for direction models. */
  expectedPrice: z.number().nullable(),
  /** Conformal interval of the price (from walk-forward residuals); null for direction models. */
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  interval: z.number(),
});
export type ForecastValue = z.infer<typeof forecastValueSchema>;

export const forecastAnswerSchema = z.object({
  symbol: z.string(),
  timeframe: timeframeSchema,
  horizon: z.number().int(),
  model: z.object({ name: z.string(), algorithm: forecastModelSchema, version: z.number().int(), alias: z.string() }),
  /** Open time of the last bar the forecast is made from. */
  asOf: isoDateTime,
  lastClose: z.number(),
  forecast: forecastValueSchema,
  baseline: z.object({ name: forecastBaselineSchema, forecast: forecastValueSchema }),
  /** True when answered from the cache. */
  cached: z.boolean(),
});
export type ForecastAnswer = z.infer<typeof forecastAnswerSchema>;

export const predictionHistoryQuerySchema = z.object({
  horizon: horizonSchema.default(1),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const predictionSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  horizon: z.number().int(),
  model: z.string(),
  version: z.number().int(),
  asOf: isoDateTime,
  /** Log return (regression) or P(up) (direction). */
  forecast: z.number(),
  kind: z.enum(['regression', 'direction']),
  basePrice: z.number(),
  /** Interval bounds as log returns; null for direction models. */
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** Realised log return once the bar `horizon` bars later has arrived. */
  realised: z.number().nullable(),
  realisedAt: isoDateTime.nullable(),
  /** Whether the forecast direction matched the realised one. */
  hit: z.boolean().nullable(),
});
export type Prediction = z.infer<typeof predictionSchema>;

export const predictionHistorySchema = z.object({
  symbol: z.string(),
  horizon: z.number().int(),
  predictions: z.array(predictionSchema),
  /** Directional accuracy over the last realised predictions (null before any is realised). */
  rollingAccuracy: z.number().nullable(),
  realisedCount: z.number().int(),
});
export type PredictionHistory = z.infer<typeof predictionHistorySchema>;
