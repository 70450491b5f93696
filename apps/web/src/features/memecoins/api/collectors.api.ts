import { collectorsResponseSchema, memeJobQueuedSchema } from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { MEME_QUERY_KEY, refreshAfterJob } from './tokens.api';

const COLLECTORS_KEY = [...MEME_QUERY_KEY, 'collectors'] as const;

const fetchCollectors = () => api.request('/memecoins/collectors', collectorsResponseSchema);
export type CollectorStatus = Awaited<ReturnType<typeof fetchCollectors>>['collectors'][number];

export function useCollectors() {
  return useQuery({ queryKey: COLLECTORS_KEY, queryFn: fetchCollectors });
}

/** Queues a collection run, of one token or (no address) every watched token. */
export function useCollect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (address?: string) =>
      api.request('/memecoins/collect', memeJobQueuedSchema, {
        method: 'POST',
        body: address ? { address } : {},
      }),
    onSuccess: () => refreshAfterJob(queryClient),
  });
}
