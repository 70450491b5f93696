import { quotaStatusSchema } from '@marketlens/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { SCREENER_QUERY_KEY } from './screener.api';

/** Today's Alpha Vantage budget; the price job spends it in the background, so it is read again each minute. */
export function useQuotaStatus() {
  return useQuery({
    queryKey: [...SCREENER_QUERY_KEY, 'quota'],
    queryFn: () => api.request('/screener/quota', quotaStatusSchema),
    refetchInterval: 60_000,
  });
}
