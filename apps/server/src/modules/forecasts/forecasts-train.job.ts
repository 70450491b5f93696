import type { ForecastTrainingResult, TrainForecastRequest } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { failAbandonedTraining, FORECASTS_TRAIN_JOB, trainStored } from './forecast-training.service';

export interface ForecastsTrainPayload {
  request: TrainForecastRequest;
  userId?: string;
  /** The training's id (and its registry run's id); absent in jobs queued by older versions. */
  trainingId?: string;
}

/**
 * `forecasts.train`: a training too large to answer inside the request. Progress is logged per stage on the
 * job run; the result (run id, model version, metrics vs baseline) is the run's result. A data problem fails
 * the run with the reason; the registry run is marked failed and no version is registered.
 */
export function forecastsTrainJob(ctx: AppContext): JobDefinition<ForecastsTrainPayload, ForecastTrainingResult> {
  return {
    name: FORECASTS_TRAIN_JOB,
    handler: async (payload, job) => {
      job.log('forecast training started', { symbol: payload.request.symbol, model: payload.request.model });
      const result = await trainStored(ctx, payload.request, {
        userId: payload.userId,
        ...(payload.trainingId ? { trainingId: payload.trainingId } : {}),
        mode: 'job',
        onStage: (stage) => job.log(`forecast training: ${stage}`),
        signal: job.signal,
      });
      job.log('forecast training finished', { runId: result.runId, version: result.modelVersion });
      return result;
    },
    onGivenUp: async (payload, reason) => {
      if (payload.trainingId) await failAbandonedTraining(ctx, payload.trainingId, reason);
    },
  };
}
