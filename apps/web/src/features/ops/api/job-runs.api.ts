import { jobRetriedSchema, jobRunListSchema, type JobRun } from '@marketlens/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { OPS_QUERY_KEY, OPS_REFRESH_MS } from './ops-overview.api';

const RUNS_KEY = [...OPS_QUERY_KEY, 'runs'] as const;
const RUNS_LIMIT = 50;

export type RunStatusFilter = JobRun['status'] | null;

/** The latest job runs, newest first, optionally only those of one status. */
export function useJobRuns(status: RunStatusFilter) {
  return useQuery({
    queryKey: [...RUNS_KEY, status],
    queryFn: () =>
      api.request('/jobs/runs', jobRunListSchema, { query: { status: status ?? undefined, limit: RUNS_LIMIT } }),
    refetchInterval: OPS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** Runs a failed run again with its payload, as a new run. */
export function useRetryRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(`/jobs/runs/${encodeURIComponent(id)}/retry`, jobRetriedSchema, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: OPS_QUERY_KEY }),
  });
}
