import {
  deploymentListSchema,
  deploymentSchema,
  paperTradeListSchema,
  signalListSchema,
  type Deployment,
} from '@marketlens/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import type { SignalFilter } from '../model/signal-feed';
import { SIGNALS_QUERY_KEY } from './strategies.api';

export const DEPLOYMENTS_KEY = [...SIGNALS_QUERY_KEY, 'deployments'] as const;
const SIGNAL_PAGE = 50;

/** Strategies running live with their paper accounts (every user reads them). */
export function useDeployments() {
  return useQuery({
    queryKey: DEPLOYMENTS_KEY,
    queryFn: () => api.request('/deployments', deploymentListSchema),
  });
}

export function useDeploymentTrades(id: string | null) {
  return useQuery({
    queryKey: [...DEPLOYMENTS_KEY, 'trades', id],
    queryFn: () => api.request(`/deployments/${encodeURIComponent(id!)}/trades`, paperTradeListSchema),
    enabled: id !== null,
  });
}

export interface CreateDeploymentInput {
  strategyId: string;
  version?: number;
  symbol: string;
  timeframe?: string;
}

/** Admins: run a strategy version live on one series (it starts enabled). */
export function useCreateDeployment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDeploymentInput) =>
      api.request('/deployments', deploymentSchema, { method: 'POST', body: input }),
    onSuccess: (created) => {
      // Listed at once, not after the refetch: "enabled" must never sit beside "not running live".
      queryClient.setQueryData<{ deployments: Deployment[] }>(DEPLOYMENTS_KEY, (old) =>
        old ? { deployments: [...old.deployments, created] } : old,
      );
      void queryClient.invalidateQueries({ queryKey: DEPLOYMENTS_KEY });
    },
  });
}

/** Admins: stop or resume a deployment (a resumed one continues from its last processed bar). */
export function useSetDeploymentEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api.request(`/deployments/${encodeURIComponent(id)}`, deploymentSchema, { method: 'PATCH', body: { enabled } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: DEPLOYMENTS_KEY }),
  });
}

/** Stored signals, newest first, a page at a time (the live stream adds the ones written from now on). */
export function useSignalHistory(filter: SignalFilter = {}) {
  return useInfiniteQuery({
    queryKey: [...SIGNALS_QUERY_KEY, 'history', filter],
    queryFn: ({ pageParam }) =>
      api.request('/signals', signalListSchema, {
        query: { ...filter, cursor: pageParam ?? undefined, limit: SIGNAL_PAGE },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
