import {
  apiKeyListSchema,
  createdApiKeySchema,
  okResponseSchema,
  type CreateApiKeyRequest,
} from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';

const API_KEYS_QUERY_KEY = ['api-keys'] as const;

export function useApiKeys() {
  return useQuery({ queryKey: API_KEYS_QUERY_KEY, queryFn: () => api.request('/api-keys', apiKeyListSchema) });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyRequest) => api.request('/api-keys', createdApiKeySchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: API_KEYS_QUERY_KEY }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(`/api-keys/${encodeURIComponent(id)}`, okResponseSchema, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: API_KEYS_QUERY_KEY }),
  });
}
