import type { ScreenDiff } from '@marketlens/contracts';
import type { ScreenFilter } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../http/http-errors';
import { ownScreen } from './saved-screens.service';
import { snapshotTable, type CachedSnapshot } from './screen-cache';
import { checkSortOrBadRequest, parseFilterOrBadRequest, resolveSnapshot, screenIndices } from './screens.service';
import { latestSnapshot, type SnapshotRow } from './snapshots.store';

/** Ranks need an order: a screen without a sort ranks by the composite score, best first. */
export const DEFAULT_DIFF_SORT = '-score';

export interface DiffQuery {
  universeId?: string;
  from?: string;
  to?: string;
  screenId?: string;
  filter?: string;
  sort?: string;
  movers: number;
}

interface Ranked {
  cached: CachedSnapshot;
  /** symbol -> 1-based rank among the rows that pass the filter. */
  ranks: Map<string, number>;
  /** symbol -> its row, for the rows that pass. */
  rows: Map<string, { name: string | null; sector: string | null }>;
}

function rank(cached: CachedSnapshot, filter: ScreenFilter, sort: string): Ranked {
  const { rows } = screenIndices(cached, filter, sort);
  const ranks = new Map<string, number>();
  const bySymbol: Ranked['rows'] = new Map();
  rows.forEach((index, position) => {
    const row = cached.rows[index]!;
    ranks.set(row.symbol, position + 1);
    bySymbol.set(row.symbol, row);
  });
  return { cached, ranks, rows: bySymbol };
}

/** Two snapshots' results under one screen, compared: entered, left, and the biggest moves in rank. */
export function diffRanked(before: Omit<Ranked, 'cached'>, after: Omit<Ranked, 'cached'>, movers: number) {
  const member = (side: Omit<Ranked, 'cached'>, symbol: string, r: number) => {
    const row = side.rows.get(symbol);
    return { symbol, name: row?.name ?? null, sector: row?.sector ?? null, rank: r };
  };
  const entered = [...after.ranks].filter(([s]) => !before.ranks.has(s)).map(([s, r]) => member(after, s, r));
  const left = [...before.ranks].filter(([s]) => !after.ranks.has(s)).map(([s, r]) => member(before, s, r));
  const moved = [...after.ranks]
    .filter(([s, r]) => before.ranks.has(s) && before.ranks.get(s) !== r)
    .map(([symbol, toRank]) => {
      const fromRank = before.ranks.get(symbol)!;
      const row = after.rows.get(symbol);
      return { symbol, name: row?.name ?? null, fromRank, toRank, change: fromRank - toRank };
    })
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.toRank - b.toRank)
    .slice(0, movers);
  return {
    entered: entered.sort((a, b) => a.rank - b.rank),
    left: left.sort((a, b) => a.rank - b.rank),
    movers: moved,
  };
}

/**
 * GET /screener/diffs: the screen (a saved one of the caller, else filter + sort) run on two snapshots of a
 * universe: `to` (default the latest) and `from` (default the snapshot before `to`).
 */
export async function diffSnapshots(ctx: AppContext, userId: string, query: DiffQuery): Promise<ScreenDiff> {
  const saved = query.screenId ? await ownScreen(ctx, userId, query.screenId) : undefined;
  const filterText = query.filter ?? saved?.filter ?? '';
  const sort = checkSortOrBadRequest(query.sort ?? saved?.sort ?? DEFAULT_DIFF_SORT)!;
  const filter = parseFilterOrBadRequest(filterText);
  const to = await resolveSnapshot(ctx, query.universeId ?? saved?.universeId ?? undefined, query.to);
  const from = await fromSnapshot(ctx, to, query.from);
  const { before, after, ...changes } = await compareSnapshots(ctx, { from, to, filter, sort, movers: query.movers });
  return {
    universeId: to.universeId,
    from: from.asOf,
    to: to.asOf,
    filter: filterText,
    sort,
    screenId: saved?.id ?? null,
    fromTotal: before,
    toTotal: after,
    ...changes,
  };
}

/** One screen on two snapshots: totals, entered, left and movers (the API's diff and screen_change alerts). */
export async function compareSnapshots(
  ctx: AppContext,
  q: { from: SnapshotRow; to: SnapshotRow; filter: ScreenFilter; sort: string; movers: number },
) {
  const before = rank(await snapshotTable(ctx, q.from.id), q.filter, q.sort);
  const after = rank(await snapshotTable(ctx, q.to.id), q.filter, q.sort);
  return { before: before.ranks.size, after: after.ranks.size, ...diffRanked(before, after, q.movers) };
}

async function fromSnapshot(ctx: AppContext, to: SnapshotRow, from: string | undefined): Promise<SnapshotRow> {
  if (from !== undefined) return resolveSnapshot(ctx, to.universeId, from);
  const previous = await latestSnapshot(ctx.db.orm, to.universeId, { before: to.asOf });
  if (!previous) {
    throw new NotFoundError(`A snapshot before ${to.asOf} to compare with (rebuild past dates first)`, 'NO_SNAPSHOT');
  }
  return previous;
}
