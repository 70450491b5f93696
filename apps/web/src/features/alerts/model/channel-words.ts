import type { ChannelKind, DeliveryStatus, NotificationChannel } from '@marketlens/contracts';
import type { BadgeTone } from '../../../shared/ui/badge';

export const CHANNEL_KIND_LABELS: Readonly<Record<ChannelKind, string>> = {
  telegram: 'Telegram',
  email: 'Email',
  webhook: 'Webhook',
};

/** Where a channel sends to: the chat, the address or the URL. */
export function channelTarget(channel: NotificationChannel): string {
  switch (channel.kind) {
    case 'telegram':
      return channel.username ? `@${channel.username} (chat ${channel.chatId})` : `chat ${channel.chatId}`;
    case 'email':
      return channel.address;
    case 'webhook':
      return channel.url;
  }
}

/** Ids of the Telegram chats in a channel list, to notice the one the bot has just linked. */
export function telegramChannelIds(channels: readonly NotificationChannel[]): Set<string> {
  return new Set(channels.filter((c) => c.kind === 'telegram').map((c) => c.id));
}

export const DELIVERY_STATUS_TONES: Readonly<Record<DeliveryStatus, BadgeTone>> = {
  pending: 'info',
  sending: 'info',
  held: 'neutral',
  sent: 'success',
  digested: 'success',
  dead: 'danger',
};
