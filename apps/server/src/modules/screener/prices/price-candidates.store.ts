import { and, eq, sql } from 'drizzle-orm';
import type { Orm } from '../../../db/database';
import { fundamentals, universeListings, universes, watchlistSymbols } from '../../../db/schema';

/** Every symbol on any user's watchlist. */
export async function watchlistedSymbols(orm: Orm): Promise<string[]> {
  const rows = await orm.selectDistinct({ symbol: watchlistSymbols.symbol }).from(watchlistSymbols);
  return rows.map((r) => r.symbol);
}

/** Every symbol some real universe admits (included members; the synthetic demo universe has no provider). */
export async function universeMemberSymbols(orm: Orm): Promise<string[]> {
  const rows = await orm
    .selectDistinct({ symbol: universeListings.symbol })
    .from(universeListings)
    .innerJoin(universes, eq(universes.id, universeListings.universeId))
    .where(and(eq(universeListings.included, true), eq(universes.synthetic, false)));
  return rows.map((r) => r.symbol);
}

/**
 * Merges fields into a symbol's fundamentals from a provider (overview and earnings arrive in separate
 * requests, on different days): new values replace old ones, fields not given are kept.
 */
export async function mergeFundamentals(
  orm: Orm,
  row: { symbol: string; provider: string; data: Record<string, number | string | null>; fetchedAt: Date },
): Promise<void> {
  await orm
    .insert(fundamentals)
    .values(row)
    .onConflictDoUpdate({
      target: [fundamentals.symbol, fundamentals.provider],
      set: { data: sql`${fundamentals.data} || excluded.data`, fetchedAt: sql`excluded.fetched_at` },
    });
}
