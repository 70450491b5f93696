import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { telegramLinkCodes } from '../../db/schema';

// One-time codes that link a Telegram chat to a user. Expiry is computed and checked on the database clock, so
// API and bot processes with drifting clocks agree.

export async function insertLinkCode(orm: Orm, userId: string, codeHash: string, minutes: number): Promise<Date> {
  const [row] = await orm
    .insert(telegramLinkCodes)
    .values({ userId, codeHash, expiresAt: sql`now() + ${`${minutes} minutes`}::interval` })
    .returning({ expiresAt: telegramLinkCodes.expiresAt });
  if (!row) throw new Error('insertLinkCode: the insert returned no row');
  return row.expiresAt;
}

/**
 * Uses a code: one statement marks it used only if it is unused and unexpired, so two chats racing with the
 * same code cannot both win. Returns the code's user, or undefined when it was not usable.
 */
export async function consumeLinkCode(orm: Orm, codeHash: string): Promise<string | undefined> {
  const [row] = await orm
    .update(telegramLinkCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(telegramLinkCodes.codeHash, codeHash),
        isNull(telegramLinkCodes.usedAt),
        gt(telegramLinkCodes.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: telegramLinkCodes.userId });
  return row?.userId;
}

/** Why a code was not usable: it was used, or it expired (undefined: no such code). */
export async function linkCodeState(orm: Orm, codeHash: string): Promise<'used' | 'expired' | undefined> {
  const [row] = await orm
    .select({ usedAt: telegramLinkCodes.usedAt })
    .from(telegramLinkCodes)
    .where(eq(telegramLinkCodes.codeHash, codeHash));
  if (!row) return undefined;
  return row.usedAt ? 'used' : 'expired';
}
