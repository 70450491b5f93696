import { systemInfoSchema } from '@marketlens/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';

export function useSystemInfo() {
  return useQuery({
    queryKey: ['system'],
    queryFn: () => api.request('/system', systemInfoSchema),
    staleTime: 5 * 60_000,
  });
}
