import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { predictOnNewBars, type NewBarsEvent, type PredictOutcome } from './forecast-predict.service';

export const FORECASTS_PREDICT_JOB = 'forecasts.predict';

/** `forecasts.predict`: enqueued on bars.ingested, once per series and newest bar (idempotency key). */
export function forecastsPredictJob(ctx: AppContext): JobDefinition<NewBarsEvent, PredictOutcome> {
  return {
    name: FORECASTS_PREDICT_JOB,
    idempotencyKey: predictKey,
    handler: async (payload, job) => {
      const outcome = await predictOnNewBars(ctx, payload);
      job.log('forecast predictions stored', { symbol: payload.symbol, ...outcome });
      return outcome;
    },
  };
}

export const predictKey = (event: NewBarsEvent): string =>
  `${event.symbol.toUpperCase()}:${event.timeframe}:${event.lastTs}`;
