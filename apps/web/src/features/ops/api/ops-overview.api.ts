import { enqueueJobResponseSchema, opsOverviewSchema } from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';

export const OPS_QUERY_KEY = ['ops'] as const;
const OVERVIEW_KEY = [...OPS_QUERY_KEY, 'overview'] as const;
/** Queue counts move by the second while jobs run; a few seconds is close enough to watch one. */
export const OPS_REFRESH_MS = 3000;

/** Dependencies, jobs by queue state, schedules and dead letters (admins). */
export function useOpsOverview() {
  return useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: () => api.request('/ops/overview', opsOverviewSchema),
    refetchInterval: OPS_REFRESH_MS,
  });
}

/** Runs a job now with an empty payload (the run appears in the recent runs). */
export function useRunJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api.request(`/jobs/${encodeURIComponent(name)}/run`, enqueueJobResponseSchema, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: OPS_QUERY_KEY }),
  });
}
