import type { ForecastAnswer, ForecastModel, ForecastValue, Timeframe } from '@marketlens/contracts';
import {
  buildForecastFeatures,
  priceAfterLogReturn,
  TIMEFRAME_MS,
  type ForecastFeatureSpec,
  type Forecaster,
  type Matrix,
} from '@marketlens/quant';
import { getOrCompute } from '../../cache/cached';
import type { AppContext } from '../../context';
import { loadBarSeries } from '../instruments/instruments.service';
import type { RawBar } from '../../providers/market-data-provider';
import { resolveAlias } from '../registry/registry.service';
import { regimeModelOfFit } from '../regimes/regimes.service';
import type { LoadedForecastModel } from './forecast-artifact';
import { NoChampionError, NoFeaturesForLastBarError, RegimeFeaturesUnavailableError } from './forecast-errors';
import { parseRegimeModel, regimeProbMatrix, type RegimeFeatureRecord } from './forecast-regime-features';
import { ForecastModelLoader } from './forecast-model-loader';
import { forecastModelName } from './forecast-names';
import { SeriesHeads } from './series-head';

export const SERVING_ALIAS = 'champion';

/** Serving state of one process: models in memory and the memo of series heads. */
export interface ForecastServing {
  models: ForecastModelLoader;
  heads: SeriesHeads;
}

const servingByContext = new WeakMap<AppContext, ForecastServing>();

export function forecastServing(ctx: AppContext): ForecastServing {
  let serving = servingByContext.get(ctx);
  if (!serving) {
    serving = { models: new ForecastModelLoader(ctx), heads: new SeriesHeads(ctx) };
    servingByContext.set(ctx, serving);
  }
  return serving;
}

/** The serving (champion) model of a series, loaded; unknown symbol 404, no champion 404 NO_MODEL. */
export async function loadServingModel(
  ctx: AppContext,
  symbol: string,
  horizon: number,
): Promise<{ name: string; version: number; loaded: LoadedForecastModel }> {
  const name = forecastModelName(symbol, horizon);
  const resolved = await resolveAlias(ctx, name, SERVING_ALIAS);
  if (!resolved) throw new NoChampionError(name, SERVING_ALIAS);
  const loaded = await forecastServing(ctx).models.load(name, resolved.version, resolved.runId, resolved.artifactName);
  return { name, version: resolved.version, loaded };
}

/**
 * GET /forecasts/:symbol?horizon=: the champion's forecast for the newest bar, from the cache when the same
 * (symbol, horizon, model version, newest bar) was answered before. The entry lives until the next bar is due.
 * A cache that fails (Redis down) is a miss: the answer is computed, never refused.
 */
export async function getForecast(ctx: AppContext, symbol: string, horizon: number): Promise<ForecastAnswer> {
  const serving = forecastServing(ctx);
  // The instrument first: an unknown symbol is a 404 whatever the registry holds.
  const known = await serving.heads.get(symbol, '1d');
  const model = await loadServingModel(ctx, known.instrument.symbol, horizon);
  const timeframe = model.loaded.section.timeframe;
  const head = timeframe === '1d' ? known : await serving.heads.get(symbol, timeframe);
  if (head.lastTs === undefined) throw new NoFeaturesForLastBarError(head.instrument.symbol);
  const key = `forecast:${head.instrument.symbol}:${timeframe}:h${horizon}:${model.name}@${model.version}:${head.lastTs}`;
  let computed = false;
  const answer = await getOrCompute(ctx.cache, key, ttlUntilNextBar(head.lastTs, timeframe), async () => {
    computed = true;
    return computeForecast(ctx, head.instrument.symbol, model);
  });
  return computed ? answer : { ...answer, cached: true };
}

/** Seconds until the bar after the newest one should have closed; an overdue series gets one bar's length. */
export function ttlUntilNextBar(lastTs: number, timeframe: Timeframe, now = Date.now()): number {
  const bar = TIMEFRAME_MS[timeframe];
  const due = lastTs + 2 * bar;
  const ms = due > now ? due - now : Math.min(bar, 3_600_000);
  return Math.max(1, Math.ceil(ms / 1000));
}

async function computeForecast(
  ctx: AppContext,
  symbol: string,
  model: { name: string; version: number; loaded: LoadedForecastModel },
): Promise<ForecastAnswer> {
  const { section } = model.loaded;
  const bars = await loadBarSeries(ctx, symbol, section.timeframe);
  const last = bars[bars.length - 1];
  if (!last) throw new NoFeaturesForLastBarError(symbol);
  const regimeProbs = section.regime ? await servingRegimeProbs(ctx, model.name, section.regime, bars) : undefined;
  const spec = section.featureSpec as unknown as ForecastFeatureSpec;
  const { X, rowIndex } = buildForecastFeatures(bars, spec, regimeProbs);
  const lastRow = X.rows - 1;
  if (lastRow < 0 || rowIndex[lastRow] !== bars.length - 1) throw new NoFeaturesForLastBarError(symbol);
  const row: Matrix = { data: X.data.slice(lastRow * X.cols, (lastRow + 1) * X.cols), rows: 1, cols: X.cols };
  return {
    symbol,
    timeframe: section.timeframe,
    horizon: section.horizon,
    model: {
      name: model.name,
      algorithm: model.loaded.forecaster.name as ForecastModel,
      version: model.version,
      alias: SERVING_ALIAS,
    },
    asOf: new Date(last.ts).toISOString(),
    lastClose: last.close,
    forecast: forecastValue(model.loaded.forecaster, row, last.close, section.offsets, section.interval),
    baseline: {
      name: model.loaded.baselineName,
      forecast: forecastValue(model.loaded.baseline, row, last.close, section.baseline.offsets, section.interval),
    },
    cached: false,
  };
}

/**
 * The regime columns of a model trained with them: the same stored regime model (by fit id, checked by its
 * fingerprint) run over the same full series, so the row of the newest bar is what training would build.
 */
export async function servingRegimeProbs(
  ctx: AppContext,
  modelName: string,
  record: RegimeFeatureRecord,
  bars: readonly RawBar[],
): Promise<Matrix> {
  const stored = await regimeModelOfFit(ctx, record.fitId);
  if (!stored) throw new RegimeFeaturesUnavailableError(modelName, record.fitId, 'deleted');
  const { model, record: now } = parseRegimeModel(stored);
  if (now.modelSha256 !== record.modelSha256) {
    throw new RegimeFeaturesUnavailableError(modelName, record.fitId, 'changed');
  }
  return regimeProbMatrix(model, bars);
}

/** One model's forecast for one feature row, with the price it implies and the conformal interval. */
export function forecastValue(
  forecaster: Forecaster,
  row: Matrix,
  close: number,
  offsets: { lower: number; upper: number } | null,
  interval: number,
): ForecastValue {
  const yhat = forecaster.predict(row)[0] ?? Number.NaN;
  const value = Number.isFinite(yhat) ? yhat : null;
  if (forecaster.kind === 'direction') {
    return {
      kind: 'direction',
      logReturn: null,
      probUp: value,
      expectedPrice: null,
      lower: null,
      upper: null,
      interval,
    };
  }
  const price = (r: number) => (value === null ? null : priceAfterLogReturn(close, value + r));
  return {
    kind: 'regression',
    logReturn: value,
    probUp: null,
    expectedPrice: price(0),
    lower: offsets ? price(offsets.lower) : null,
    upper: offsets ? price(offsets.upper) : null,
    interval,
  };
}
