import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { deliveries, notificationChannels, outbox } from '../../db/schema';
import { writeOutbox } from '../../notify/outbox';

// The delivery log as users and admins read it, and the one delivery a "send test" writes directly.

type DeliveryColumns = typeof deliveries.$inferSelect;
export type DeliveryStatus = DeliveryColumns['status'];

export interface DeliveryLogRow {
  id: number;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  dueAt: Date;
  channelId: string;
  channelKind: (typeof notificationChannels.$inferSelect)['kind'];
  channelLabel: string;
  topic: string;
  payload: unknown;
}

export interface DeliveryLogFilter {
  /** Only deliveries to this user's channels; undefined: everyone's (admins). */
  userId?: string;
  status?: DeliveryStatus;
  channelId?: string;
  limit: number;
}

/** Newest first. */
export async function listDeliveries(orm: Orm, filter: DeliveryLogFilter): Promise<DeliveryLogRow[]> {
  const conditions: SQL[] = [];
  if (filter.userId !== undefined) conditions.push(eq(notificationChannels.userId, filter.userId));
  if (filter.status !== undefined) conditions.push(eq(deliveries.status, filter.status));
  if (filter.channelId !== undefined) conditions.push(eq(deliveries.channelId, filter.channelId));
  return orm
    .select({
      id: deliveries.id,
      status: deliveries.status,
      attempts: deliveries.attempts,
      lastError: deliveries.lastError,
      createdAt: deliveries.createdAt,
      sentAt: deliveries.sentAt,
      dueAt: deliveries.dueAt,
      channelId: deliveries.channelId,
      channelKind: notificationChannels.kind,
      channelLabel: notificationChannels.label,
      topic: outbox.topic,
      payload: outbox.payload,
    })
    .from(deliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, deliveries.channelId))
    .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
    .where(and(...conditions))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(filter.limit);
}

export async function deliveryStatus(orm: Orm, id: number): Promise<DeliveryStatus | undefined> {
  const [row] = await orm.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.id, id));
  return row?.status;
}

/**
 * An event addressed to one channel, bypassing subscriptions (a "send test"): the outbox row and its single
 * delivery in one transaction, the event marked routed at once since its only recipient is known.
 * Returns the delivery id.
 */
export async function writeDirectDelivery(
  orm: Orm,
  event: { idempotencyKey: string; topic: string; payload: Record<string, unknown> },
  channelId: string,
): Promise<number> {
  return orm.transaction(async (tx) => {
    if (!(await writeOutbox(tx, event))) {
      throw new Error(`writeDirectDelivery: outbox key ${event.idempotencyKey} exists already`);
    }
    const [written] = await tx
      .update(outbox)
      .set({ status: 'routed', sentAt: sql`now()` })
      .where(eq(outbox.idempotencyKey, event.idempotencyKey))
      .returning({ id: outbox.id });
    if (!written) throw new Error(`writeDirectDelivery: outbox row ${event.idempotencyKey} vanished`);
    const [delivery] = await tx
      .insert(deliveries)
      .values({ outboxId: written.id, channelId, idempotencyKey: `${event.idempotencyKey}|${channelId}` })
      .returning({ id: deliveries.id });
    if (!delivery) throw new Error('writeDirectDelivery: the delivery insert returned no row');
    return delivery.id;
  });
}
