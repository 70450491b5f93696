import type { Watchlist } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { isUniqueViolation } from '../../db/unique-violation';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import * as store from './watchlists.store';

// Watchlists belong to one user: another user's id answers 404. Symbols are stored upper-case; any symbol
// may be watched (the price job fetches watched symbols first, so a symbol without bars yet is normal).

const toWatchlist = (row: store.WatchlistWithSymbols): Watchlist => ({
  id: row.id,
  name: row.name,
  symbols: row.symbols.map((s) => ({ symbol: s.symbol, addedAt: s.addedAt.toISOString() })),
  createdAt: row.createdAt.toISOString(),
});

const notFound = (id: string) => new NotFoundError(`Watchlist ${id}`, 'WATCHLIST_NOT_FOUND');
const nameTaken = (name: string) => new ConflictError('WATCHLIST_NAME_TAKEN', `You have a watchlist named "${name}"`);
const upper = (symbols: readonly string[]) => [...new Set(symbols.map((s) => s.trim().toUpperCase()))];

export async function listOwnWatchlists(ctx: AppContext, userId: string): Promise<Watchlist[]> {
  return (await store.listWatchlists(ctx.db.orm, userId)).map(toWatchlist);
}

export async function getOwnWatchlist(ctx: AppContext, userId: string, id: string): Promise<Watchlist> {
  const [row] = await store.listWatchlists(ctx.db.orm, userId, id);
  if (!row) throw notFound(id);
  return toWatchlist(row);
}

export async function createWatchlist(
  ctx: AppContext,
  userId: string,
  input: { name: string; symbols: readonly string[] },
): Promise<Watchlist> {
  try {
    const row = await store.insertWatchlist(ctx.db.orm, { userId, name: input.name }, upper(input.symbols));
    return getOwnWatchlist(ctx, userId, row.id);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function renameWatchlist(ctx: AppContext, userId: string, id: string, name: string): Promise<Watchlist> {
  try {
    if (!(await store.renameWatchlist(ctx.db.orm, id, userId, name))) throw notFound(id);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
  return getOwnWatchlist(ctx, userId, id);
}

export async function deleteWatchlist(ctx: AppContext, userId: string, id: string): Promise<void> {
  if (!(await store.deleteWatchlist(ctx.db.orm, id, userId))) throw notFound(id);
}

export async function addWatchlistSymbols(
  ctx: AppContext,
  userId: string,
  id: string,
  symbols: readonly string[],
): Promise<Watchlist> {
  await getOwnWatchlist(ctx, userId, id);
  await store.addSymbols(ctx.db.orm, id, upper(symbols));
  return getOwnWatchlist(ctx, userId, id);
}

export async function removeWatchlistSymbol(
  ctx: AppContext,
  userId: string,
  id: string,
  symbol: string,
): Promise<Watchlist> {
  await getOwnWatchlist(ctx, userId, id);
  if (!(await store.removeSymbol(ctx.db.orm, id, symbol.toUpperCase()))) {
    throw new NotFoundError(`${symbol.toUpperCase()} on watchlist ${id}`, 'WATCHLIST_SYMBOL_NOT_FOUND');
  }
  return getOwnWatchlist(ctx, userId, id);
}

/** Every watched symbol, for the price job's priority order (watchlists first). */
export async function watchedSymbols(ctx: AppContext): Promise<string[]> {
  return store.watchedSymbols(ctx.db.orm);
}
