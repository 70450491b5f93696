import type { ForecastMetricsDto, ForecastModel } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { setAlias } from '../registry/registry.service';
import type { ForecastSection } from './forecast-artifact';
import { listChampions } from './forecast-champions';
import { loadServingModel, SERVING_ALIAS } from './forecast-serving.service';
import { trainStored } from './forecast-training.service';

export const FORECASTS_RETRAIN_JOB = 'forecasts.retrain';

export interface RetrainOutcome {
  model: string;
  previousVersion: number;
  version?: number;
  promoted: boolean;
  /** Why an auto-promotion was not considered, when it was not. */
  note?: string;
  status: 'succeeded' | 'failed';
  error?: string;
}

type PromoteMetric = keyof Pick<
  ForecastMetricsDto,
  'rmse' | 'mae' | 'directionalAccuracy' | 'logLoss' | 'brier' | 'sharpe'
>;
const HIGHER_IS_BETTER = new Set<PromoteMetric>(['directionalAccuracy', 'sharpe']);

/** Whether the challenger's walk-forward metric beats the champion's; a missing value never wins. */
export function beats(
  metric: PromoteMetric,
  challenger: number | null | undefined,
  champion: number | null | undefined,
) {
  if (challenger === null || challenger === undefined || !Number.isFinite(challenger)) return false;
  if (champion === null || champion === undefined || !Number.isFinite(champion)) return true;
  return HIGHER_IS_BETTER.has(metric) ? challenger > champion : challenger < champion;
}

const TRADING_METRICS = new Set<PromoteMetric>(['sharpe']);

/**
 * The champion's stored value of `metric`, or null when it cannot be compared with a new training's: Sharpe
 * of a horizon > 1 model trained before the overlapping book scored overlapping targets as bars (inflated).
 */
export function comparableIncumbent(metric: PromoteMetric, section: ForecastSection): number | null | undefined {
  if (TRADING_METRICS.has(metric) && section.horizon > 1 && section.tradingMetrics === undefined) return null;
  return section.metrics[metric];
}

/**
 * `forecasts.retrain` (scheduled from config, off by default): retrains every champion's series with the
 * champion's own settings on all bars up to now. The new version becomes `challenger`; with
 * `forecasts.autoPromote` it also becomes `champion` when it beats the champion on `forecasts.promoteMetric`
 * (the alias history records why). One series failing does not stop the others.
 */
export function forecastsRetrainJob(ctx: AppContext): JobDefinition<unknown, { retrained: RetrainOutcome[] }> {
  return {
    name: FORECASTS_RETRAIN_JOB,
    handler: async (_payload, job) => {
      const retrained: RetrainOutcome[] = [];
      for (const champion of await listChampions(ctx)) {
        job.signal.throwIfAborted();
        try {
          retrained.push(await retrainOne(ctx, champion.symbol, champion.horizon, job.signal));
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          job.log('forecast retrain failed', { model: champion.model, error });
          retrained.push({
            model: champion.model,
            previousVersion: champion.version,
            promoted: false,
            status: 'failed',
            error,
          });
        }
      }
      return { retrained };
    },
  };
}

async function retrainOne(
  ctx: AppContext,
  symbol: string,
  horizon: number,
  signal: AbortSignal,
): Promise<RetrainOutcome> {
  const current = await loadServingModel(ctx, symbol, horizon);
  const { section } = current.loaded;
  const result = await trainStored(
    ctx,
    {
      symbol,
      timeframe: section.timeframe,
      model: current.loaded.forecaster.name as ForecastModel,
      horizon,
      interval: section.interval,
      window: section.window,
      params: Object.keys(section.params).length > 0 ? section.params : undefined,
    },
    { mode: 'job', signal },
  );
  const { autoPromote, promoteMetric } = ctx.config.forecasts;
  const challenger = result.metrics[promoteMetric];
  const incumbent = comparableIncumbent(promoteMetric, section);
  let promoted = false;
  if (autoPromote && incumbent === null && section.metrics[promoteMetric] !== null) {
    // Never change production on a meaningless comparison: promote by hand after looking at both.
    const note = `${promoteMetric} of v${current.version} predates the horizon fix (overlapping targets scored as bars): not compared; promote by hand`;
    return {
      model: current.name,
      previousVersion: current.version,
      version: result.modelVersion,
      promoted,
      note,
      status: 'succeeded',
    };
  }
  if (autoPromote && !result.aliases.includes(SERVING_ALIAS) && beats(promoteMetric, challenger, incumbent)) {
    await setAlias(ctx, {
      model: current.name,
      alias: SERVING_ALIAS,
      version: result.modelVersion,
      reason: `auto-promoted by forecasts.retrain: ${promoteMetric} ${fmt(challenger)} beats ${fmt(incumbent)} of v${current.version}`,
    });
    promoted = true;
  }
  return {
    model: current.name,
    previousVersion: current.version,
    version: result.modelVersion,
    promoted,
    status: 'succeeded',
  };
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toPrecision(4));
