import {
  createdChannelSchema,
  notificationChannelListSchema,
  telegramLinkCodeSchema,
  testSendAcceptedSchema,
  type CreateChannelRequest,
  type NotificationChannel,
} from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { noContentSchema } from '../../../shared/api/parse-response';

/** Everything of this page hangs under one key: removing a channel also removes its subscriptions and log. */
export const ALERTS_QUERY_KEY = ['alerts'] as const;
export const CHANNELS_KEY = [...ALERTS_QUERY_KEY, 'channels'] as const;

/** How often the list is asked again while the bot links a chat (it answers within a second or two). */
export const LINK_POLL_MS = 1500;

/** The caller's channels; asked again every LINK_POLL_MS for as long as `pollWhile` says so. */
export function useChannels(pollWhile?: (channels: readonly NotificationChannel[]) => boolean) {
  return useQuery({
    queryKey: CHANNELS_KEY,
    queryFn: () => api.request('/notifications/channels', notificationChannelListSchema),
    refetchInterval: pollWhile
      ? (query) => (pollWhile(query.state.data?.channels ?? []) ? LINK_POLL_MS : false)
      : undefined,
  });
}

/** An email address (a verification link is sent) or a webhook (the answer carries its secret, this once). */
export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelRequest) =>
      api.request('/notifications/channels', createdChannelSchema, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: CHANNELS_KEY }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(`/notifications/channels/${encodeURIComponent(id)}`, noContentSchema, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ALERTS_QUERY_KEY }),
  });
}

/** "MarketLens test notification" to one verified channel; it shows up in the delivery log. */
export function useTestChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(`/notifications/channels/${encodeURIComponent(id)}/test`, testSendAcceptedSchema, {
        method: 'POST',
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...ALERTS_QUERY_KEY, 'deliveries'] }),
  });
}

/** A one-time code (10 minutes) the chat sends to the bot as `/start <code>`. */
export function useTelegramLinkCode() {
  return useMutation({
    mutationFn: () => api.request('/notifications/telegram/link-code', telegramLinkCodeSchema, { method: 'POST' }),
  });
}
