import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Role } from '@marketlens/contracts';
import type { Orm } from '../../db/database';
import { apiKeys, users } from '../../db/schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertApiKey(
  orm: Orm,
  values: { userId: string; name: string; prefix: string; keyHash: string; role: Role; expiresAt: Date | null },
): Promise<ApiKeyRow> {
  const [row] = await orm.insert(apiKeys).values(values).returning();
  if (!row) throw new Error('INSERT INTO api_keys returned no row');
  return row;
}

export function listApiKeys(orm: Orm, userId?: string): Promise<ApiKeyRow[]> {
  const query = orm.select().from(apiKeys);
  return (userId === undefined ? query : query.where(eq(apiKeys.userId, userId))).orderBy(desc(apiKeys.createdAt));
}

export async function findApiKeyById(orm: Orm, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await orm.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

/** The key and its owner in one query: authentication needs both (owner disabled? owner's role?). */
export async function findApiKeyWithOwner(orm: Orm, keyHash: string) {
  const [row] = await orm
    .select({
      key: apiKeys,
      owner: { id: users.id, email: users.email, role: users.role, disabled: users.disabled },
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.keyHash, keyHash))
    .limit(1);
  return row;
}

export async function revokeApiKey(orm: Orm, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await orm
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** Writes last_used_at unless it was written within `minIntervalSeconds` (also guards other replicas). */
export async function touchApiKey(orm: Orm, id: string, minIntervalSeconds: number): Promise<void> {
  await orm
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, sql`now() - make_interval(secs => ${minIntervalSeconds})`),
        ),
      ),
    );
}
