import type { Delivery, DeliveryListQuery } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { Principal } from '../../http/access';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import { reviveDead } from '../../notify/deliveries.store';
import { notificationTopics } from '../../notify/notification-topics';
import { deliveryStatus, listDeliveries, type DeliveryLogRow } from './delivery-log.store';

// The delivery log: what was sent where, how many attempts it took and why it failed. Users read their own
// channels' deliveries; admins read everyone's and send dead-lettered ones again.

/** The title the channel got (or will get), rendered from the event as the dispatcher renders it. */
function titleOf(ctx: AppContext, row: DeliveryLogRow): string {
  const topic = notificationTopics(ctx).get(row.topic);
  if (!topic) return row.topic;
  try {
    return topic.render((row.payload ?? {}) as Record<string, unknown>).title;
  } catch {
    return row.topic;
  }
}

function toDeliveryDto(ctx: AppContext, row: DeliveryLogRow): Delivery {
  return {
    id: row.id,
    channel: { id: row.channelId, kind: row.channelKind, label: row.channelLabel },
    topic: row.topic,
    title: titleOf(ctx, row),
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    dueAt: row.dueAt.toISOString(),
  };
}

export async function listDeliveryLog(
  ctx: AppContext,
  principal: Principal,
  query: DeliveryListQuery,
): Promise<Delivery[]> {
  const rows = await listDeliveries(ctx.db.orm, {
    ...(principal.role === 'admin' ? {} : { userId: principal.userId }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.channelId ? { channelId: query.channelId } : {}),
    limit: query.limit,
  });
  return rows.map((row) => toDeliveryDto(ctx, row));
}

/** An admin's retry of a dead-lettered delivery: pending now, attempts counted afresh. */
export async function retryDeadDelivery(ctx: AppContext, id: number): Promise<void> {
  if (await reviveDead(ctx.db.orm, id)) return;
  const status = await deliveryStatus(ctx.db.orm, id);
  if (status === undefined) throw new NotFoundError(`Delivery ${id}`, 'DELIVERY_NOT_FOUND');
  throw new ConflictError(
    'DELIVERY_NOT_DEAD',
    `Delivery ${id} is ${status}, not dead: only dead deliveries are retried`,
  );
}
