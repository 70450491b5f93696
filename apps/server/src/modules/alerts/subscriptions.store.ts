import { and, asc, eq } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { notificationChannels, subscriptions } from '../../db/schema';

// Subscription rows, always read and changed through their owner (user_id in every WHERE clause).

type SubscriptionColumns = typeof subscriptions.$inferSelect;
export type SubscriptionLevel = SubscriptionColumns['level'];
export type SubscriptionMode = SubscriptionColumns['mode'];

/** A subscription with the short form of its channel. */
export interface SubscriptionRow {
  id: string;
  source: SubscriptionColumns['source'];
  sourceRef: string;
  level: SubscriptionLevel;
  mode: SubscriptionMode;
  createdAt: Date;
  channelId: string;
  channelKind: (typeof notificationChannels.$inferSelect)['kind'];
  channelLabel: string;
}

const columns = {
  id: subscriptions.id,
  source: subscriptions.source,
  sourceRef: subscriptions.sourceRef,
  level: subscriptions.level,
  mode: subscriptions.mode,
  createdAt: subscriptions.createdAt,
  channelId: subscriptions.channelId,
  channelKind: notificationChannels.kind,
  channelLabel: notificationChannels.label,
};

function selectWithChannel(orm: Orm) {
  return orm
    .select(columns)
    .from(subscriptions)
    .innerJoin(notificationChannels, eq(notificationChannels.id, subscriptions.channelId));
}

export async function listSubscriptions(orm: Orm, userId: string): Promise<SubscriptionRow[]> {
  return selectWithChannel(orm)
    .where(eq(subscriptions.userId, userId))
    .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id));
}

export async function findOwnSubscription(orm: Orm, userId: string, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await selectWithChannel(orm).where(and(eq(subscriptions.id, id), eq(subscriptions.userId, userId)));
  return row;
}

/** Inserts; a second subscription of the channel to the same source violates the unique index (23505). */
export async function insertSubscription(
  orm: Orm,
  row: Pick<SubscriptionColumns, 'userId' | 'channelId' | 'source' | 'sourceRef' | 'level' | 'mode'>,
): Promise<string> {
  const [created] = await orm.insert(subscriptions).values(row).returning({ id: subscriptions.id });
  if (!created) throw new Error('insertSubscription: the insert returned no row');
  return created.id;
}

export async function updateOwnSubscription(
  orm: Orm,
  userId: string,
  id: string,
  patch: { level?: SubscriptionLevel; mode?: SubscriptionMode },
): Promise<boolean> {
  const rows = await orm
    .update(subscriptions)
    .set(patch)
    .where(and(eq(subscriptions.id, id), eq(subscriptions.userId, userId)))
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

export async function deleteOwnSubscription(orm: Orm, userId: string, id: string): Promise<boolean> {
  const rows = await orm
    .delete(subscriptions)
    .where(and(eq(subscriptions.id, id), eq(subscriptions.userId, userId)))
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}
