import {
  experimentListSchema,
  metricSeriesSchema,
  modelDetailSchema,
  modelListSchema,
  runCompareSchema,
  runDetailSchema,
  runListSchema,
} from '@marketlens/contracts';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, session } from '../../../shared/api/api';
import { toApiError } from '../../../shared/api/parse-response';
import { toRawResponse } from '../../../shared/api/raw-response';

export const MODELS_QUERY_KEY = ['models'] as const;
const seg = encodeURIComponent;

export function useExperiments() {
  return useQuery({
    queryKey: [...MODELS_QUERY_KEY, 'experiments'],
    queryFn: () => api.request('/experiments', experimentListSchema),
  });
}

export function useRuns(experimentId: string | null) {
  return useQuery({
    queryKey: [...MODELS_QUERY_KEY, 'runs', experimentId],
    queryFn: () => api.request(`/experiments/${seg(experimentId!)}/runs`, runListSchema, { query: { limit: 100 } }),
    enabled: experimentId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useRun(id: string | null) {
  return useQuery({
    queryKey: [...MODELS_QUERY_KEY, 'run', id],
    queryFn: () => api.request(`/runs/${seg(id!)}`, runDetailSchema),
    enabled: id !== null,
  });
}

const metricSeriesQuery = (runId: string, key: string) => ({
  queryKey: [...MODELS_QUERY_KEY, 'metric', runId, key],
  queryFn: () => api.request(`/runs/${seg(runId)}/metrics/${seg(key)}`, metricSeriesSchema),
  // A finished run's curves do not change; a running one is refetched when the run is.
  staleTime: 30_000,
});

/** One metric's curve for each of several runs (the overlaid curves of a compare, or one run's chart). */
export function useMetricSeries(runIds: readonly string[], key: string | null) {
  return useQueries({
    queries: runIds.map((id) => ({ ...metricSeriesQuery(id, key ?? ''), enabled: key !== null })),
  });
}

export function useCompare(ids: readonly string[]) {
  return useQuery({
    queryKey: [...MODELS_QUERY_KEY, 'compare', ids],
    queryFn: () => api.request('/runs/compare', runCompareSchema, { query: { ids: ids.join(',') } }),
    enabled: ids.length >= 2,
  });
}

export function useRegisteredModels() {
  return useQuery({
    queryKey: [...MODELS_QUERY_KEY, 'registry'],
    queryFn: () => api.request('/models', modelListSchema),
  });
}

export function useModelDetail(name: string | null) {
  return useQuery({
    queryKey: [...MODELS_QUERY_KEY, 'registry', name],
    queryFn: () => api.request(`/models/${seg(name!)}`, modelDetailSchema),
    enabled: name !== null,
  });
}

export type RegistryChange =
  | { kind: 'alias'; model: string; alias: string; version: number; reason: string }
  | { kind: 'archive'; model: string; version: number; reason: string };

/** Promote / roll back (move an alias) or archive; the answer is the model's new detail. */
export function useRegistryChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: RegistryChange) =>
      change.kind === 'alias'
        ? api.request(`/models/${seg(change.model)}/aliases/${seg(change.alias)}`, modelDetailSchema, {
            method: 'POST',
            body: { version: change.version, reason: change.reason },
          })
        : api.request(`/models/${seg(change.model)}/versions/${change.version}/archive`, modelDetailSchema, {
            method: 'POST',
            body: { reason: change.reason },
          }),
    onSuccess: (detail) => {
      queryClient.setQueryData([...MODELS_QUERY_KEY, 'registry', detail.name], detail);
      void queryClient.invalidateQueries({ queryKey: [...MODELS_QUERY_KEY, 'registry'], exact: true });
      // Forecasts are served by the champion: the Forecasts page must ask again.
      void queryClient.invalidateQueries({ queryKey: ['forecasts'] });
    },
  });
}

/**
 * Downloads an artifact's bytes with the session's token (a plain link would carry none), refreshing once
 * on 401 like every other request, and hands them to the browser as a file.
 */
export async function downloadArtifact(runId: string, name: string): Promise<void> {
  const url = api.url(`/runs/${seg(runId)}/artifacts/${name.split('/').map(seg).join('/')}`);
  const get = () => {
    const token = session.accessToken();
    return window.fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  };
  let response = await get();
  if (response.status === 401 && (await api.refresh())) response = await get();
  if (!response.ok) throw toApiError(await toRawResponse(response));
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name.split('/').pop() ?? 'artifact';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 0);
}

/** Details of several runs (the run list's key-metric columns); finished runs never change. */
export function useRunDetails(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: [...MODELS_QUERY_KEY, 'run', id],
      queryFn: () => api.request(`/runs/${seg(id)}`, runDetailSchema),
      staleTime: 30_000,
    })),
  });
}
