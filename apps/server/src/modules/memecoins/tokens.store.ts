import { asc, count, eq } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { memeTokens, socialPosts, tokenTransfers } from '../../db/schema';

export type TokenRow = typeof memeTokens.$inferSelect;
export type NewTokenRow = typeof memeTokens.$inferInsert;

/** Inserts a token; false when the address is already watched (the row is left as it was). */
export async function insertToken(orm: Orm, row: NewTokenRow): Promise<boolean> {
  const inserted = await orm.insert(memeTokens).values(row).onConflictDoNothing().returning({ a: memeTokens.address });
  return inserted.length > 0;
}

export async function findToken(orm: Orm, address: string): Promise<TokenRow | undefined> {
  const [row] = await orm.select().from(memeTokens).where(eq(memeTokens.address, address));
  return row;
}

export async function listTokens(orm: Orm): Promise<TokenRow[]> {
  return orm.select().from(memeTokens).orderBy(asc(memeTokens.symbol));
}

export async function updateToken(orm: Orm, address: string, patch: Partial<NewTokenRow>): Promise<void> {
  await orm.update(memeTokens).set(patch).where(eq(memeTokens.address, address));
}

/** Transfers and posts stored per token (of one token when `address` is given), for the list and detail. */
export async function tokenCounts(
  orm: Orm,
  address?: string,
): Promise<Map<string, { transfers: number; posts: number }>> {
  const [transfers, posts] = await Promise.all([
    orm
      .select({ token: tokenTransfers.token, n: count() })
      .from(tokenTransfers)
      .where(address === undefined ? undefined : eq(tokenTransfers.token, address))
      .groupBy(tokenTransfers.token),
    orm
      .select({ token: socialPosts.token, n: count() })
      .from(socialPosts)
      .where(address === undefined ? undefined : eq(socialPosts.token, address))
      .groupBy(socialPosts.token),
  ]);
  const counts = new Map<string, { transfers: number; posts: number }>();
  const entry = (token: string) => {
    let e = counts.get(token);
    if (!e) counts.set(token, (e = { transfers: 0, posts: 0 }));
    return e;
  };
  for (const r of transfers) entry(r.token).transfers = Number(r.n);
  for (const r of posts) entry(r.token).posts = Number(r.n);
  return counts;
}
