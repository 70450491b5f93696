import type { AppContext } from '../../context';
import { NotFoundError } from '../../http/http-errors';
import { requireUniverse } from './snapshots.service';
import { knownInstruments, symbolHistory as readHistory } from './snapshots.store';
import { defaultUniverseId } from './universes.store';

/** The stock drawer: the symbol's row in each snapshot of the universe, oldest first, and where its bars are. */
export async function symbolHistory(ctx: AppContext, rawSymbol: string, query: { universeId?: string; limit: number }) {
  const symbol = rawSymbol.toUpperCase();
  const universeId = query.universeId ?? (await defaultUniverseId(ctx.db.orm));
  if (!universeId) throw new NotFoundError('A universe (import one first)', 'UNIVERSE_NOT_FOUND');
  const universe = await requireUniverse(ctx, universeId);
  const rows = await readHistory(ctx.db.orm, universeId, symbol, query.limit);
  const newest = rows[0]?.row;
  if (!newest) {
    throw new NotFoundError(`${symbol} in any snapshot of universe "${universe.name}"`, 'SYMBOL_NOT_IN_UNIVERSE');
  }
  const hasBars = (await knownInstruments(ctx.db.orm, [symbol])).has(symbol);
  return {
    symbol,
    universeId,
    name: newest.name,
    sector: newest.sector,
    industry: newest.industry,
    points: rows.reverse().map(({ asOf, row }) => ({ asOf, metrics: { marketCap: row.marketCap, ...row.metrics } })),
    barsUrl: hasBars ? `/api/v1/instruments/${encodeURIComponent(symbol)}/bars?timeframe=1d` : null,
  };
}
