import type { AppContext } from '../../context';
import { forecastServing } from './forecast-serving.service';
import { FORECASTS_PREDICT_JOB, forecastsPredictJob, predictKey } from './forecasts-predict.job';
import { forecastsRetrainJob } from './forecasts-retrain.job';
import { forecastsTrainJob } from './forecasts-train.job';

/** The forecasts module's jobs and its bars.ingested subscription (every role registers; see module-jobs.ts). */
export function registerForecasts(ctx: AppContext): void {
  ctx.jobs.register(forecastsTrainJob(ctx));
  ctx.jobs.register(forecastsRetrainJob(ctx));
  ctx.jobs.register(forecastsPredictJob(ctx));
  ctx.events.on('bars.ingested', async (event) => {
    // The cached answer's key names the newest bar: forget the memo now so the next request sees the new bar.
    forecastServing(ctx).heads.invalidate(event.symbol);
    const payload = {
      instrumentId: event.instrumentId,
      symbol: event.symbol,
      timeframe: event.timeframe,
      lastTs: event.lastTs,
    };
    await ctx.jobs.enqueue(FORECASTS_PREDICT_JOB, payload, { idempotencyKey: predictKey(payload) });
  });
}
