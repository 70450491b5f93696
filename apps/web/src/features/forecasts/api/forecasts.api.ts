import {
  forecastAnswerSchema,
  forecastTrainingResultSchema,
  jobRunListSchema,
  modelDetailSchema,
  predictionHistorySchema,
  queuedForecastTrainingSchema,
  runDetailSchema,
  type ForecastTrainingResult,
  type QueuedForecastTraining,
  type TrainForecastRequest,
} from '@marketlens/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import type { Schema } from '../../../shared/api/parse-response';

export const FORECASTS_QUERY_KEY = ['forecasts'] as const;

/** How often a queued training job is polled. */
const POLL_MS = 800;

/** `horizon` is passed as typed: the server owns its limits and says in words what is wrong. */
export function useForecast(symbol: string | null, horizon: string) {
  return useQuery({
    queryKey: [...FORECASTS_QUERY_KEY, 'answer', symbol, horizon],
    queryFn: () =>
      api.request(`/forecasts/${encodeURIComponent(symbol!)}`, forecastAnswerSchema, { query: { horizon } }),
    enabled: symbol !== null,
    // 404 NO_MODEL is an answer ("train one first"), not a blip worth retrying.
    retry: false,
  });
}

export function usePredictions(symbol: string | null, horizon: string) {
  return useQuery({
    queryKey: [...FORECASTS_QUERY_KEY, 'predictions', symbol, horizon],
    queryFn: () =>
      api.request(`/forecasts/${encodeURIComponent(symbol!)}/predictions`, predictionHistorySchema, {
        query: { horizon, limit: 500 },
      }),
    enabled: symbol !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

/**
 * The walk-forward metrics of the version serving a forecast: they live on its registry run
 * (`rmse`, `baseline.rmse`, ...), found through the model's version list.
 */
export function useServingRun(modelName: string | null, version: number | null) {
  return useQuery({
    queryKey: [...FORECASTS_QUERY_KEY, 'run', modelName, version],
    queryFn: async () => {
      const detail = await api.request(`/models/${encodeURIComponent(modelName!)}`, modelDetailSchema);
      const entry = detail.versions.find((v) => v.version === version);
      if (!entry) throw new Error(`Version ${version} of ${modelName} is not in the registry.`);
      return api.request(`/runs/${encodeURIComponent(entry.runId)}`, runDetailSchema);
    },
    enabled: modelName !== null && version !== null,
    // A finished run never changes.
    staleTime: Infinity,
  });
}

export type TrainOutcome =
  { status: 'done'; result: ForecastTrainingResult } | { status: 'queued'; queued: QueuedForecastTraining };

/** 201 carries the result, 202 a queued job: the body's shape says which. */
const trainOutcomeSchema: Schema<TrainOutcome> = {
  safeParse: (data) => {
    const queued = queuedForecastTrainingSchema.safeParse(data);
    if (queued.success) return { success: true, data: { status: 'queued', queued: queued.data } };
    const result = forecastTrainingResultSchema.safeParse(data);
    if (result.success) return { success: true, data: { status: 'done', result: result.data } };
    return { success: false, error: result.error };
  },
};

export function trainForecast(request: TrainForecastRequest): Promise<TrainOutcome> {
  return api.request('/forecasts/train', trainOutcomeSchema, { method: 'POST', body: request });
}

/** A queued training's job run, polled until it finishes (GET /jobs/runs is the only view of a job). */
export function useTrainingJob(jobId: string | null) {
  return useQuery({
    queryKey: [...FORECASTS_QUERY_KEY, 'job', jobId],
    queryFn: async () => {
      const { runs } = await api.request('/jobs/runs', jobRunListSchema, {
        query: { name: 'forecasts.train', limit: 100 },
      });
      return runs.find((r) => r.id === jobId) ?? null;
    },
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : POLL_MS;
    },
  });
}
