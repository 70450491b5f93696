import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { refreshTokens } from '../../db/schema';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function insertRefreshToken(
  orm: Orm,
  values: { id?: string; userId: string; tokenHash: string; familyId: string; expiresAt: Date },
): Promise<RefreshTokenRow> {
  const [row] = await orm.insert(refreshTokens).values(values).returning();
  if (!row) throw new Error('INSERT INTO refresh_tokens returned no row');
  return row;
}

/**
 * Marks a live token as used and replaced, in one statement. The `revoked_at IS NULL` condition makes
 * it race-safe: of two concurrent calls with the same token, the second waits for the first's row lock,
 * re-checks the condition, and gets no row.
 */
export async function consumeRefreshToken(
  orm: Orm,
  tokenHash: string,
  replacedBy: string,
): Promise<RefreshTokenRow | undefined> {
  const [row] = await orm
    .update(refreshTokens)
    .set({ revokedAt: sql`now()`, replacedBy })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, sql`now()`),
      ),
    )
    .returning();
  return row;
}

export async function findRefreshToken(orm: Orm, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await orm.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

/** Revokes every still-live token of a family; returns how many were live. */
export async function revokeFamily(orm: Orm, familyId: string): Promise<number> {
  const rows = await orm
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}

/** Ends every session of a user (disabled, password reset). */
export async function revokeUserRefreshTokens(orm: Orm, userId: string): Promise<number> {
  const rows = await orm
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}
