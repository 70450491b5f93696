import {
  subscriptionListSchema,
  subscriptionSchema,
  type CreateSubscriptionRequest,
  type UpdateSubscriptionRequest,
} from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { noContentSchema } from '../../../shared/api/parse-response';
import { ALERTS_QUERY_KEY } from './channels.api';

const SUBSCRIPTIONS_KEY = [...ALERTS_QUERY_KEY, 'subscriptions'] as const;

export function useSubscriptions() {
  return useQuery({
    queryKey: SUBSCRIPTIONS_KEY,
    queryFn: () => api.request('/notifications/subscriptions', subscriptionListSchema),
  });
}

/** The request as the form builds it: level and mode may be left to the server's defaults. */
export type NewSubscription = Omit<CreateSubscriptionRequest, 'level' | 'mode'> &
  Partial<Pick<CreateSubscriptionRequest, 'level' | 'mode'>>;

export function useCreateSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSubscription) =>
      api.request('/notifications/subscriptions', subscriptionSchema, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY }),
  });
}

export function useUpdateSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateSubscriptionRequest & { id: string }) =>
      api.request(`/notifications/subscriptions/${encodeURIComponent(id)}`, subscriptionSchema, {
        method: 'PATCH',
        body,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY }),
  });
}

export function useDeleteSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(`/notifications/subscriptions/${encodeURIComponent(id)}`, noContentSchema, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY }),
  });
}
