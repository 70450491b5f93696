import type { ForecastTrainingResult, TrainForecastRequest } from '@marketlens/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FORECASTS_QUERY_KEY, trainForecast, useTrainingJob } from '../api/forecasts.api';
import type { TrainPhase } from '../components/forecast-train-progress';

export interface TrainingFinished {
  /** The result when the server trained inline (201); null when a queued job finished (its result stays on the run). */
  result: ForecastTrainingResult | null;
}

/**
 * Starts a training; on a 202 follows the job run until it finishes. Either way the page's forecast and
 * registry queries are refreshed, because a first version becomes the champion.
 */
export function useForecastTraining(onFinished: (finished: TrainingFinished) => void) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: FORECASTS_QUERY_KEY });
    void queryClient.invalidateQueries({ queryKey: ['models'] });
  };
  const mutation = useMutation({
    mutationFn: (request: TrainForecastRequest) => trainForecast(request),
    onMutate: () => setJobId(null),
    onSuccess: (outcome) => {
      if (outcome.status === 'queued') return setJobId(outcome.queued.jobId);
      refresh();
      onFinished({ result: outcome.result });
    },
  });
  const job = useTrainingJob(jobId);
  const jobStatus = job.data?.status;

  useEffect(() => {
    if (jobStatus !== 'succeeded') return;
    refresh();
    onFinished({ result: null });
    // Only the transition to succeeded matters; the callbacks are recreated every render.
  }, [jobStatus]);

  let phase: TrainPhase | null = null;
  if (mutation.isPending) phase = 'training';
  else if (jobId !== null && (jobStatus === undefined || jobStatus === 'queued')) phase = 'queued';
  else if (jobStatus === 'running') phase = 'running';

  const error =
    mutation.error ??
    job.error ??
    (jobStatus === 'failed' ? new Error(`The training job failed: ${job.data?.error ?? 'no reason given'}.`) : null);

  return {
    train: mutation.mutate,
    reset: () => {
      mutation.reset();
      setJobId(null);
    },
    phase,
    error,
    busy: phase !== null,
  };
}
