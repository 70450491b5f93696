import type { Timeframe } from '@marketlens/contracts';
import { buildForecastFeatures, type ForecastFeatureSpec } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { loadBarSeries } from '../instruments/instruments.service';
import { forecastServing, servingRegimeProbs } from './forecast-serving.service';

/**
 * What one version of a registered forecast model predicts at each bar of its own series, for the bars whose
 * prediction uses nothing the bar did not know: the model was fitted on closes up to `trainedThrough`, so
 * only feature rows at or after that bar are out of sample. Earlier rows are left out, never served.
 */
export interface ForecastHistory {
  model: string;
  version: number;
  kind: 'regression' | 'direction';
  symbol: string;
  timeframe: Timeframe;
  horizon: number;
  /** Open time of the newest bar the model was fitted on (ms). */
  trainedThrough: number;
  /** Open times of the model's bars that have an out-of-sample prediction, ascending (ms). */
  ts: Float64Array;
  /** The prediction at each of them: log return over the horizon (regression) or P(up) (direction). */
  values: Float64Array;
}

/**
 * Every out-of-sample prediction of `model` version `version` (its artifact and bars read now). Features are
 * built over the whole stored series exactly as serving builds the newest bar's, so the last value is what
 * GET /forecasts answers for that bar.
 */
export async function forecastHistory(
  ctx: AppContext,
  model: string,
  resolved: { version: number; runId: string; artifactName: string },
): Promise<ForecastHistory> {
  const loaded = await forecastServing(ctx).models.load(model, resolved.version, resolved.runId, resolved.artifactName);
  const { section, forecaster } = loaded;
  const bars = await loadBarSeries(ctx, section.symbol, section.timeframe);
  const regimeProbs = section.regime ? await servingRegimeProbs(ctx, model, section.regime, bars) : undefined;
  const { X, rowIndex } = buildForecastFeatures(
    bars,
    section.featureSpec as unknown as ForecastFeatureSpec,
    regimeProbs,
  );
  let first = 0;
  while (first < X.rows && bars[rowIndex[first]!]!.ts < section.trainedThrough) first++;
  const rows = X.rows - first;
  const predicted = forecaster.predict({ data: X.data.subarray(first * X.cols), rows, cols: X.cols });
  const ts = new Float64Array(rows);
  for (let r = 0; r < rows; r++) ts[r] = bars[rowIndex[first + r]!]!.ts;
  return {
    model,
    version: resolved.version,
    kind: forecaster.kind,
    symbol: section.symbol,
    timeframe: section.timeframe,
    horizon: section.horizon,
    trainedThrough: section.trainedThrough,
    ts,
    values: Float64Array.from(predicted),
  };
}
