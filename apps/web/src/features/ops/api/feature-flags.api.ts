import { featureFlagListSchema, featureFlagSchema, type CreateFeatureFlagRequest } from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { OPS_QUERY_KEY } from './ops-overview.api';

const FLAGS_KEY = [...OPS_QUERY_KEY, 'flags'] as const;

export function useFeatureFlags() {
  return useQuery({ queryKey: FLAGS_KEY, queryFn: () => api.request('/ops/flags', featureFlagListSchema) });
}

/** Every change is audited: the audit log is refreshed with the flags. */
export function useSetFeatureFlag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, enabled }: { key: string; enabled: boolean }) =>
      api.request(`/ops/flags/${encodeURIComponent(key)}`, featureFlagSchema, { method: 'PATCH', body: { enabled } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: OPS_QUERY_KEY }),
  });
}

export function useCreateFeatureFlag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFeatureFlagRequest) =>
      api.request('/ops/flags', featureFlagSchema, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: OPS_QUERY_KEY }),
  });
}
