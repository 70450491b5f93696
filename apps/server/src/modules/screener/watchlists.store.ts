import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { watchlistSymbols, watchlists } from '../../db/schema';

export type WatchlistRow = typeof watchlists.$inferSelect;
export interface WatchlistWithSymbols extends WatchlistRow {
  symbols: { symbol: string; addedAt: Date }[];
}

export async function insertWatchlist(
  orm: Orm,
  row: { userId: string; name: string },
  symbols: readonly string[],
): Promise<WatchlistRow> {
  return orm.transaction(async (tx) => {
    const [created] = await tx.insert(watchlists).values(row).returning();
    if (symbols.length > 0) {
      await tx
        .insert(watchlistSymbols)
        .values(symbols.map((symbol) => ({ watchlistId: created!.id, symbol })))
        .onConflictDoNothing();
    }
    return created!;
  });
}

/** A user's watchlists with their symbols (oldest added first), by name. */
export async function listWatchlists(orm: Orm, userId: string, id?: string): Promise<WatchlistWithSymbols[]> {
  const lists = await orm
    .select()
    .from(watchlists)
    .where(and(eq(watchlists.userId, userId), id === undefined ? undefined : eq(watchlists.id, id)))
    .orderBy(asc(watchlists.name));
  if (lists.length === 0) return [];
  const symbols = await orm
    .select()
    .from(watchlistSymbols)
    .where(
      inArray(
        watchlistSymbols.watchlistId,
        lists.map((l) => l.id),
      ),
    )
    .orderBy(asc(watchlistSymbols.addedAt), asc(watchlistSymbols.symbol));
  return lists.map((l) => ({
    ...l,
    symbols: symbols.filter((s) => s.watchlistId === l.id).map((s) => ({ symbol: s.symbol, addedAt: s.addedAt })),
  }));
}

export async function renameWatchlist(orm: Orm, id: string, userId: string, name: string): Promise<boolean> {
  const rows = await orm
    .update(watchlists)
    .set({ name })
    .where(and(eq(watchlists.id, id), eq(watchlists.userId, userId)))
    .returning({ id: watchlists.id });
  return rows.length > 0;
}

export async function deleteWatchlist(orm: Orm, id: string, userId: string): Promise<boolean> {
  const rows = await orm
    .delete(watchlists)
    .where(and(eq(watchlists.id, id), eq(watchlists.userId, userId)))
    .returning({ id: watchlists.id });
  return rows.length > 0;
}

export async function addSymbols(orm: Orm, watchlistId: string, symbols: readonly string[]): Promise<void> {
  await orm
    .insert(watchlistSymbols)
    .values(symbols.map((symbol) => ({ watchlistId, symbol })))
    .onConflictDoNothing();
}

export async function removeSymbol(orm: Orm, watchlistId: string, symbol: string): Promise<boolean> {
  const rows = await orm
    .delete(watchlistSymbols)
    .where(and(eq(watchlistSymbols.watchlistId, watchlistId), eq(watchlistSymbols.symbol, symbol)))
    .returning({ symbol: watchlistSymbols.symbol });
  return rows.length > 0;
}

/** Every symbol on any watchlist (the price job fetches these first). */
export async function watchedSymbols(orm: Orm): Promise<string[]> {
  const rows = await orm
    .selectDistinct({ symbol: watchlistSymbols.symbol })
    .from(watchlistSymbols)
    .orderBy(asc(watchlistSymbols.symbol));
  return rows.map((r) => r.symbol);
}
