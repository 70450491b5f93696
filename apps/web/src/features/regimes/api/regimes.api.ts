import {
  currentRegimeSchema,
  okResponseSchema,
  regimeFitListSchema,
  regimeFitSchema,
  regimeSeriesSchema,
  type CreateRegimeFitRequest,
  type RegimeFit,
} from '@marketlens/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import type { Schema } from '../../../shared/api/parse-response';

export const REGIMES_QUERY_KEY = ['regimes'] as const;
const fitKey = (id: string) => [...REGIMES_QUERY_KEY, 'fit', id] as const;

/** How often a queued or running fit is polled for its progress. */
const POLL_MS = 700;

export const isFinished = (fit: Pick<RegimeFit, 'status'>) => fit.status === 'succeeded' || fit.status === 'failed';

export function useRegimeFits(symbol: string | null) {
  return useQuery({
    queryKey: [...REGIMES_QUERY_KEY, 'list', symbol],
    queryFn: () => api.request('/regimes/fits', regimeFitListSchema, { query: { symbol: symbol!, limit: 50 } }),
    enabled: symbol !== null,
    placeholderData: keepPreviousData,
  });
}

/** One fit; polled while the server is still working on it, so the progress bar moves. */
export function useRegimeFit(id: string | null) {
  return useQuery({
    queryKey: fitKey(id ?? ''),
    queryFn: () => api.request(`/regimes/fits/${encodeURIComponent(id!)}`, regimeFitSchema),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && !isFinished(query.state.data) ? POLL_MS : false),
  });
}

export function fetchRegimeSeries(id: string, maxPoints: number) {
  return api.request(`/regimes/fits/${encodeURIComponent(id)}/series`, regimeSeriesSchema, { query: { maxPoints } });
}

export function useRegimeSeries(id: string | null, maxPoints: number) {
  return useQuery({
    queryKey: [...REGIMES_QUERY_KEY, 'series', id, maxPoints],
    queryFn: () => fetchRegimeSeries(id!, maxPoints),
    enabled: id !== null,
    // A finished fit never changes.
    staleTime: Infinity,
  });
}

/** Latest filtered probabilities of the symbol's tracked fit, kept current by the server as bars arrive. */
export function useCurrentRegime(symbol: string | null) {
  return useQuery({
    queryKey: [...REGIMES_QUERY_KEY, 'current', symbol],
    queryFn: () => api.request(`/regimes/${encodeURIComponent(symbol!)}/current`, currentRegimeSchema),
    enabled: symbol !== null,
    retry: false,
  });
}

/** The model JSON is versioned by the quant package; the web only passes it on as a download. */
const modelJsonSchema: Schema<Record<string, unknown>> = {
  safeParse: (data) =>
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? { success: true, data: data as Record<string, unknown> }
      : { success: false, error: { issues: [{ path: [], message: 'expected a JSON object' }] } },
};

export function fetchRegimeModel(id: string) {
  return api.request(`/regimes/fits/${encodeURIComponent(id)}/model`, modelJsonSchema);
}

export function createRegimeFit(request: CreateRegimeFitRequest) {
  // 201 with a finished fit or 202 with a queued one: the body says which through `status`.
  return api.request('/regimes/fits', regimeFitSchema, { method: 'POST', body: request });
}

export function useDeleteRegimeFit(onDeleted?: (id: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(`/regimes/fits/${encodeURIComponent(id)}`, okResponseSchema, { method: 'DELETE' }),
    onSuccess: (_ok, id) => {
      queryClient.removeQueries({ queryKey: fitKey(id) });
      void queryClient.invalidateQueries({ queryKey: REGIMES_QUERY_KEY });
      onDeleted?.(id);
    },
  });
}

/** Seeds the cache with the answer of a create call so the page shows it without another request. */
export function useRememberFit() {
  const queryClient = useQueryClient();
  return (fit: RegimeFit) => {
    queryClient.setQueryData(fitKey(fit.id), fit);
    void queryClient.invalidateQueries({ queryKey: [...REGIMES_QUERY_KEY, 'list'] });
  };
}
