import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { notificationChannels, type ChannelTargetColumn } from '../../db/schema';

// Channel rows. Every read and write of a user's channel names the owner in its WHERE clause, so a channel of
// another user is simply not found.

export type ChannelRow = typeof notificationChannels.$inferSelect;
type ChannelKind = ChannelRow['kind'];

export async function listChannels(orm: Orm, userId: string): Promise<ChannelRow[]> {
  return orm
    .select()
    .from(notificationChannels)
    .where(eq(notificationChannels.userId, userId))
    .orderBy(asc(notificationChannels.createdAt), asc(notificationChannels.id));
}

export async function findOwnChannel(orm: Orm, userId: string, id: string): Promise<ChannelRow | undefined> {
  const [row] = await orm
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.id, id), eq(notificationChannels.userId, userId)));
  return row;
}

/**
 * The user's channel of this kind whose target field `field` equals `value`: an email address (compared
 * case-insensitively), a webhook URL or a Telegram chat id.
 */
export async function findChannelByTarget(
  orm: Orm,
  userId: string,
  kind: ChannelKind,
  field: 'address' | 'url' | 'chatId',
  value: string,
): Promise<ChannelRow | undefined> {
  const matches =
    field === 'address'
      ? sql`lower(${notificationChannels.target}->>'address') = lower(${value})`
      : sql`${notificationChannels.target}->>${field} = ${value}`;
  const [row] = await orm
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.userId, userId), eq(notificationChannels.kind, kind), matches))
    .limit(1);
  return row;
}

export interface NewChannel {
  userId: string;
  kind: ChannelKind;
  label: string;
  target: ChannelTargetColumn;
  secret?: string;
  verified: boolean;
  /** Email: SHA-256 of the verification link's token, valid for `verifyHours` from now (database clock). */
  verifyTokenHash?: string;
  verifyHours?: number;
}

export async function insertChannel(orm: Orm, channel: NewChannel): Promise<ChannelRow> {
  const { verifyHours, ...values } = channel;
  const [row] = await orm
    .insert(notificationChannels)
    .values({ ...values, ...(verifyHours === undefined ? {} : { verifyExpiresAt: inHours(verifyHours) }) })
    .returning();
  if (!row) throw new Error('insertChannel: the insert returned no row');
  return row;
}

/** A fresh verification token for an unverified email channel (the previous link stops working). */
export async function replaceVerifyToken(
  orm: Orm,
  id: string,
  tokenHash: string,
  verifyHours: number,
): Promise<ChannelRow | undefined> {
  const [row] = await orm
    .update(notificationChannels)
    .set({ verifyTokenHash: tokenHash, verifyExpiresAt: inHours(verifyHours) })
    .where(and(eq(notificationChannels.id, id), eq(notificationChannels.verified, false)))
    .returning();
  return row;
}

/** Follows a verification link: single use (the token is cleared), refused once expired. */
export async function verifyByTokenHash(orm: Orm, tokenHash: string): Promise<ChannelRow | undefined> {
  const [row] = await orm
    .update(notificationChannels)
    .set({ verified: true, verifyTokenHash: null, verifyExpiresAt: null })
    .where(
      and(eq(notificationChannels.verifyTokenHash, tokenHash), gt(notificationChannels.verifyExpiresAt, sql`now()`)),
    )
    .returning();
  return row;
}

export async function tokenHashExists(orm: Orm, tokenHash: string): Promise<boolean> {
  const rows = await orm
    .select({ id: notificationChannels.id })
    .from(notificationChannels)
    .where(eq(notificationChannels.verifyTokenHash, tokenHash));
  return rows.length > 0;
}

/** A Telegram chat linked again by the same user: verified, with the chat's current name. */
export async function relinkTelegramChannel(
  orm: Orm,
  id: string,
  target: ChannelTargetColumn,
  label: string,
): Promise<void> {
  await orm.update(notificationChannels).set({ target, label, verified: true }).where(eq(notificationChannels.id, id));
}

export async function deleteOwnChannel(orm: Orm, userId: string, id: string): Promise<boolean> {
  const rows = await orm
    .delete(notificationChannels)
    .where(and(eq(notificationChannels.id, id), eq(notificationChannels.userId, userId)))
    .returning({ id: notificationChannels.id });
  return rows.length > 0;
}

const inHours = (hours: number) => sql`now() + ${`${hours} hours`}::interval`;
