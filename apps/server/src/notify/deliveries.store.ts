import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Orm } from '../db/database';
import { deliveries, notificationChannels, outbox, subscriptions, users, type ChannelTargetColumn } from '../db/schema';
import type { AudienceKey } from './notification-topics';

// The delivery rows' life: routed from the outbox (one per event and channel), claimed with a lease, then
// sent, rescheduled or dead-lettered. Claims use FOR UPDATE SKIP LOCKED, so dispatchers in several processes
// never take the same row; PGlite runs the same SQL on its one connection.

export interface PendingEvent {
  id: number;
  idempotencyKey: string;
  topic: string;
  payload: Record<string, unknown>;
}

/** The oldest outbox events not yet routed, locked for this transaction. */
export async function lockPendingEvents(tx: Orm, limit: number): Promise<PendingEvent[]> {
  const rows = await tx
    .select({ id: outbox.id, idempotencyKey: outbox.idempotencyKey, topic: outbox.topic, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.availableAt, sql`now()`)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return rows.map((r) => ({ ...r, payload: (r.payload ?? {}) as Record<string, unknown> }));
}

export interface Recipient {
  channelId: string;
  subscriptionId: string;
  silent: boolean;
  /** Held for the channel's daily digest instead of sent now. */
  digest: boolean;
}

const ROLES_FROM: Record<'viewer' | 'analyst' | 'admin', Array<'viewer' | 'analyst' | 'admin'>> = {
  viewer: ['viewer', 'analyst', 'admin'],
  analyst: ['analyst', 'admin'],
  admin: ['admin'],
};

/**
 * The channels an event goes to: every subscription matching one of its keys that is not `off`, on a
 * verified channel of an enabled user whose role may read the event. A channel matched twice (a strategy and
 * its symbol) gets one delivery, silent only if every matching subscription is, held for
 * the digest only if every one is a digest subscription.
 */
export async function recipientsOf(
  tx: Orm,
  keys: readonly AudienceKey[],
  readRole: 'viewer' | 'analyst' | 'admin',
): Promise<Recipient[]> {
  if (keys.length === 0) return [];
  const matches = or(...keys.map((k) => and(eq(subscriptions.source, k.source), eq(subscriptions.sourceRef, k.ref))));
  const rows = await tx
    .select({
      channelId: subscriptions.channelId,
      subscriptionId: subscriptions.id,
      level: subscriptions.level,
      mode: subscriptions.mode,
    })
    .from(subscriptions)
    .innerJoin(notificationChannels, eq(notificationChannels.id, subscriptions.channelId))
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .where(
      and(
        matches,
        inArray(subscriptions.level, ['on', 'silent']),
        eq(notificationChannels.verified, true),
        eq(users.disabled, false),
        inArray(users.role, ROLES_FROM[readRole]),
      ),
    )
    .orderBy(asc(subscriptions.createdAt));
  const byChannel = new Map<string, Recipient>();
  for (const row of rows) {
    const known = byChannel.get(row.channelId);
    const digest = row.mode === 'digest';
    if (known) {
      known.silent &&= row.level === 'silent';
      known.digest &&= digest;
    } else {
      byChannel.set(row.channelId, {
        channelId: row.channelId,
        subscriptionId: row.subscriptionId,
        silent: row.level === 'silent',
        digest,
      });
    }
  }
  return [...byChannel.values()];
}

/** One delivery per recipient (a repeat routing inserts nothing), then the event is marked routed. */
export async function routeEvent(tx: Orm, event: PendingEvent, recipients: readonly Recipient[]): Promise<number> {
  let created = 0;
  if (recipients.length > 0) {
    const rows = await tx
      .insert(deliveries)
      .values(
        recipients.map((r) => ({
          outboxId: event.id,
          channelId: r.channelId,
          subscriptionId: r.subscriptionId,
          idempotencyKey: `${event.idempotencyKey}|${r.channelId}`,
          silent: r.silent,
          status: r.digest ? ('held' as const) : ('pending' as const),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: deliveries.id });
    created = rows.length;
  }
  await tx
    .update(outbox)
    .set({ status: 'routed', sentAt: sql`now()` })
    .where(eq(outbox.id, event.id));
  return created;
}

/** An event no topic definition knows: kept, marked dead with the reason, visible to admins. */
export async function markEventDead(tx: Orm, id: number, error: string): Promise<void> {
  await tx.update(outbox).set({ status: 'dead', lastError: error }).where(eq(outbox.id, id));
}

export interface ClaimedDelivery {
  id: number;
  idempotencyKey: string;
  attempts: number;
  silent: boolean;
  channelId: string;
  kind: 'telegram' | 'email' | 'webhook';
  target: ChannelTargetColumn;
  secret: string | null;
  mutedUntil: Date | null;
  topic: string;
  payload: Record<string, unknown>;
  eventAt: Date;
}

/**
 * Claims up to `limit` due deliveries for `leaseMs`: pending ones whose time has come, and `sending` ones whose
 * lease ran out (their dispatcher died mid-send; sending again is the one duplicate a crash may cost).
 * Each claim counts as an attempt.
 */
export async function claimDueDeliveries(orm: Orm, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  const due = orm
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      or(
        and(eq(deliveries.status, 'pending'), lte(deliveries.dueAt, sql`now()`)),
        and(eq(deliveries.status, 'sending'), lte(deliveries.leaseUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(deliveries.dueAt), asc(deliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await orm
    .update(deliveries)
    .set({
      status: 'sending',
      attempts: sql`${deliveries.attempts} + 1`,
      leaseUntil: sql`now() + ${`${Math.round(leaseMs)} milliseconds`}::interval`,
    })
    .where(inArray(deliveries.id, due))
    .returning({ id: deliveries.id });
  if (claimed.length === 0) return [];
  const rows = await orm
    .select({
      id: deliveries.id,
      idempotencyKey: deliveries.idempotencyKey,
      attempts: deliveries.attempts,
      silent: deliveries.silent,
      channelId: deliveries.channelId,
      kind: notificationChannels.kind,
      target: notificationChannels.target,
      secret: notificationChannels.secret,
      mutedUntil: notificationChannels.mutedUntil,
      topic: outbox.topic,
      payload: outbox.payload,
      eventAt: outbox.createdAt,
    })
    .from(deliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, deliveries.channelId))
    .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
    .where(
      inArray(
        deliveries.id,
        claimed.map((c) => c.id),
      ),
    )
    .orderBy(asc(deliveries.dueAt), asc(deliveries.id));
  return rows.map((r) => ({ ...r, payload: (r.payload ?? {}) as Record<string, unknown> }));
}

export async function markSent(orm: Orm, id: number): Promise<void> {
  await orm
    .update(deliveries)
    .set({ status: 'sent', sentAt: sql`now()`, leaseUntil: null, lastError: null })
    .where(eq(deliveries.id, id));
}

/**
 * Back to pending, due in `delayMs`. `countAttempt` false takes back the attempt the claim counted (a rate
 * limiter held it back: nothing was tried).
 */
export async function reschedule(
  orm: Orm,
  id: number,
  delayMs: number,
  error: string | null,
  countAttempt = true,
): Promise<void> {
  await orm
    .update(deliveries)
    .set({
      status: 'pending',
      dueAt: sql`now() + ${`${Math.max(0, Math.round(delayMs))} milliseconds`}::interval`,
      leaseUntil: null,
      ...(error === null ? {} : { lastError: error }),
      ...(countAttempt ? {} : { attempts: sql`${deliveries.attempts} - 1` }),
    })
    .where(eq(deliveries.id, id));
}

export async function markDead(orm: Orm, id: number, error: string): Promise<void> {
  await orm.update(deliveries).set({ status: 'dead', leaseUntil: null, lastError: error }).where(eq(deliveries.id, id));
}

/** An admin's retry of a dead-lettered delivery: pending now, with a fresh count of attempts. */
export async function reviveDead(orm: Orm, id: number): Promise<boolean> {
  const rows = await orm
    .update(deliveries)
    .set({ status: 'pending', attempts: 0, dueAt: sql`now()`, leaseUntil: null })
    .where(and(eq(deliveries.id, id), eq(deliveries.status, 'dead')))
    .returning({ id: deliveries.id });
  return rows.length > 0;
}

/** For the gauges: deliveries waiting (pending or in flight) and the age of the oldest (seconds), per channel. */
export async function pendingDeliveryStats(
  orm: Orm,
): Promise<Array<{ kind: string; pending: number; oldestAgeSeconds: number }>> {
  const rows = await orm
    .select({
      kind: notificationChannels.kind,
      pending: sql<number>`count(*)::int`,
      oldest: sql<number>`coalesce(extract(epoch from (now() - min(${deliveries.createdAt}))), 0)::float8`,
    })
    .from(deliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, deliveries.channelId))
    .where(inArray(deliveries.status, ['pending', 'sending']))
    .groupBy(notificationChannels.kind);
  return rows.map((r) => ({ kind: r.kind, pending: Number(r.pending), oldestAgeSeconds: Number(r.oldest) }));
}
