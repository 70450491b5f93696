import { z } from 'zod';
import {
  forecastBaselineSchema,
  timeframeSchema,
  type ForecastBaseline,
  type ForecastMetricsDto,
  type Timeframe,
} from '@marketlens/contracts';
import {
  baselineNameOf,
  forecasterFromJson,
  type Forecaster,
  type ForecasterJson,
  type ForecastFeatureSpec,
} from '@marketlens/quant';
import { CorruptModelError } from './forecast-errors';
import type { RegimeFeatureRecord } from './forecast-regime-features';

/** The trading-metrics convention of quant's overlapping book (docs/forecasts.md), written into every artifact. */
export const TRADING_METRICS_CONVENTION = 'overlapping-book';

/** Name of the model artifact in every forecast training run. */
export const MODEL_ARTIFACT = 'model.json';

/** How a forecast interval is placed around the point forecast: log-return offsets from walk-forward. */
const offsetsSchema = z.object({ lower: z.number(), upper: z.number() });

/**
 * What serving needs besides the fitted model: how features were built, the horizon and the conformal
 * offsets. Stored under `forecast` next to the forecaster's own fields, so model.json itself is a valid
 * ForecasterJson (forecasterFromJson reads it unchanged).
 */
const forecastSectionSchema = z.object({
  symbol: z.string(),
  timeframe: timeframeSchema,
  horizon: z.number().int().min(1),
  interval: z.number(),
  window: z.enum(['expanding', 'rolling']),
  params: z.record(z.string(), z.number()),
  kind: z.enum(['regression', 'direction']),
  /** Walk-forward metrics of this model, compared when a retrained challenger may replace the champion. */
  metrics: z.record(z.string(), z.number().nullable()),
  featureSpec: z.record(z.string(), z.unknown()),
  featureNames: z.array(z.string()),
  offsets: offsetsSchema.nullable(),
  baseline: z.object({
    name: forecastBaselineSchema,
    forecaster: z.unknown(),
    offsets: offsetsSchema.nullable(),
  }),
  trainedThrough: z.number(),
  rows: z.number().int(),
  /**
   * The regime fit whose filtered probabilities are the `regime_p*` columns; serving rebuilds them from the
   * same stored model. Absent in artifacts written before regime features existed: none were used.
   */
  regime: z
    .object({
      fitId: z.string(),
      modelSha256: z.string(),
      states: z.number().int().min(1),
      stateNames: z.array(z.string()),
    })
    .nullable()
    .optional(),
  /**
   * How the trading metrics (sharpe, maxDrawdown, buy-and-hold) were scored. Absent in artifacts written
   * before the overlapping book: at horizon > 1 those scored overlapping targets as bars and are not comparable.
   */
  tradingMetrics: z.literal(TRADING_METRICS_CONVENTION).optional(),
});
export type ForecastSection = z.infer<typeof forecastSectionSchema>;

const artifactSchema = z.object({ forecast: forecastSectionSchema }).loose();

export interface ForecastArtifactInput {
  symbol: string;
  timeframe: Timeframe;
  horizon: number;
  interval: number;
  window: 'expanding' | 'rolling';
  params: Record<string, number>;
  kind: 'regression' | 'direction';
  metrics: ForecastMetricsDto;
  featureSpec: ForecastFeatureSpec;
  featureNames: string[];
  offsets: { lower: number; upper: number } | null;
  baseline: { name: ForecastBaseline; forecaster: ForecasterJson; offsets: { lower: number; upper: number } | null };
  trainedThrough: number;
  rows: number;
  regime: RegimeFeatureRecord | null;
}

export function buildArtifact(forecaster: ForecasterJson, section: ForecastArtifactInput): string {
  return `${JSON.stringify({ ...forecaster, forecast: { ...section, tradingMetrics: TRADING_METRICS_CONVENTION } })}\n`;
}

/** A loaded model.json: the fitted model and its baseline, ready to predict. */
export interface LoadedForecastModel {
  forecaster: Forecaster;
  baseline: Forecaster;
  baselineName: ForecastBaseline;
  section: ForecastSection;
}

/** Parses model.json; anything unreadable is a CorruptModelError naming what was wrong. */
export function parseArtifact(body: Buffer | string, where: string): LoadedForecastModel {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (err) {
    throw new CorruptModelError(where, 'not valid JSON', { cause: err });
  }
  const parsed = artifactSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptModelError(where, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const { forecast: section, ...forecasterJson } = parsed.data;
  try {
    const baseline = forecasterFromJson(section.baseline.forecaster);
    // By what the stored baseline does: artifacts from before 'base-rate' had a name say 'zero' for it.
    return {
      forecaster: forecasterFromJson(forecasterJson),
      baseline,
      baselineName: baselineNameOf(baseline.kind),
      section,
    };
  } catch (err) {
    throw new CorruptModelError(where, err instanceof Error ? err.message : String(err), { cause: err });
  }
}
