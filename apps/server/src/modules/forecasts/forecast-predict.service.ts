import type { PredictionHistory, Timeframe } from '@marketlens/contracts';
import { isDirectionHit, logReturnBetween } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { getInstrumentInfo, loadBarSeries } from '../instruments/instruments.service';
import { listChampions, type ChampionRef } from './forecast-champions';
import { forecastServing, getForecast } from './forecast-serving.service';
import {
  insertPrediction,
  listPredictions,
  listUnrealised,
  setRealised,
  type PredictionRow,
} from './predictions.store';

export interface NewBarsEvent {
  instrumentId: number;
  symbol: string;
  timeframe: Timeframe;
  lastTs: number;
}

export interface PredictOutcome {
  stored: number;
  realised: number;
  champions: number;
}

/**
 * `forecasts.predict`: when bars of a series arrive, past predictions whose future bar is now known get their
 * realised value, and every serving model of the series stores its forecast for the newest bar (which also
 * warms the prediction cache). Idempotent: a prediction is stored once per model version and bar.
 */
export async function predictOnNewBars(ctx: AppContext, event: NewBarsEvent): Promise<PredictOutcome> {
  forecastServing(ctx).heads.invalidate(event.symbol);
  const realised = await fillRealised(ctx, event);
  const champions = await listChampions(ctx, [event.symbol]);
  let stored = 0;
  for (const champion of champions) {
    const answer = await getForecast(ctx, champion.symbol, champion.horizon);
    if (answer.timeframe !== event.timeframe) continue;
    const { forecast, lastClose } = answer;
    const value = forecast.kind === 'direction' ? forecast.probUp : forecast.logReturn;
    if (value === null) continue;
    const logOf = (price: number | null) => (price === null ? null : logReturnBetween(lastClose, price));
    const inserted = await insertPrediction(ctx.db.orm, {
      instrumentId: event.instrumentId,
      symbol: champion.symbol,
      timeframe: answer.timeframe,
      horizon: champion.horizon,
      model: champion.model,
      version: champion.version,
      kind: forecast.kind,
      asOf: new Date(answer.asOf),
      basePrice: lastClose,
      forecast: value,
      lower: logOf(forecast.lower),
      upper: logOf(forecast.upper),
    });
    if (inserted) stored += 1;
    await updateGauges(ctx, event.instrumentId, champion);
  }
  return { stored, realised, champions: champions.length };
}

/** Joins realised log returns to predictions whose bar `horizon` bars later has arrived. */
async function fillRealised(ctx: AppContext, event: NewBarsEvent): Promise<number> {
  const waiting = await listUnrealised(ctx.db.orm, { instrumentId: event.instrumentId, timeframe: event.timeframe });
  const first = waiting[0];
  if (!first) return 0;
  const bars = await loadBarSeries(ctx, event.symbol, event.timeframe, { from: first.asOf.getTime() });
  const indexOf = new Map(bars.map((b, i) => [b.ts, i]));
  let filled = 0;
  for (const row of waiting) {
    const i = indexOf.get(row.asOf.getTime());
    const later = i === undefined ? undefined : bars[i + row.horizon];
    if (!later) continue;
    const realised = logReturnBetween(row.basePrice, later.close);
    await setRealised(ctx.db.orm, row.id, { realised, realisedAt: new Date(later.ts), hit: isHit(row, realised) });
    filled += 1;
  }
  return filled;
}

/** Direction right, by the same convention as the walk-forward metrics (packages/quant). */
export function isHit(row: Pick<PredictionRow, 'kind' | 'forecast'>, realised: number): boolean {
  return isDirectionHit(row.kind, row.forecast, realised);
}

async function updateGauges(ctx: AppContext, instrumentId: number, champion: ChampionRef): Promise<void> {
  ctx.metrics.modelVersionInProduction.set({ model: champion.model }, champion.version);
  const accuracy = await rollingAccuracy(ctx, instrumentId, champion.horizon);
  const series = { symbol: champion.symbol, horizon: String(champion.horizon) };
  ctx.metrics.forecastAccuracySamples.set(series, accuracy.count);
  if (accuracy.value !== null) ctx.metrics.forecastRollingAccuracy.set(series, accuracy.value);
}

/**
 * The serving-model gauges of every series, read from the registry and the predictions table. Scrapes call it
 * (throttled) so a restarted process, or a replica that never ran forecasts.predict, reports the same values.
 */
export async function refreshForecastGauges(ctx: AppContext): Promise<void> {
  for (const champion of await listChampions(ctx)) {
    const instrument = await getInstrumentInfo(ctx, champion.symbol);
    await updateGauges(ctx, instrument.id, champion);
  }
}

/** Share of hits over the last `forecasts.accuracyWindow` realised predictions of a series and horizon. */
async function rollingAccuracy(
  ctx: AppContext,
  instrumentId: number,
  horizon: number,
): Promise<{ value: number | null; count: number }> {
  const rows = await listPredictions(ctx.db.orm, {
    instrumentId,
    horizon,
    limit: ctx.config.forecasts.accuracyWindow,
    realisedOnly: true,
  });
  if (rows.length === 0) return { value: null, count: 0 };
  return { value: rows.filter((r) => r.hit).length / rows.length, count: rows.length };
}

/** GET /forecasts/:symbol/predictions: stored predictions, newest first, with realised values and accuracy. */
export async function getPredictionHistory(
  ctx: AppContext,
  symbol: string,
  query: { horizon: number; limit: number },
): Promise<PredictionHistory> {
  const instrument = await getInstrumentInfo(ctx, symbol);
  const rows = await listPredictions(ctx.db.orm, { instrumentId: instrument.id, ...query });
  const accuracy = await rollingAccuracy(ctx, instrument.id, query.horizon);
  return {
    symbol: instrument.symbol,
    horizon: query.horizon,
    predictions: rows.map((r) => ({
      id: r.id,
      symbol: r.symbol,
      horizon: r.horizon,
      model: r.model,
      version: r.version,
      asOf: r.asOf.toISOString(),
      forecast: r.forecast,
      kind: r.kind,
      basePrice: r.basePrice,
      lower: r.lower,
      upper: r.upper,
      realised: r.realised,
      realisedAt: r.realisedAt?.toISOString() ?? null,
      hit: r.hit,
    })),
    rollingAccuracy: accuracy.value,
    realisedCount: accuracy.count,
  };
}
