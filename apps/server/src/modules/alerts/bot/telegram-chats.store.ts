import { and, desc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../../../db/database';
import { notificationChannels, users } from '../../../db/schema';

// The bot's view of notification_channels: which user a Telegram chat is linked to, and its mute.

export interface ChatLinkRow {
  channelId: string;
  userId: string;
  email: string;
  role: (typeof users.$inferSelect)['role'];
  mutedUntil: Date | null;
}

const columns = {
  channelId: notificationChannels.id,
  userId: users.id,
  email: users.email,
  role: users.role,
  mutedUntil: notificationChannels.mutedUntil,
};

/**
 * The verified telegram channel of this chat whose user is enabled (the newest, should two accounts have linked
 * the same chat); undefined for a chat nobody linked or whose user was disabled.
 */
export async function findChatLink(orm: Orm, chatId: string): Promise<ChatLinkRow | undefined> {
  const [row] = await orm
    .select(columns)
    .from(notificationChannels)
    .innerJoin(users, eq(users.id, notificationChannels.userId))
    .where(
      and(
        eq(notificationChannels.kind, 'telegram'),
        eq(notificationChannels.verified, true),
        sql`${notificationChannels.target}->>'chatId' = ${chatId}`,
        eq(users.disabled, false),
      ),
    )
    .orderBy(desc(notificationChannels.createdAt), desc(notificationChannels.id))
    .limit(1);
  return row;
}

/** One channel with its user, if that user is enabled (the chat just linked by /start). */
export async function findChannelLink(orm: Orm, channelId: string): Promise<ChatLinkRow | undefined> {
  const [row] = await orm
    .select(columns)
    .from(notificationChannels)
    .innerJoin(users, eq(users.id, notificationChannels.userId))
    .where(and(eq(notificationChannels.id, channelId), eq(users.disabled, false)));
  return row;
}

/**
 * /mute and /unmute: deliveries to the channel go out without sound until then (null: from now on with sound).
 * The end is computed on the database clock, like every other expiry here.
 */
export async function setChannelMutedUntil(orm: Orm, channelId: string, minutes: number | null): Promise<Date | null> {
  const [row] = await orm
    .update(notificationChannels)
    .set({ mutedUntil: minutes === null ? null : sql`now() + ${`${minutes} minutes`}::interval` })
    .where(eq(notificationChannels.id, channelId))
    .returning({ mutedUntil: notificationChannels.mutedUntil });
  return row?.mutedUntil ?? null;
}
