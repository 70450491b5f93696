import { assessmentListResponseSchema, assessmentSchema, memeJobQueuedSchema } from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { MEME_QUERY_KEY, refreshAfterJob, tokenPath } from './tokens.api';

/** The history table shows this many; older ones are rarely what a trader looks for. */
export const HISTORY_LIMIT = 50;

export function useAssessmentHistory(address: string) {
  return useQuery({
    queryKey: [...MEME_QUERY_KEY, 'assessments', address],
    queryFn: () =>
      api.request(`${tokenPath(address)}/assessments`, assessmentListResponseSchema, {
        query: { limit: HISTORY_LIMIT },
      }),
  });
}

/** One stored assessment with its flags' evidence; never changes once written. */
export function useAssessment(id: string | null) {
  return useQuery({
    queryKey: [...MEME_QUERY_KEY, 'assessment', id],
    queryFn: () => api.request(`/memecoins/assessments/${encodeURIComponent(id!)}`, assessmentSchema),
    enabled: id !== null,
    staleTime: Infinity,
  });
}

/** Queues a fresh assessment; the token's data is read again so the page catches up once the job has run. */
export function useReassess(address: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.request(`${tokenPath(address)}/assess`, memeJobQueuedSchema, { method: 'POST', body: {} }),
    onSuccess: () => refreshAfterJob(queryClient),
  });
}
