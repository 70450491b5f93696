import type { NotificationChannel } from '@marketlens/contracts';
import type { ChannelRow } from './channels.store';

// A channel row as its owner sees it: the target spread into kind-specific fields, the secret and the
// verification token never included.

export function toChannelDto(row: ChannelRow): NotificationChannel {
  const base = {
    id: row.id,
    label: row.label,
    verified: row.verified,
    mutedUntil: row.mutedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
  const target = row.target as { chatId?: string; username?: string; address?: string; url?: string };
  if (row.kind === 'telegram') {
    return { ...base, kind: 'telegram', chatId: target.chatId ?? '', username: target.username ?? null };
  }
  if (row.kind === 'email') return { ...base, kind: 'email', address: target.address ?? '' };
  return { ...base, kind: 'webhook', url: target.url ?? '' };
}
