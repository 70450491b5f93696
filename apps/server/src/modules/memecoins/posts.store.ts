import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { socialPosts } from '../../db/schema';

export type PostRow = typeof socialPosts.$inferSelect;
export type NewPostRow = typeof socialPosts.$inferInsert;

const CHUNK = 1_000;

/** Stores scored posts; a (source, id) already stored for the token is skipped. Returns how many were new. */
export async function insertPosts(orm: Orm, rows: readonly NewPostRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return orm.transaction(async (tx) => {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const result = await tx
        .insert(socialPosts)
        .values(rows.slice(i, i + CHUNK))
        .onConflictDoNothing()
        .returning({ id: socialPosts.id });
      inserted += result.length;
    }
    return inserted;
  });
}

/** Posts of a token in time order within [from, to) (either end open when not given). */
export async function loadPosts(orm: Orm, token: string, range: { from?: Date; to?: Date } = {}): Promise<PostRow[]> {
  return orm
    .select()
    .from(socialPosts)
    .where(
      and(
        eq(socialPosts.token, token),
        range.from ? gte(socialPosts.postedAt, range.from) : undefined,
        range.to ? lt(socialPosts.postedAt, range.to) : undefined,
      ),
    )
    .orderBy(asc(socialPosts.postedAt), asc(socialPosts.id));
}

/** Newest first, strictly before `before` when given (keyset paging). */
export async function pagePosts(
  orm: Orm,
  token: string,
  page: { limit: number; before?: Date | undefined },
): Promise<PostRow[]> {
  return orm
    .select()
    .from(socialPosts)
    .where(and(eq(socialPosts.token, token), page.before ? lt(socialPosts.postedAt, page.before) : undefined))
    .orderBy(desc(socialPosts.postedAt), desc(socialPosts.id))
    .limit(page.limit);
}
