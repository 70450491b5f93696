import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context';
import { deliveries, outbox } from '../db/schema';
import { notificationTopics } from './notification-topics';
import { writeOutbox } from './outbox';

/** Most notifications listed in one digest; more are counted, not listed. */
const MAX_ITEMS = 200;

export interface DigestItem {
  title: string;
  /** When the event happened (ISO-8601). */
  at: string;
}

/**
 * `notify.digest` (daily): gathers each channel's held deliveries (digest subscriptions) into one digest
 * event with its single delivery, and marks them digested, all in one transaction: a crash leaves them held
 * for the next run, never both held and sent. The digest is then delivered like any other notification.
 */
export async function buildDigests(ctx: AppContext, now = new Date()): Promise<{ channels: number; items: number }> {
  const topics = notificationTopics(ctx);
  const day = now.toISOString().slice(0, 10);
  return ctx.db.orm.transaction(async (tx) => {
    const held = await tx
      .select({
        id: deliveries.id,
        channelId: deliveries.channelId,
        topic: outbox.topic,
        payload: outbox.payload,
        at: outbox.createdAt,
      })
      .from(deliveries)
      .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
      .where(eq(deliveries.status, 'held'))
      .orderBy(asc(deliveries.channelId), asc(deliveries.id))
      .for('update', { of: deliveries, skipLocked: true });
    const byChannel = new Map<string, typeof held>();
    for (const row of held) byChannel.set(row.channelId, [...(byChannel.get(row.channelId) ?? []), row]);
    for (const [channelId, rows] of byChannel) {
      const items: DigestItem[] = rows.slice(0, MAX_ITEMS).map((r) => ({
        title:
          topics.get(r.topic)?.render((r.payload ?? {}) as Record<string, unknown>).title ?? `${r.topic} notification`,
        at: r.at.toISOString(),
      }));
      const key = `digest:${channelId}:${day}:${rows[rows.length - 1]!.id}`;
      await writeOutbox(tx, { idempotencyKey: key, topic: 'digest', payload: { day, count: rows.length, items } });
      const [event] = await tx
        .update(outbox)
        .set({ status: 'routed' })
        .where(eq(outbox.idempotencyKey, key))
        .returning({ id: outbox.id });
      await tx
        .insert(deliveries)
        .values({ outboxId: event!.id, channelId, idempotencyKey: `${key}|${channelId}` })
        .onConflictDoNothing();
      await tx
        .update(deliveries)
        .set({ status: 'digested' })
        .where(
          and(
            eq(deliveries.status, 'held'),
            inArray(
              deliveries.id,
              rows.map((r) => r.id),
            ),
          ),
        );
    }
    return { channels: byChannel.size, items: held.length };
  });
}

/** How a digest reads: one line per notification, oldest first, with its time (UTC). */
export function renderDigestEvent(raw: Record<string, unknown>): { title: string; lines: string[]; path: string } {
  const items = (Array.isArray(raw.items) ? raw.items : []) as DigestItem[];
  const count = typeof raw.count === 'number' ? raw.count : items.length;
  const lines = items.map((i) => `${i.at.slice(11, 16)} UTC  ${i.title}`);
  if (count > items.length) lines.push(`... and ${count - items.length} more (see the delivery log)`);
  return {
    title: `MarketLens digest: ${count} notification${count === 1 ? '' : 's'}, ${String(raw.day ?? '')}`,
    lines,
    path: '/alerts',
  };
}
