import { channelKindSchema } from '@marketlens/contracts';
import type { AppContext } from '../context';
import { pendingDeliveryStats } from './deliveries.store';

/**
 * Deliveries waiting and the age of the oldest, per channel, read at each scrape so every role reports the
 * same and a channel with nothing waiting reports 0 (an absent series would never clear NotificationsStuck).
 */
export async function refreshNotificationGauges(ctx: AppContext): Promise<void> {
  const stats = await pendingDeliveryStats(ctx.db.orm);
  for (const channel of channelKindSchema.options) {
    const row = stats.find((s) => s.kind === channel);
    ctx.metrics.notificationsPending.set({ channel }, row?.pending ?? 0);
    ctx.metrics.notificationsOldestPendingAge.set({ channel }, row?.oldestAgeSeconds ?? 0);
  }
}

export function clearNotificationGauges(ctx: AppContext): void {
  ctx.metrics.notificationsPending.reset();
  ctx.metrics.notificationsOldestPendingAge.reset();
}
