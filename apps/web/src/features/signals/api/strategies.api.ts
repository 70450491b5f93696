import {
  strategyDetailSchema,
  strategyListSchema,
  strategyValidationSchema,
  strategyVersionSchema,
  type StrategyDetail,
} from '@marketlens/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import type { StrategyDocument } from '../model/strategy-form';

export const SIGNALS_QUERY_KEY = ['signals'] as const;
const STRATEGIES_KEY = [...SIGNALS_QUERY_KEY, 'strategies'] as const;
const strategyKey = (id: string) => [...STRATEGIES_KEY, id] as const;

export function useStrategies(archived: 'exclude' | 'include' = 'exclude') {
  return useQuery({
    queryKey: [...STRATEGIES_KEY, 'list', archived],
    queryFn: () => api.request('/strategies', strategyListSchema, { query: { archived } }),
  });
}

export function useStrategy(id: string | null) {
  return useQuery({
    queryKey: strategyKey(id ?? ''),
    queryFn: () => api.request(`/strategies/${encodeURIComponent(id!)}`, strategyDetailSchema),
    enabled: id !== null,
  });
}

/** One version's document; versions never change. */
export function useStrategyVersion(id: string | null, version: number | null) {
  return useQuery({
    queryKey: [...strategyKey(id ?? ''), 'version', version],
    queryFn: () => api.request(`/strategies/${encodeURIComponent(id!)}/versions/${version}`, strategyVersionSchema),
    enabled: id !== null && version !== null,
    staleTime: Infinity,
  });
}

/**
 * The server's check of a document as typed (schema and rule compiler), always 200. Keyed by the document,
 * so the answer for the text on screen is cached and an older answer stays shown while a newer one loads.
 */
export function useStrategyValidation(document: StrategyDocument | null) {
  return useQuery({
    queryKey: [...SIGNALS_QUERY_KEY, 'validate', document],
    queryFn: async () => ({
      document: document!,
      result: await api.request('/strategies/validate', strategyValidationSchema, { method: 'POST', body: document }),
    }),
    enabled: document !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export type SaveOutcome = { strategy: StrategyDetail; created: boolean };

/** Create (no id) or a new version of an existing strategy; `created` is false when nothing changed. */
export function useSaveStrategy(onSaved: (outcome: SaveOutcome) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, document }: { id: string | null; document: StrategyDocument }) => {
      const path = id === null ? '/strategies' : `/strategies/${encodeURIComponent(id)}/versions`;
      const before = id === null ? null : queryClient.getQueryData<StrategyDetail>(strategyKey(id));
      const strategy = await api.request(path, strategyDetailSchema, { method: 'POST', body: document });
      return { strategy, created: before ? strategy.latestVersion !== before.latestVersion : true };
    },
    onSuccess: (outcome) => {
      queryClient.setQueryData(strategyKey(outcome.strategy.id), outcome.strategy);
      void queryClient.invalidateQueries({ queryKey: [...STRATEGIES_KEY, 'list'] });
      onSaved(outcome);
    },
  });
}

export function useArchiveStrategy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archive }: { id: string; archive: boolean }) =>
      api.request(`/strategies/${encodeURIComponent(id)}/${archive ? 'archive' : 'restore'}`, strategyDetailSchema, {
        method: 'POST',
      }),
    onSuccess: (strategy) => {
      queryClient.setQueryData(strategyKey(strategy.id), strategy);
      void queryClient.invalidateQueries({ queryKey: [...STRATEGIES_KEY, 'list'] });
    },
  });
}
