import type { Watchlist } from '@marketlens/contracts';
import { ApiError } from '../../../shared/api/api-error';

interface RequestOptions {
  method?: string;
  body?: { name?: string; symbols?: string[] };
}

const AT = '2025-01-10T12:00:00.000Z';

/**
 * The watchlist routes of the server in memory, answering `api.request` as the server would (the changed
 * watchlist, 204 as null, 409 for a name taken), so component tests follow the cache through real answers.
 */
export function fakeWatchlistsApi(initial: Watchlist[]) {
  let lists = structuredClone(initial);
  let nextId = 1;
  const find = (id: string) => {
    const list = lists.find((w) => w.id === id);
    if (!list) throw new ApiError(404, 'WATCHLIST_NOT_FOUND', `Watchlist ${id} not found`);
    return list;
  };
  const request = async (path: string, _schema: unknown, options: RequestOptions = {}): Promise<unknown> => {
    const method = options.method ?? 'GET';
    const [, , , id, , symbol] = path.split('/').map(decodeURIComponent);
    if (method === 'GET' && !id) return { watchlists: structuredClone(lists) };
    if (method === 'POST' && !id) {
      const name = options.body!.name!;
      if (lists.some((w) => w.name === name)) {
        throw new ApiError(409, 'WATCHLIST_NAME_TAKEN', `You have a watchlist named "${name}"`);
      }
      const symbols = (options.body!.symbols ?? []).map((s) => ({ symbol: s, addedAt: AT }));
      const created: Watchlist = { id: `00000000-0000-4000-8000-00000000000${nextId++}`, name, symbols, createdAt: AT };
      lists = [...lists, created];
      return structuredClone(created);
    }
    const list = find(id!);
    if (method === 'POST') {
      for (const s of options.body!.symbols!) {
        if (!list.symbols.some((x) => x.symbol === s)) list.symbols.push({ symbol: s, addedAt: AT });
      }
    } else if (method === 'DELETE' && symbol) {
      list.symbols = list.symbols.filter((x) => x.symbol !== symbol);
    } else if (method === 'DELETE') {
      lists = lists.filter((w) => w !== list);
      return null;
    }
    return structuredClone(list);
  };
  return { request, lists: () => lists };
}
