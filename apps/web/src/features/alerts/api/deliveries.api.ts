import { deliveryListSchema, deliveryRetriedSchema, type DeliveryStatus } from '@marketlens/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { ALERTS_QUERY_KEY } from './channels.api';

const DELIVERIES_KEY = [...ALERTS_QUERY_KEY, 'deliveries'] as const;
/** The log follows the dispatcher (it polls every second) closely enough to watch a send happen. */
export const DELIVERY_REFRESH_MS = 3000;
const DELIVERY_LIMIT = 100;

/** Newest first: the caller's own deliveries, or everyone's for an admin. */
export function useDeliveries(status: DeliveryStatus | null) {
  return useQuery({
    queryKey: [...DELIVERIES_KEY, status],
    queryFn: () =>
      api.request('/notifications/deliveries', deliveryListSchema, {
        query: { status: status ?? undefined, limit: DELIVERY_LIMIT },
      }),
    refetchInterval: DELIVERY_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** Admins: send a dead-lettered delivery again. */
export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      api.request(`/notifications/deliveries/${id}/retry`, deliveryRetriedSchema, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: DELIVERIES_KEY }),
  });
}
